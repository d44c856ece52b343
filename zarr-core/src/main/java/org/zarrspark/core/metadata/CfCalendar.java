package org.zarrspark.core.metadata;

import java.util.Locale;

/**
 * The CF calendars whose days all have the same length, as day numbers and dates. A time
 * {@code "<unit> since <date>"} is counted in "calendar microseconds": the reference date's day
 * number times a day, plus its time of day, plus the offset. For the Gregorian and Julian
 * calendars a day number is the day's distance from 1970-01-01 (Gregorian), so calendar
 * microseconds are the instant itself; the others count days in their own calendar.
 *
 * <p>Years are astronomical (year 0 exists) except that a Julian reference date cannot be in year
 * 0, which cftime refuses too. The "standard"/"gregorian" names mean proleptic Gregorian here, as
 * in the connector's decoding of them since the start (numpy's datetime64 is proleptic).
 */
public enum CfCalendar {
  PROLEPTIC_GREGORIAN("proleptic_gregorian"),
  JULIAN("julian"),
  NOLEAP("noleap"),
  ALL_LEAP("all_leap"),
  DAY_360("360_day");

  public static final long DAY_MICROS = 86_400_000_000L;
  private static final int[] CUM_NOLEAP = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
  private static final int[] CUM_LEAP = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366};
  /** Julian day count of 1969-12-19 (Julian), which is 1970-01-01 Gregorian: see {@link #julianCount}. */
  private static final long JULIAN_EPOCH = julianCount(1969, 12, 19);

  private final String cfName;

  CfCalendar(String cfName) {
    this.cfName = cfName;
  }

  /** The calendar's CF name as this project writes it. */
  public String cfName() {
    return cfName;
  }

  /** The calendar a CF {@code calendar} attribute names (absent means standard), or null for one not handled. */
  public static CfCalendar of(String name) {
    switch (name == null ? "standard" : name.trim().toLowerCase(Locale.ROOT)) {
      case "standard": case "gregorian": case "proleptic_gregorian":
        return PROLEPTIC_GREGORIAN;
      case "julian":
        return JULIAN;
      case "noleap": case "365_day":
        return NOLEAP;
      case "all_leap": case "366_day":
        return ALL_LEAP;
      case "360_day":
        return DAY_360;
      default:
        return null;
    }
  }

  /**
   * Whether every date of the calendar is a Gregorian date-time a timestamp holds: the Gregorian
   * and Julian ones (as the instant) and noleap (as its label). all_leap and 360_day have dates
   * (2001-02-29, 2001-02-30) no timestamp holds.
   */
  public boolean timestamps() {
    return this == PROLEPTIC_GREGORIAN || this == JULIAN || this == NOLEAP;
  }

  public int daysInMonth(long year, int month) {
    switch (this) {
      case DAY_360:
        return 30;
      case NOLEAP:
        return CUM_NOLEAP[month] - CUM_NOLEAP[month - 1];
      case ALL_LEAP:
        return CUM_LEAP[month] - CUM_LEAP[month - 1];
      default:
        boolean leap = this == JULIAN ? Math.floorMod(year, 4) == 0
            : Math.floorMod(year, 4) == 0 && (Math.floorMod(year, 100) != 0 || Math.floorMod(year, 400) == 0);
        return leap ? CUM_LEAP[month] - CUM_LEAP[month - 1] : CUM_NOLEAP[month] - CUM_NOLEAP[month - 1];
    }
  }

  /** The day number of a date (month 1-12, day 1-31; not checked here). */
  public long dayNumber(long y, int m, int d) {
    switch (this) {
      case NOLEAP:
        return y * 365 + CUM_NOLEAP[m - 1] + d - 1;
      case ALL_LEAP:
        return y * 366 + CUM_LEAP[m - 1] + d - 1;
      case DAY_360:
        return y * 360 + (m - 1) * 30L + d - 1;
      case JULIAN:
        return julianCount(y, m, d) - JULIAN_EPOCH;
      default:
        return gregorianEpochDay(y, m, d);
    }
  }

  /** The date of a day number, packed as {@code (year * 16 + month) * 32 + day}: see {@link #year} etc. */
  public long date(long n) {
    switch (this) {
      case NOLEAP:
        return ownYearDate(n, 365, CUM_NOLEAP);
      case ALL_LEAP:
        return ownYearDate(n, 366, CUM_LEAP);
      case DAY_360: {
        long y = Math.floorDiv(n, 360);
        int doy = (int) (n - y * 360);
        return pack(y, doy / 30 + 1, doy % 30 + 1);
      }
      case JULIAN:
        return julianDate(n + JULIAN_EPOCH);
      default:
        return gregorianDate(n);
    }
  }

  public static long year(long packed) {
    return packed >> 9;
  }

  public static int month(long packed) {
    return (int) (packed >> 5) & 15;
  }

  public static int day(long packed) {
    return (int) packed & 31;
  }

  /**
   * The reference date of CF units in calendar microseconds.
   *
   * @throws IllegalArgumentException when the date or time does not exist in this calendar
   */
  public long referenceMicros(CfUnits.Fields f) {
    if (f.month() < 1 || f.month() > 12 || f.day() < 1 || f.day() > daysInMonth(f.year(), f.month())) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%04d-%02d-%02d is not a date of the %s calendar",
          f.year(), f.month(), f.day(), cfName));
    }
    if (f.hour() > 23 || f.minute() > 59 || f.second() > 59) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%02d:%02d:%02d is not a time of day",
          f.hour(), f.minute(), f.second()));
    }
    if (this == JULIAN && f.year() == 0) {
      throw new IllegalArgumentException("the julian calendar has no year 0 (cftime refuses it as a reference year)");
    }
    long tod = ((f.hour() * 60L + f.minute()) * 60 + f.second()) * 1_000_000L + f.micros();
    return dayNumber(f.year(), f.month(), f.day()) * DAY_MICROS + tod;
  }

  /** An integer offset in units, in microseconds, exactly. @throws ArithmeticException past 64 bits */
  public static long offsetMicros(long value, long unitMicros) {
    return Math.multiplyExact(value, unitMicros);
  }

  /**
   * A floating offset in units, in microseconds, rounded to the nearest one (as cftime does).
   *
   * @throws ArithmeticException when it is not finite or past 64 bits (NaN is the caller's NULL)
   */
  public static long offsetMicros(double value, long unitMicros) {
    double x = value * unitMicros;
    if (!(Math.abs(x) < 9.2e18)) {
      throw new ArithmeticException("offset " + value + " times " + unitMicros + " microseconds");
    }
    return Math.round(x);
  }

  /**
   * Calendar microseconds as a Spark timestamp (microseconds since 1970 UTC): the instant for the
   * Gregorian and Julian calendars, the same date-time label read as proleptic Gregorian for
   * noleap (every noleap date exists in the Gregorian calendar).
   *
   * @throws ArithmeticException when the result does not fit 64 bits
   * @throws IllegalStateException for all_leap and 360_day, which have dates no timestamp holds
   */
  public long timestampMicros(long calendarMicros) {
    switch (this) {
      case PROLEPTIC_GREGORIAN:
      case JULIAN:
        return calendarMicros;
      case NOLEAP: {
        long n = Math.floorDiv(calendarMicros, DAY_MICROS);
        long tod = Math.floorMod(calendarMicros, DAY_MICROS);
        long d = date(n);
        return Math.addExact(Math.multiplyExact(gregorianEpochDay(year(d), month(d), day(d)), DAY_MICROS), tod);
      }
      default:
        throw new IllegalStateException(cfName + " dates are not timestamps");
    }
  }

  /**
   * Calendar microseconds as the calendar's own ISO label, {@code 2001-02-30T00:00:00}, with six
   * digits of fraction only when there is one (as Python's isoformat). Four-digit years sort in
   * time order as text; years outside 0000-9999 are written with a sign or more digits.
   */
  public String label(long calendarMicros) {
    long n = Math.floorDiv(calendarMicros, DAY_MICROS);
    long tod = Math.floorMod(calendarMicros, DAY_MICROS);
    long d = date(n);
    long y = year(d);
    StringBuilder sb = new StringBuilder(26);
    if (y < 0) {
      sb.append('-');
    } else if (y > 9999) {
      sb.append('+');
    }
    pad(sb, Math.abs(y), 4).append('-');
    pad(sb, month(d), 2).append('-');
    pad(sb, day(d), 2).append('T');
    long secs = tod / 1_000_000;
    pad(sb, secs / 3600, 2).append(':');
    pad(sb, secs / 60 % 60, 2).append(':');
    pad(sb, secs % 60, 2);
    long micros = tod % 1_000_000;
    if (micros != 0) {
      pad(sb.append('.'), micros, 6);
    }
    return sb.toString();
  }

  private static StringBuilder pad(StringBuilder sb, long v, int width) {
    String s = Long.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }

  private static long pack(long y, int m, int d) {
    return (y * 16 + m) * 32 + d;
  }

  private static long ownYearDate(long n, int yearDays, int[] cum) {
    long y = Math.floorDiv(n, yearDays);
    int doy = (int) (n - y * yearDays);
    int m = 1;
    while (cum[m] <= doy) {
      m++;
    }
    return pack(y, m, doy - cum[m - 1] + 1);
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (years counted from March, 400-year eras). */
  static long gregorianEpochDay(long y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  private static long gregorianDate(long n) {
    long z = n + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = (int) (doy - (153 * mp + 2) / 5 + 1);
    int m = (int) (mp < 10 ? mp + 3 : mp - 9);
    return pack(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
  }

  /** A count of Julian-calendar days (4-year cycles of 1,461 days, years counted from March). */
  private static long julianCount(long y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 4);
    long yoe = y - era * 4;
    long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    return era * 1461 + yoe * 365 + doy;
  }

  private static long julianDate(long z) {
    long era = Math.floorDiv(z, 1461);
    long doe = z - era * 1461;
    long yoe = Math.min(doe / 365, 3); // the last day of a cycle is the leap day of its fourth year
    long doy = doe - yoe * 365;
    long mp = (5 * doy + 2) / 153;
    int d = (int) (doy - (153 * mp + 2) / 5 + 1);
    int m = (int) (mp < 10 ? mp + 3 : mp - 9);
    return pack(yoe + era * 4 + (m <= 2 ? 1 : 0), m, d);
  }
}
