package org.zarrspark.spark.aggregate;

import org.zarrspark.core.dtype.DataType;
import org.zarrspark.spark.model.Decoding;
import org.zarrspark.spark.read.DecodedRun;

/**
 * Count, sum, minimum and maximum of a run of floating-point elements, taken in one pass
 * straight from a decoded little-endian buffer: what every aggregate of one column needs, without
 * copying the elements into a column vector, marking NULLs there and reading them back once per
 * aggregate. NULL here is what {@link Decoding} makes NULL: NaN (when NaN means missing) and the
 * mask values, and rows of unreadable chunks (PERMISSIVE).
 */
final class RunStats {
  /** Non-NULL elements. */
  long count;
  /** Their sum in double, in element order (as Spark sums a float column). */
  double sum;
  /** Extremes of the non-NULL elements that are not NaN. */
  double min;
  double max;
  /** Non-NaN, non-NULL elements seen. */
  long numbers;
  /** A non-NULL NaN was seen (only where NaN is not NULL). */
  boolean nan;

  /** Values that mean NULL, at the stored width (a float32 mask compares as float32, as in the vectors). */
  private final double[] masks;
  private final boolean nanIsNull;
  private final boolean wide;
  /** Whether the fold takes the sum, and the minimum and maximum: only what some aggregate uses. */
  private final boolean wantSum;
  private final boolean wantRange;

  RunStats(Decoding dec, DataType stored, boolean wantSum, boolean wantRange) {
    this.wide = stored.itemSize() == 8;
    this.masks = dec.maskValues.clone();
    if (!wide) {
      for (int i = 0; i < masks.length; i++) {
        masks[i] = (float) masks[i];
      }
    }
    this.nanIsNull = dec.nanIsNull;
    this.wantSum = wantSum;
    this.wantRange = wantRange;
  }

  /** Whether a column's values can be folded from its decoded buffer: plain float32 or float64. */
  static boolean supports(Decoding dec, DataType stored) {
    if (dec == null || dec.scaled || stored.kind() != DataType.Kind.FLOAT) {
      return false;
    }
    return (dec.out == Decoding.Out.FLOAT && stored.itemSize() == 4)
        || (dec.out == Decoding.Out.DOUBLE && stored.itemSize() == 8);
  }

  /** Folds rows {@code [from, to)} of {@code run}, replacing what this held. */
  void of(DecodedRun run, int from, int to) {
    if (run.hasUnreadable()) {
      ofReadable(run, from, to);
      return;
    }
    double[] masks = this.masks;
    boolean wide = this.wide;
    boolean nanIsNull = this.nanIsNull;
    boolean sums = wantSum;
    boolean range = wantRange;
    long n = 0;
    long nans = 0;
    double s = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    // The tests on wide, sums and range do not change inside the loop: the JIT takes them out.
    for (int i = from; i < to; i++) {
      double x = wide ? run.doubleAt(i) : run.floatAt(i);
      if (x != x) {
        if (!nanIsNull) {
          nans++;
          s = Double.NaN;
        }
        continue;
      }
      if (masks.length > 0 && masked(x, masks)) {
        continue;
      }
      n++;
      if (sums) {
        s += x;
      }
      // Strict comparisons from infinite starts: among equal values (0.0 and -0.0) the first
      // one stays, as in the row-by-row fold.
      if (range) {
        if (x < lo) {
          lo = x;
        }
        if (x > hi) {
          hi = x;
        }
      }
    }
    set(n, nans, s, lo, hi);
  }

  /** As {@link #of}, skipping rows of unreadable chunks: a loop apart, to keep that one lean. */
  private void ofReadable(DecodedRun run, int from, int to) {
    long n = 0;
    long nans = 0;
    double s = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      if (run.unreadableAt(i)) {
        continue;
      }
      double x = wide ? run.doubleAt(i) : run.floatAt(i);
      if (x != x) {
        if (!nanIsNull) {
          nans++;
          s = Double.NaN;
        }
        continue;
      }
      if (masks.length > 0 && masked(x, masks)) {
        continue;
      }
      n++;
      s += x;
      if (x < lo) {
        lo = x;
      }
      if (x > hi) {
        hi = x;
      }
    }
    set(n, nans, s, lo, hi);
  }

  private void set(long n, long nans, double s, double lo, double hi) {
    count = n + nans;
    numbers = n;
    sum = s;
    min = lo;
    max = hi;
    nan = nans > 0;
  }

  private static boolean masked(double x, double[] masks) {
    for (double m : masks) {
      if (x == m) {
        return true;
      }
    }
    return false;
  }

  /** The run's maximum in Spark's order (NaN above everything); only when {@code count > 0}. */
  double maxValue() {
    return nan ? Double.NaN : max;
  }

  /** The run's minimum (NaN only if every element is NaN); only when {@code count > 0}. */
  double minValue() {
    return numbers > 0 ? min : Double.NaN;
  }
}
