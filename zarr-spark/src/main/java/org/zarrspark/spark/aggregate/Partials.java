package org.zarrspark.spark.aggregate;

/**
 * The running values of every aggregate of one group: aggregate {@code k} keeps a double (float
 * SUM, MIN, MAX), or a long (counts, integer MIN and MAX), or both (AVG: sum and count), and
 * whether a value was seen.
 */
final class Partials {
  /** The group-by values, in Spark's internal form. */
  final Object[] key;
  final double[] d;
  final long[] l;
  final boolean[] seen;

  Partials(Object[] key, int aggregates) {
    this.key = key;
    this.d = new double[aggregates];
    this.l = new long[aggregates];
    this.seen = new boolean[aggregates];
  }

  /**
   * Whether {@code x} replaces {@code best} as the maximum (or minimum) in Spark's order for
   * floating point: NaN above everything, so MAX is NaN if any, MIN only if all are.
   */
  static boolean beats(double x, double best, boolean max) {
    return max ? (x > best || (x != x && best == best)) : (x < best || (best != best && x == x));
  }

  /** Merges a run's statistics into aggregate {@code k}, with the same rules as the row-by-row folds. */
  void merge(RunStats s, DataAggregates.Kind kind, int k) {
    if (kind == DataAggregates.Kind.COUNT) {
      l[k] += s.count;
      return;
    }
    if (s.count == 0) {
      return;
    }
    if (kind == DataAggregates.Kind.SUM || kind == DataAggregates.Kind.AVG) {
      l[k] += kind == DataAggregates.Kind.AVG ? s.count : 0;
      d[k] += s.sum;
      seen[k] = true;
      return;
    }
    boolean max = kind == DataAggregates.Kind.MAX;
    double x = max ? s.maxValue() : s.minValue();
    if (!seen[k] || beats(x, d[k], max)) {
      d[k] = x;
      seen[k] = true;
    }
  }
}
