package org.zarrspark.core.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * CF calendars against labels computed independently, once, with cftime 1.6.2 (Debian's
 * python3-cftime): {@code cftime.num2date(values, units, calendar)[i].isoformat()}; for the Julian
 * calendar also the instant, {@code (d.toordinal(fractional=True) - 2440587.5) * 86400e6}
 * microseconds (the Julian Day of the date, less that of 1970-01-01T00:00 Gregorian).
 */
class CfCalendarTest {

  private static long calendarMicros(CfCalendar cal, String units, double v, boolean integral) {
    CfUnits.Fields f = CfUnits.fields(units);
    long offset = integral ? CfCalendar.offsetMicros((long) v, f.unitMicros()) : CfCalendar.offsetMicros(v, f.unitMicros());
    return cal.referenceMicros(f) + offset;
  }

  private static void labels(String calendar, String units, double[] values, boolean integral, String... want) {
    CfCalendar cal = CfCalendar.of(calendar);
    for (int i = 0; i < values.length; i++) {
      assertEquals(want[i], cal.label(calendarMicros(cal, units, values[i], integral)), calendar + " " + units + " " + values[i]);
    }
  }

  private static long utc(String label) {
    Instant t = Instant.parse(label + "Z");
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  @Test
  void noleapAcrossFebruaryAndYearEnds() {
    double[] v = {0, 58, 59, 1154, 1460, 1461, -1, -365, -366};
    String[] want = {"2000-01-01T00:00:00", "2000-02-28T00:00:00", "2000-03-01T00:00:00", "2003-03-01T00:00:00",
        "2004-01-01T00:00:00", "2004-01-02T00:00:00", "1999-12-31T00:00:00", "1999-01-01T00:00:00", "1998-12-31T00:00:00"};
    labels("noleap", "days since 2000-01-01", v, true, want);
    // As timestamps: the same label read as a Gregorian date-time (1154 -> 2003-03-01, table.csv of xr_calendars_v3).
    CfCalendar cal = CfCalendar.NOLEAP;
    for (int i = 0; i < v.length; i++) {
      assertEquals(utc(want[i]), cal.timestampMicros(calendarMicros(cal, "days since 2000-01-01", v[i], true)), want[i]);
    }
    labels("noleap", "days since 2000-01-01", new double[] {1.5, -0.25, 0.1}, false,
        "2000-01-02T12:00:00", "1999-12-31T18:00:00", "2000-01-01T02:24:00");
    labels("365_day", "hours since 2003-12-31 12:00", new double[] {0, 11, 12, 1416, -8760}, true,
        "2003-12-31T12:00:00", "2003-12-31T23:00:00", "2004-01-01T00:00:00", "2004-02-28T12:00:00", "2002-12-31T12:00:00");
    labels("noleap", "seconds since 1999-02-28 23:59:59.5", new double[] {0, 1, 86400}, true,
        "1999-02-28T23:59:59.500000", "1999-03-01T00:00:00.500000", "1999-03-01T23:59:59.500000");
    labels("noleap", "microseconds since 2000-01-01", new double[] {1, -1, 31536000000000.0}, true,
        "2000-01-01T00:00:00.000001", "1999-12-31T23:59:59.999999", "2001-01-01T00:00:00");
  }

  @Test
  void allLeapHasFebruary29EveryYear() {
    labels("all_leap", "hours since 2001-01-01", new double[] {1368, 1392, 1416, 1440, -1, 8784}, true,
        "2001-02-27T00:00:00", "2001-02-28T00:00:00", "2001-02-29T00:00:00", "2001-03-01T00:00:00",
        "2000-12-31T23:00:00", "2002-01-01T00:00:00");
    labels("all_leap", "hours since 2001-01-01", new double[] {0.5, 1 / 3.0}, false,
        "2001-01-01T00:30:00", "2001-01-01T00:20:00");
    labels("366_day", "days since 1900-02-28", new double[] {0, 1, 2, 366, -1}, true,
        "1900-02-28T00:00:00", "1900-02-29T00:00:00", "1900-03-01T00:00:00", "1901-02-28T00:00:00", "1900-02-27T00:00:00");
  }

  @Test
  void day360HasThirtyDayMonths() {
    labels("360_day", "days since 2001-01-01", new double[] {0, 29, 30, 59, 60, 359, 360, -1, -31}, true,
        "2001-01-01T00:00:00", "2001-01-30T00:00:00", "2001-02-01T00:00:00", "2001-02-30T00:00:00", "2001-03-01T00:00:00",
        "2001-12-30T00:00:00", "2002-01-01T00:00:00", "2000-12-30T00:00:00", "2000-11-30T00:00:00");
    labels("360_day", "days since 2001-01-01", new double[] {1.25}, false, "2001-01-02T06:00:00");
    // A reference date that exists only in this calendar.
    labels("360_day", "minutes since 2001-02-30 12:00", new double[] {0, 720, -43200, 518400}, true,
        "2001-02-30T12:00:00", "2001-03-01T00:00:00", "2001-01-30T12:00:00", "2002-02-30T12:00:00");
  }

  @Test
  void julianDatesAreTheirInstants() {
    CfCalendar cal = CfCalendar.JULIAN;
    double[] v = {0, 1, -1, 146000};
    long[] instants = {-12219379200000000L, -12219292800000000L, -12219465600000000L, 395020800000000L};
    labels("julian", "days since 1582-10-04", v, true,
        "1582-10-04T00:00:00", "1582-10-05T00:00:00", "1582-10-03T00:00:00", "1982-06-26T00:00:00");
    for (int i = 0; i < v.length; i++) {
      assertEquals(instants[i], cal.timestampMicros(calendarMicros(cal, "days since 1582-10-04", v[i], true)));
    }
    // Julian 1582-10-04 is Gregorian 1582-10-14, the day before the Gregorian reform.
    assertEquals(utc("1582-10-14T00:00:00"), instants[0]);
    assertEquals(-12219336000000000L, cal.timestampMicros(calendarMicros(cal, "days since 1582-10-04", 0.5, false)));
    long[] leap = {952905600000000L, 952992000000000L, 984441600000000L, -62119180800000000L};
    double[] h = {24, 48, 8784, -17520000};
    String[] hl = {"2000-02-29T00:00:00", "2000-03-01T00:00:00", "2001-02-28T00:00:00", "0001-07-12T00:00:00"};
    labels("julian", "hours since 2000-02-28", h, true, hl);
    for (int i = 0; i < h.length; i++) {
      assertEquals(leap[i], cal.timestampMicros(calendarMicros(cal, "hours since 2000-02-28", h[i], true)), hl[i]);
    }
    // 1900 is a leap year in the Julian calendar only.
    labels("julian", "milliseconds since 1900-02-29", new double[] {0, 86400000, -1}, true,
        "1900-02-29T00:00:00", "1900-03-01T00:00:00", "1900-02-28T23:59:59.999000");
    assertEquals(-2202854400001000L, cal.timestampMicros(calendarMicros(cal, "milliseconds since 1900-02-29", -1, true)));
  }

  @Test
  void gregorianDayNumbersAreEpochDays() {
    CfCalendar g = CfCalendar.PROLEPTIC_GREGORIAN;
    for (LocalDate d = LocalDate.of(-802, 1, 1); d.isBefore(LocalDate.of(2805, 1, 1)); d = d.plusDays(17)) {
      long n = g.dayNumber(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
      assertEquals(d.toEpochDay(), n, d.toString());
      long p = g.date(n);
      assertEquals(d, LocalDate.of((int) CfCalendar.year(p), CfCalendar.month(p), CfCalendar.day(p)));
    }
  }

  @Test
  void datesAndDayNumbersRoundTripInEveryCalendar() {
    for (CfCalendar cal : CfCalendar.values()) {
      long prev = Long.MIN_VALUE;
      for (long y = -9; y <= 9; y++) {
        for (int m = 1; m <= 12; m++) {
          for (int d = 1; d <= cal.daysInMonth(y, m); d++) {
            long n = cal.dayNumber(y, m, d);
            assertTrue(prev == Long.MIN_VALUE || n == prev + 1, cal + " " + y + "-" + m + "-" + d);
            prev = n;
            long p = cal.date(n);
            assertEquals(y, CfCalendar.year(p));
            assertEquals(m, CfCalendar.month(p));
            assertEquals(d, CfCalendar.day(p));
          }
        }
      }
    }
  }

  @Test
  void calendarNames() {
    assertEquals(CfCalendar.PROLEPTIC_GREGORIAN, CfCalendar.of(null));
    assertEquals(CfCalendar.PROLEPTIC_GREGORIAN, CfCalendar.of("Standard"));
    assertEquals(CfCalendar.NOLEAP, CfCalendar.of("365_day"));
    assertEquals(CfCalendar.ALL_LEAP, CfCalendar.of("366_DAY"));
    assertEquals(CfCalendar.DAY_360, CfCalendar.of("360_day"));
    assertEquals(CfCalendar.JULIAN, CfCalendar.of("julian"));
    assertNull(CfCalendar.of("none"));
    assertTrue(CfCalendar.NOLEAP.timestamps());
    assertTrue(CfCalendar.JULIAN.timestamps());
    assertFalse(CfCalendar.ALL_LEAP.timestamps());
    assertFalse(CfCalendar.DAY_360.timestamps());
  }

  @Test
  void referenceDatesOutsideTheCalendarAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> CfCalendar.NOLEAP.referenceMicros(CfUnits.fields("days since 2004-02-29")));
    assertThrows(IllegalArgumentException.class, () -> CfCalendar.DAY_360.referenceMicros(CfUnits.fields("days since 2001-01-31")));
    assertThrows(IllegalArgumentException.class, () -> CfCalendar.JULIAN.referenceMicros(CfUnits.fields("days since 0000-01-01")));
    assertThrows(IllegalArgumentException.class, () -> CfCalendar.NOLEAP.referenceMicros(CfUnits.fields("days since 2000-01-01 24:00")));
    assertThrows(IllegalArgumentException.class, () -> CfCalendar.NOLEAP.referenceMicros(CfUnits.fields("days since 2000-13-01")));
    assertEquals(0, CfCalendar.NOLEAP.referenceMicros(CfUnits.fields("days since 0000-01-01")));
  }

  @Test
  void offsetsPast64BitsAreArithmeticErrors() {
    assertThrows(ArithmeticException.class, () -> CfCalendar.offsetMicros(Long.MAX_VALUE / 1000, 86_400_000_000L));
    assertThrows(ArithmeticException.class, () -> CfCalendar.offsetMicros(1e300, 1L));
    assertThrows(ArithmeticException.class, () -> CfCalendar.offsetMicros(Double.POSITIVE_INFINITY, 1L));
    assertEquals(-1_500_000L, CfCalendar.offsetMicros(-1.5, 1_000_000L));
  }

  @Test
  void labelsOutsideFourDigitYears() {
    assertEquals("-0001-12-30T00:00:00", CfCalendar.DAY_360.label(-CfCalendar.DAY_MICROS));
    assertEquals("+10000-01-01T00:00:00", CfCalendar.NOLEAP.label(10_000L * 365 * CfCalendar.DAY_MICROS));
  }
}
