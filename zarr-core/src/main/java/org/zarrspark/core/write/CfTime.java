package org.zarrspark.core.write;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * CF encoding of instants as xarray writes datetime64 values: int64 counts of a unit since a
 * reference date ({@code "hours since 2021-06-01"}, calendar {@code proleptic_gregorian}). The
 * unit is the coarsest one in which every value is a whole number; the reference is the
 * earliest value (its date alone when it falls on midnight).
 */
public final class CfTime implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String CALENDAR = "proleptic_gregorian";

  private static final String[] UNITS = {"days", "hours", "minutes", "seconds", "milliseconds", "microseconds"};
  private static final long[] UNIT_MICROS = {86_400_000_000L, 3_600_000_000L, 60_000_000L, 1_000_000L, 1_000L, 1L};

  private final String unit;
  private final long unitMicros;
  private final long epochMicros;

  public CfTime(String unit, long unitMicros, long epochMicros) {
    this.unit = unit;
    this.unitMicros = unitMicros;
    this.epochMicros = epochMicros;
  }

  /** The encoding xarray would choose for these instants (microseconds since 1970, UTC). */
  public static CfTime infer(long[] micros) {
    if (micros.length == 0) {
      return new CfTime("days", UNIT_MICROS[0], 0);
    }
    long ref = Long.MAX_VALUE;
    for (long m : micros) {
      ref = Math.min(ref, m);
    }
    long earliest = ref;
    return coarsest(ref, unit -> {
      for (long m : micros) {
        if ((m - earliest) % unit != 0) {
          return false;
        }
      }
      return true;
    });
  }

  /**
   * The encoding from the earliest instant and a test of which unit lengths (microseconds) count
   * every instant whole from it: the coarsest such unit. For callers that learn this from
   * aggregates (an instant x is whole in unit u from the earliest one when every x mod u is equal).
   */
  public static CfTime coarsest(long earliestMicros, java.util.function.LongPredicate wholeIn) {
    for (int u = 0; u < UNITS.length - 1; u++) {
      if (wholeIn.test(UNIT_MICROS[u])) {
        return new CfTime(UNITS[u], UNIT_MICROS[u], earliestMicros);
      }
    }
    return new CfTime("microseconds", 1L, earliestMicros); // microseconds divide every value
  }

  /** The unit lengths, in microseconds, an encoding chooses from (coarsest first). */
  public static long[] unitLengths() {
    return UNIT_MICROS.clone();
  }

  /** {@code "<unit> since <reference>"}. */
  public String units() {
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
        (int) Math.floorMod(epochMicros, 1_000_000L) * 1000, ZoneOffset.UTC);
    String ref = t.toLocalTime().toNanoOfDay() == 0 ? t.toLocalDate().toString()
        : t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + fraction(t.getNano());
    return unit + " since " + ref;
  }

  private static String fraction(int nanos) {
    if (nanos == 0) {
      return "";
    }
    String s = String.format("%06d", nanos / 1000);
    return "." + s.replaceAll("0+$", "");
  }

  public long unitMicros() {
    return unitMicros;
  }

  public long epochMicros() {
    return epochMicros;
  }

  /** Whether {@code micros} is a whole number of units from the reference. */
  public boolean exact(long micros) {
    return (micros - epochMicros) % unitMicros == 0;
  }

  /** The stored count; exact only when {@link #exact} holds. */
  public long encode(long micros) {
    return Math.floorDiv(micros - epochMicros, unitMicros);
  }
}
