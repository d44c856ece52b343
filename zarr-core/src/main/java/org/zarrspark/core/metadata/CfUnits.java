package org.zarrspark.core.metadata;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CF time units, {@code "<unit> since <date>"}, as xarray parses them on the standard calendars. */
public final class CfUnits {
  private static final Pattern SINCE = Pattern.compile(
      "\\s*(\\w+)\\s+since\\s+(\\d{1,4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d+))?)?)?\\s*(Z|UTC|[+-]00:?00)?\\s*");

  private CfUnits() {}

  /**
   * Units of the form {@code "<unit> since <date>"}: the unit's length in microseconds (-1 for a
   * unit word that is not a fixed length) and the reference date in microseconds since 1970.
   */
  public record Since(long unitMicros, long epochMicros) {}

  /**
   * Units {@code "<unit> since <date>"} as written, before any calendar is applied: the unit word,
   * its length in microseconds (-1 when not a fixed length) and the reference date's fields. The
   * date is not checked against a calendar here (February 30 is a date of the 360_day calendar).
   */
  public record Fields(String unit, long unitMicros, int year, int month, int day, int hour, int minute, int second,
      int micros) {}

  /** The units' fields, or null when they are not {@code "<unit> since <date>"}. */
  public static Fields fields(String units) {
    Matcher m = SINCE.matcher(units);
    if (!m.matches()) {
      return null;
    }
    int hh = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
    int mm = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
    int ss = m.group(7) == null ? 0 : Integer.parseInt(m.group(7));
    String frac = m.group(8) == null ? "0" : (m.group(8) + "000000").substring(0, 6);
    return new Fields(m.group(1), unitMicros(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
        Integer.parseInt(m.group(4)), hh, mm, ss, Integer.parseInt(frac));
  }

  /** The parsed units, or null when they are not {@code "<unit> since <date>"}. */
  public static Since parse(String units) {
    Fields f = fields(units);
    if (f == null) {
      return null;
    }
    LocalDateTime t = LocalDate.of(f.year(), f.month(), f.day()).atTime(f.hour(), f.minute(), f.second());
    return new Since(f.unitMicros(), t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + f.micros());
  }

  /** Whether a CF calendar is one of the standard (proleptic) Gregorian ones; absent means standard. */
  public static boolean standardCalendar(String calendar) {
    String c = calendar == null ? "standard" : calendar.toLowerCase(Locale.ROOT);
    return c.equals("standard") || c.equals("gregorian") || c.equals("proleptic_gregorian");
  }

  /** A CF unit word's length in microseconds, or -1. */
  public static long unitMicros(String unit) {
    switch (unit.toLowerCase(Locale.ROOT)) {
      case "days": case "day": case "d":
        return 86_400_000_000L;
      case "hours": case "hour": case "h": case "hr": case "hrs":
        return 3_600_000_000L;
      case "minutes": case "minute": case "min": case "mins":
        return 60_000_000L;
      case "seconds": case "second": case "s": case "sec": case "secs":
        return 1_000_000L;
      case "milliseconds": case "millisecond": case "ms":
        return 1_000L;
      case "microseconds": case "microsecond": case "us":
        return 1L;
      default:
        return -1;
    }
  }
}
