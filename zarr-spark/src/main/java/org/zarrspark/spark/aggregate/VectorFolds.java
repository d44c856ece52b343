package org.zarrspark.spark.aggregate;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnVector;

/**
 * Folds rows {@code [start, end)} of a column vector into aggregate {@code k} of a group: the
 * path of columns that are not folded from their decoded buffers ({@link RunStats}). One loop
 * per element type: a type test per element would cost as much as the fold.
 */
final class VectorFolds {
  private VectorFolds() {}

  static void count(ColumnVector v, int start, int end, int batchRows, Partials p, int k) {
    long nonNull = end - start;
    if (start == 0 && end == batchRows) {
      nonNull -= v.numNulls(); // the usual case: a group's run spans the batch
    } else if (v.hasNull()) {
      for (int r = start; r < end; r++) {
        nonNull -= v.isNullAt(r) ? 1 : 0;
      }
    }
    p.l[k] += nonNull;
  }

  static void sum(ColumnVector v, int start, int end, Partials p, int k) {
    double s = 0;
    boolean seen = false;
    boolean nulls = v.hasNull();
    if (v.dataType() == DataTypes.FloatType) {
      for (int r = start; r < end; r++) {
        if (!nulls || !v.isNullAt(r)) {
          s += v.getFloat(r);
          seen = true;
        }
      }
    } else {
      for (int r = start; r < end; r++) {
        if (!nulls || !v.isNullAt(r)) {
          s += v.getDouble(r);
          seen = true;
        }
      }
    }
    if (seen) {
      p.d[k] += s;
      p.seen[k] = true;
    }
  }

  /** MIN or MAX of a float or double column, in Spark's order ({@link Partials#beats}). */
  static void extremeDouble(ColumnVector v, int start, int end, Partials p, int k, boolean max) {
    boolean nulls = v.hasNull();
    boolean isFloat = v.dataType() == DataTypes.FloatType;
    double best = p.d[k];
    boolean seen = p.seen[k];
    for (int r = start; r < end; r++) {
      if (nulls && v.isNullAt(r)) {
        continue;
      }
      double x = isFloat ? v.getFloat(r) : v.getDouble(r);
      if (!seen) {
        best = x;
        seen = true;
      } else if (Partials.beats(x, best, max)) {
        best = x;
      }
    }
    p.d[k] = best;
    p.seen[k] = seen;
  }

  /** MIN or MAX of an integer or timestamp column. */
  static void extremeLong(ColumnVector v, int start, int end, Partials p, int k, boolean max) {
    boolean nulls = v.hasNull();
    long best = p.l[k];
    boolean seen = p.seen[k];
    for (int r = start; r < end; r++) {
      if (nulls && v.isNullAt(r)) {
        continue;
      }
      long x = GroupRuns.bits(v, r);
      if (!seen || (max ? x > best : x < best)) {
        best = x;
        seen = true;
      }
    }
    p.l[k] = best;
    p.seen[k] = seen;
  }
}
