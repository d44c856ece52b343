package org.zarrspark.spark.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.spark.model.ColumnSpec;
import org.zarrspark.spark.read.ZarrColumnarReader;

/**
 * Reads a partition's batches and returns its partial aggregates: one row per group. Rows come
 * in runs of one group (grouping is by dimensions, and rows walk the grid in order), so each
 * run is found once and every aggregate folds it in a tight loop. Plain floating-point
 * variables are folded straight from their decoded buffers, all of a column's aggregates in one
 * pass ({@link RunStats}); other columns through their column vectors.
 */
final class PartialAggregator implements PartitionReader<InternalRow> {
  private final ZarrColumnarReader batches;
  private final DataAggregates plan;
  /** Per column: its run's statistics, and whether they are those of the current run. */
  private final RunStats[] stats;
  private final boolean[] statsFresh;
  private Iterator<InternalRow> results;
  private InternalRow current;

  PartialAggregator(ZarrColumnarReader batches, DataAggregates plan) {
    this.batches = batches;
    this.plan = plan;
    int n = plan.columns.size();
    boolean[] raw = new boolean[n];
    for (int i = plan.groupBy; i < n; i++) {
      ColumnSpec c = plan.columns.get(i);
      raw[i] = c.readsArray() && RunStats.supports(c.decoding, c.array.metadata().dataType());
    }
    batches.foldRaw(raw);
    this.stats = new RunStats[n];
    this.statsFresh = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (raw[i]) {
        boolean sum = false;
        boolean range = false;
        for (DataAggregates.Agg a : plan.aggs) {
          sum |= a.column == i && a.kind == DataAggregates.Kind.SUM;
          range |= a.column == i && (a.kind == DataAggregates.Kind.MIN || a.kind == DataAggregates.Kind.MAX);
        }
        ColumnSpec c = plan.columns.get(i);
        stats[i] = new RunStats(c.decoding, c.array.metadata().dataType(), sum, range);
      }
    }
  }

  /** The running values of every aggregate of one group. */
  private static final class Acc {
    final Object[] key;
    final double[] d;
    final long[] l;
    final boolean[] seen;

    Acc(Object[] key, int n) {
      this.key = key;
      this.d = new double[n];
      this.l = new long[n];
      this.seen = new boolean[n];
    }
  }

  @Override
  public boolean next() throws java.io.IOException {
    if (results == null) {
      results = aggregate().iterator();
    }
    if (!results.hasNext()) {
      return false;
    }
    current = results.next();
    return true;
  }

  @Override
  public InternalRow get() {
    return current;
  }

  private List<InternalRow> aggregate() throws java.io.IOException {
    Map<Key, Acc> groups = new LinkedHashMap<>();
    int g = plan.groupBy;
    while (batches.next()) {
      ColumnarBatch b = batches.get();
      int n = b.numRows();
      int start = 0;
      while (start < n) {
        int end = n;
        for (int c = 0; c < g && end > start + 1; c++) {
          end = runEnd(b.column(c), start, end);
        }
        Key key = g == 0 ? Key.NONE : Key.of(b, g, start);
        Acc acc = groups.get(key);
        if (acc == null) {
          acc = new Acc(key.values(b, g, start), plan.aggs.size());
          groups.put(key, acc);
        }
        fold(b, start, end, acc);
        start = end;
      }
    }
    if (g == 0 && groups.isEmpty()) {
      groups.put(Key.NONE, new Acc(new Object[0], plan.aggs.size())); // COUNT is 0, not NULL
    }
    List<InternalRow> out = new ArrayList<>(groups.size());
    for (Acc acc : groups.values()) {
      Object[] row = Arrays.copyOf(acc.key, g + plan.aggs.size());
      for (int k = 0; k < plan.aggs.size(); k++) {
        row[g + k] = result(plan.aggs.get(k), acc, k);
      }
      out.add(new GenericInternalRow(row));
    }
    return out;
  }

  /**
   * The end (before {@code limit}) of the run of rows from {@code start} that hold the same
   * group value: one type test, then a tight loop (grouping columns are dimensions, filled in
   * long runs).
   */
  private static int runEnd(ColumnVector v, int start, int limit) {
    int end = start + 1;
    if (v.hasNull()) {
      boolean nul = v.isNullAt(start);
      long b0 = nul ? 0 : bits(v, start);
      while (end < limit && v.isNullAt(end) == nul && (nul || bits(v, end) == b0)) {
        end++;
      }
      return end;
    }
    DataType t = v.dataType();
    if (t == DataTypes.LongType || t == DataTypes.TimestampType) {
      long x = v.getLong(start);
      while (end < limit && v.getLong(end) == x) {
        end++;
      }
    } else if (t == DataTypes.FloatType) {
      float x = v.getFloat(start);
      while (end < limit && Float.compare(v.getFloat(end), x) == 0) {
        end++;
      }
    } else if (t == DataTypes.DoubleType) {
      double x = v.getDouble(start);
      while (end < limit && Double.compare(v.getDouble(end), x) == 0) {
        end++;
      }
    } else {
      long x = bits(v, start);
      while (end < limit && bits(v, end) == x) {
        end++;
      }
    }
    return end;
  }

  /** A group value's identity; -0.0 and 0.0, and all NaNs, are one group, as in Spark. */
  static long bits(ColumnVector v, int r) {
    DataType t = v.dataType();
    if (t == DataTypes.FloatType) {
      float f = v.getFloat(r);
      return f == 0 ? 0 : Float.floatToIntBits(f);
    }
    if (t == DataTypes.DoubleType) {
      double d = v.getDouble(r);
      return d == 0 ? 0 : Double.doubleToLongBits(d);
    }
    if (t == DataTypes.IntegerType) {
      return v.getInt(r);
    }
    if (t == DataTypes.ShortType) {
      return v.getShort(r);
    }
    if (t == DataTypes.ByteType) {
      return v.getByte(r);
    }
    return v.getLong(r); // LongType, TimestampType
  }

  /** Group-by values as a hashable key. */
  private static final class Key {
    static final Key NONE = new Key(new long[0], new boolean[0]);
    final long[] bits;
    final boolean[] nulls;

    Key(long[] bits, boolean[] nulls) {
      this.bits = bits;
      this.nulls = nulls;
    }

    static Key of(ColumnarBatch b, int g, int r) {
      long[] bits = new long[g];
      boolean[] nulls = new boolean[g];
      for (int c = 0; c < g; c++) {
        nulls[c] = b.column(c).isNullAt(r);
        bits[c] = nulls[c] ? 0 : bits(b.column(c), r);
      }
      return new Key(bits, nulls);
    }

    /** The group-by values in Spark's internal form. */
    Object[] values(ColumnarBatch b, int g, int r) {
      Object[] out = new Object[g];
      for (int c = 0; c < g; c++) {
        ColumnVector v = b.column(c);
        if (nulls[c]) {
          continue;
        }
        DataType t = v.dataType();
        out[c] = t == DataTypes.FloatType ? (Object) v.getFloat(r) : t == DataTypes.DoubleType ? (Object) v.getDouble(r)
            : t == DataTypes.IntegerType ? (Object) v.getInt(r) : t == DataTypes.ShortType ? (Object) v.getShort(r)
            : t == DataTypes.ByteType ? (Object) v.getByte(r) : (Object) v.getLong(r);
      }
      return out;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key && Arrays.equals(bits, ((Key) o).bits) && Arrays.equals(nulls, ((Key) o).nulls);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bits) * 31 + Arrays.hashCode(nulls);
    }
  }

  /** Folds rows [start, end) into every aggregate of a group. */
  private void fold(ColumnarBatch b, int start, int end, Acc acc) {
    Arrays.fill(statsFresh, false);
    for (int k = 0; k < plan.aggs.size(); k++) {
      DataAggregates.Agg a = plan.aggs.get(k);
      if (a.kind == DataAggregates.Kind.COUNT_STAR) {
        acc.l[k] += end - start;
        continue;
      }
      NdBuffer raw = batches.rawData(a.column);
      if (raw != null) {
        fold(runStats(a.column, raw, start, end), a.kind, acc, k);
        continue;
      }
      ColumnVector v = b.column(a.column);
      switch (a.kind) {
        case COUNT:
          long nonNull = end - start;
          if (start == 0 && end == b.numRows()) {
            nonNull -= v.numNulls(); // the usual case: a group's run spans the batch
          } else if (v.hasNull()) {
            for (int r = start; r < end; r++) {
              nonNull -= v.isNullAt(r) ? 1 : 0;
            }
          }
          acc.l[k] += nonNull;
          break;
        case SUM:
          foldSum(v, start, end, acc, k);
          break;
        default:
          if (a.type == DataTypes.FloatType || a.type == DataTypes.DoubleType) {
            foldExtremeDouble(v, start, end, acc, k, a.kind == DataAggregates.Kind.MAX);
          } else {
            foldExtremeLong(v, start, end, acc, k, a.kind == DataAggregates.Kind.MAX);
          }
      }
    }
  }

  private RunStats runStats(int column, NdBuffer raw, int start, int end) {
    RunStats s = stats[column];
    if (!statsFresh[column]) {
      int e = batches.rawStart(column);
      s.of(raw, e + start, e + end);
      statsFresh[column] = true;
    }
    return s;
  }

  /** Merges a run's statistics into one aggregate, with the same rules as the row-by-row folds. */
  private static void fold(RunStats s, DataAggregates.Kind kind, Acc acc, int k) {
    if (kind == DataAggregates.Kind.COUNT) {
      acc.l[k] += s.count;
      return;
    }
    if (s.count == 0) {
      return;
    }
    if (kind == DataAggregates.Kind.SUM) {
      acc.d[k] += s.sum;
      acc.seen[k] = true;
      return;
    }
    boolean max = kind == DataAggregates.Kind.MAX;
    double x = max ? s.maxValue() : s.minValue();
    double best = acc.d[k];
    if (!acc.seen[k] || (max ? (x > best || (x != x && best == best)) : (x < best || (best != best && x == x)))) {
      acc.d[k] = x;
      acc.seen[k] = true;
    }
  }

  private static void foldSum(ColumnVector v, int start, int end, Acc acc, int k) {
    double s = 0;
    boolean seen = false;
    boolean nulls = v.hasNull();
    // One loop per element type: a type test per element would cost as much as the sum.
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
      acc.d[k] += s;
      acc.seen[k] = true;
    }
  }

  /** Spark's order for floating point: NaN above everything, so MAX is NaN if any, MIN only if all. */
  private static void foldExtremeDouble(ColumnVector v, int start, int end, Acc acc, int k, boolean max) {
    boolean nulls = v.hasNull();
    boolean isFloat = v.dataType() == DataTypes.FloatType;
    double best = acc.d[k];
    boolean seen = acc.seen[k];
    for (int r = start; r < end; r++) {
      if (nulls && v.isNullAt(r)) {
        continue;
      }
      double x = isFloat ? v.getFloat(r) : v.getDouble(r);
      if (!seen) {
        best = x;
        seen = true;
      } else if (max ? (x > best || (x != x && best == best)) : (x < best || (best != best && x == x))) {
        best = x;
      }
    }
    acc.d[k] = best;
    acc.seen[k] = seen;
  }

  private static void foldExtremeLong(ColumnVector v, int start, int end, Acc acc, int k, boolean max) {
    boolean nulls = v.hasNull();
    long best = acc.l[k];
    boolean seen = acc.seen[k];
    for (int r = start; r < end; r++) {
      if (nulls && v.isNullAt(r)) {
        continue;
      }
      long x = bits(v, r);
      if (!seen || (max ? x > best : x < best)) {
        best = x;
        seen = true;
      }
    }
    acc.l[k] = best;
    acc.seen[k] = seen;
  }

  private static Object result(DataAggregates.Agg a, Acc acc, int k) {
    switch (a.kind) {
      case COUNT:
      case COUNT_STAR:
        return acc.l[k];
      case SUM:
        return acc.seen[k] ? acc.d[k] : null;
      default:
        if (!acc.seen[k]) {
          return null;
        }
        DataType t = a.type;
        if (t == DataTypes.FloatType) {
          return (float) acc.d[k];
        }
        if (t == DataTypes.DoubleType) {
          return acc.d[k];
        }
        if (t == DataTypes.IntegerType) {
          return (int) acc.l[k];
        }
        if (t == DataTypes.ShortType) {
          return (short) acc.l[k];
        }
        if (t == DataTypes.ByteType) {
          return (byte) acc.l[k];
        }
        return acc.l[k];
    }
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return batches.currentMetricsValues();
  }

  @Override
  public void close() throws java.io.IOException {
    batches.close();
  }
}
