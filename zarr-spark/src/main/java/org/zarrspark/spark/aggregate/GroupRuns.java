package org.zarrspark.spark.aggregate;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Finds runs of rows that belong to one group. Grouping is by dimensions and rows walk the grid
 * in order, so a group's rows come in long runs: each is found once, by one type test and a tight
 * loop per grouping column.
 */
final class GroupRuns {
  private GroupRuns() {}

  /** The end of the run of rows from {@code start} (before {@code limit}) with equal values in columns [0, g). */
  static int end(ColumnarBatch b, int g, int start, int limit) {
    int end = limit;
    for (int c = 0; c < g && end > start + 1; c++) {
      end = runEnd(b.column(c), start, end);
    }
    return end;
  }

  /** The end (before {@code limit}) of the run of rows from {@code start} that hold the same value. */
  static int runEnd(ColumnVector v, int start, int limit) {
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

  /**
   * A value's identity as a group (and integer columns' values for MIN/MAX): -0.0 and 0.0, and
   * all NaNs, are one group, as in Spark.
   */
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
}
