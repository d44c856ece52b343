package org.zarrspark.spark.aggregate;

import java.util.Arrays;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * A group's identity: its group-by values as bits ({@link GroupRuns#bits}) and NULL flags.
 * Made once per run of a group, not per row.
 */
record GroupKey(long[] bits, boolean[] nulls) {
  static final GroupKey NONE = new GroupKey(new long[0], new boolean[0]);

  /** The key of row {@code r}, grouped by columns [0, g). */
  static GroupKey of(ColumnarBatch b, int g, int r) {
    if (g == 0) {
      return NONE;
    }
    long[] bits = new long[g];
    boolean[] nulls = new boolean[g];
    for (int c = 0; c < g; c++) {
      nulls[c] = b.column(c).isNullAt(r);
      bits[c] = nulls[c] ? 0 : GroupRuns.bits(b.column(c), r);
    }
    return new GroupKey(bits, nulls);
  }

  /** The group-by values of row {@code r} in Spark's internal form. */
  Object[] values(ColumnarBatch b, int r) {
    int g = bits.length;
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
    return o instanceof GroupKey k && Arrays.equals(bits, k.bits) && Arrays.equals(nulls, k.nulls);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bits) * 31 + Arrays.hashCode(nulls);
  }
}
