package org.zarrspark.spark.write;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.UnsupportedDataTypeException;

/**
 * How a Spark column is stored: its Zarr type, and how its values become the long, double or
 * String the writer handles. Timestamps are stored as CF-encoded int64 (as xarray stores
 * datetime64), so they read back as TimestampType.
 */
public enum ValueKind {
  INT8(DataType.INT8), INT16(DataType.INT16), INT32(DataType.INT32), INT64(DataType.INT64),
  FLOAT32(DataType.FLOAT32), FLOAT64(DataType.FLOAT64), BOOL(DataType.BOOL), STRING(DataType.STRING),
  TIMESTAMP(DataType.INT64);

  private final DataType zarrType;

  ValueKind(DataType zarrType) {
    this.zarrType = zarrType;
  }

  public DataType zarrType() {
    return zarrType;
  }

  public static ValueKind of(String column, org.apache.spark.sql.types.DataType t) {
    if (t instanceof ByteType) {
      return INT8;
    } else if (t instanceof ShortType) {
      return INT16;
    } else if (t instanceof IntegerType) {
      return INT32;
    } else if (t instanceof LongType) {
      return INT64;
    } else if (t instanceof FloatType) {
      return FLOAT32;
    } else if (t instanceof DoubleType) {
      return FLOAT64;
    } else if (t instanceof BooleanType) {
      return BOOL;
    } else if (t instanceof StringType) {
      return STRING;
    } else if (t instanceof TimestampType || t instanceof TimestampNTZType) {
      return TIMESTAMP;
    }
    throw new UnsupportedDataTypeException("column '" + column + "' of type " + t.simpleString()
        + " cannot be written to Zarr: cast it to a number, boolean, string or timestamp");
  }

  public boolean isInteger() {
    return this == INT8 || this == INT16 || this == INT32 || this == INT64;
  }

  public boolean isFloating() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /** The value as the writer handles it: Long (integers, booleans, timestamps in microseconds), Double or String. */
  public Object key(Object v) {
    switch (this) {
      case FLOAT32:
      case FLOAT64: {
        double d = ((Number) v).doubleValue();
        return d == 0.0 ? 0.0 : d; // -0.0 and 0.0 are one coordinate
      }
      case STRING:
        return v.toString();
      case BOOL:
        return ((Boolean) v) ? 1L : 0L;
      case TIMESTAMP:
        return micros(v);
      default:
        return ((Number) v).longValue();
    }
  }

  static long micros(Object v) {
    Instant i;
    if (v instanceof java.sql.Timestamp) {
      i = ((java.sql.Timestamp) v).toInstant();
    } else if (v instanceof Instant) {
      i = (Instant) v;
    } else if (v instanceof LocalDateTime) {
      i = ((LocalDateTime) v).toInstant(ZoneOffset.UTC);
    } else {
      throw new IllegalArgumentException("not a timestamp: " + v);
    }
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }
}
