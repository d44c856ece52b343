package org.zarrspark.spark.model;

import java.io.Serializable;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zarrspark.core.metadata.CfCalendar;

/**
 * How the stored values of one column become Spark values: the output type, which raw values
 * mean NULL, CF scale/offset, and time conversions. Serializable: it travels to executors.
 */
public final class Decoding implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Spark-side representation the reader writes. */
  public enum Out { BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, DECIMAL, TIMESTAMP, STRING, BINARY, STRUCT }

  public final Out out;
  /** Raw values (as doubles) that mean missing; compared before scaling. */
  public final double[] maskValues;
  /** Raw values (as longs) that mean missing, for 64-bit integers that doubles cannot hold. */
  public final long[] maskLongs;
  /** NaN means NULL (CF decoding of floating values). */
  public final boolean nanIsNull;
  public final boolean scaled;
  public final double scale;
  public final double offset;
  /**
   * For CF times: microseconds per raw unit and the units' reference date in the calendar's
   * microseconds ({@link CfCalendar}: for the Gregorian and Julian calendars, since 1970 UTC).
   */
  public final double timeUnitMicros;
  public final long timeEpochMicros;
  public final boolean cfTime;
  /** For CF times: the calendar; TIMESTAMP output for those whose dates timestamps hold, else STRING labels. */
  public final CfCalendar calendar;
  /** For CF times: the units as written, for messages. */
  public final String timeUnits;
  /** For datetime64: the element's unit in nanoseconds (times its scale), and NaT is NULL. */
  public final long datetimeUnitNanos;
  /** Human note for the scan description (e.g. a calendar left undecoded), or null. */
  public final String note;
  /** For timedelta64: the scale factor the stored count is multiplied by; NaT is NULL. */
  public final long timedeltaScale;
  /** For STRUCT: each field's name and decoding, in declaration order. */
  public final String[] fieldNames;
  public final Decoding[] fields;

  private Decoding(Builder b) {
    this.out = b.out;
    this.maskValues = b.maskValues;
    this.maskLongs = b.maskLongs;
    this.nanIsNull = b.nanIsNull;
    this.scaled = b.scaled;
    this.scale = b.scale;
    this.offset = b.offset;
    this.timeUnitMicros = b.timeUnitMicros;
    this.timeEpochMicros = b.timeEpochMicros;
    this.cfTime = b.cfTime;
    this.calendar = b.calendar;
    this.timeUnits = b.timeUnits;
    this.datetimeUnitNanos = b.datetimeUnitNanos;
    this.note = b.note;
    this.timedeltaScale = b.timedeltaScale;
    this.fieldNames = b.fieldNames;
    this.fields = b.fields;
  }

  /** True for a timedelta64 column: stored counts times {@link #timedeltaScale}, NaT as NULL. */
  public boolean timedelta() {
    return timedeltaScale > 0;
  }

  public boolean hasMask() {
    return maskValues.length > 0 || maskLongs.length > 0 || nanIsNull;
  }

  public DataType sparkType() {
    switch (out) {
      case BOOLEAN: return DataTypes.BooleanType;
      case BYTE: return DataTypes.ByteType;
      case SHORT: return DataTypes.ShortType;
      case INT: return DataTypes.IntegerType;
      case LONG: return DataTypes.LongType;
      case FLOAT: return DataTypes.FloatType;
      case DOUBLE: return DataTypes.DoubleType;
      case DECIMAL: return new DecimalType(20, 0);
      case TIMESTAMP: return DataTypes.TimestampType;
      case STRING: return DataTypes.StringType;
      case STRUCT: {
        StructField[] fs = new StructField[fields.length];
        for (int i = 0; i < fs.length; i++) {
          fs[i] = new StructField(fieldNames[i], fields[i].sparkType(), true, Metadata.empty());
        }
        return new StructType(fs);
      }
      default: return DataTypes.BinaryType;
    }
  }

  /** Mutable builder used by {@link CfConventions}. */
  public static final class Builder {
    Out out;
    double[] maskValues = new double[0];
    long[] maskLongs = new long[0];
    boolean nanIsNull;
    boolean scaled;
    double scale = 1;
    double offset = 0;
    double timeUnitMicros;
    long timeEpochMicros;
    boolean cfTime;
    CfCalendar calendar;
    String timeUnits;
    long datetimeUnitNanos;
    String note;
    long timedeltaScale;
    String[] fieldNames;
    Decoding[] fields;

    public Decoding build() {
      return new Decoding(this);
    }
  }
}
