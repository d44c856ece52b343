package org.zarrspark.spark.pushdown;

import java.nio.charset.StandardCharsets;
import org.apache.spark.unsafe.types.UTF8String;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.Store;
import org.zarrspark.spark.model.ColumnSpec;
import org.zarrspark.spark.model.Decoding;

/**
 * The decoded values of a 1-D coordinate, read on the driver to turn value predicates into
 * index ranges. Numbers as doubles (NaN for NULL), times as microseconds, text as UTF-8.
 */
public final class Coordinates {
  /** How values compare. */
  enum Kind { NUMBER, TIME, TEXT }

  final Kind kind;
  final double[] numbers;
  final long[] times;
  final boolean[] nulls;
  final UTF8String[] texts;
  /** 1 ascending, -1 descending (strictly, no NULLs), 0 neither. */
  final int monotonic;

  private Coordinates(Kind kind, double[] numbers, long[] times, boolean[] nulls, UTF8String[] texts) {
    this.kind = kind;
    this.numbers = numbers;
    this.times = times;
    this.nulls = nulls;
    this.texts = texts;
    this.monotonic = monotonic();
  }

  int size() {
    return nulls.length;
  }

  public boolean isNull(int i) {
    return nulls[i];
  }

  /** Orders two coordinate values (neither NULL). */
  public int compare(int i, int j) {
    return compareAt(i, j);
  }

  /** Value i in Spark's internal form for a column written as {@code out}. */
  public Object internalValue(int i, Decoding.Out out) {
    switch (kind) {
      case TIME:
        return times[i];
      case TEXT:
        return texts[i];
      default:
        break;
    }
    double v = numbers[i];
    switch (out) {
      case BYTE: return (byte) v;
      case SHORT: return (short) v;
      case INT: return (int) v;
      case LONG: return (long) v;
      case FLOAT: return (float) v;
      case DOUBLE: return v;
      case BOOLEAN: return v != 0;
      default: return org.apache.spark.sql.types.Decimal.apply(new java.math.BigDecimal(v));
    }
  }

  private int monotonic() {
    int n = size();
    if (n < 2) {
      return 0;
    }
    boolean up = true;
    boolean down = true;
    for (int i = 0; i < n; i++) {
      if (nulls[i]) {
        return 0;
      }
      if (i > 0) {
        int c = compareAt(i, i - 1);
        up &= c > 0;
        down &= c < 0;
      }
    }
    return up ? 1 : down ? -1 : 0;
  }

  private int compareAt(int i, int j) {
    if (kind == Kind.TEXT) {
      return texts[i].compareTo(texts[j]); // Spark's (binary) order of strings
    }
    return kind == Kind.TIME ? Long.compare(times[i], times[j]) : Double.compare(numbers[i], numbers[j]);
  }

  /** Reads and decodes a dimension column's coordinate array. */
  public static Coordinates load(Store store, ColumnSpec c) {
    ZarrArray a = new ZarrArray(store, c.array.path(), c.array.metadata());
    NdBuffer b = a.readAll();
    Decoding dec = c.decoding;
    try {
      return decode(b, dec);
    } catch (ZarrException e) {
      throw e.at(store.describe(), c.array.path());
    }
  }

  private static Coordinates decode(NdBuffer b, Decoding dec) {
    int n = b.size();
    boolean[] nulls = new boolean[n];
    if (dec.out == Decoding.Out.STRING && dec.cfTime) {
      // A calendar's date labels (all_leap, 360_day), as the reader writes them.
      UTF8String[] t = new UTF8String[n];
      try (org.apache.spark.sql.execution.vectorized.OnHeapColumnVector col =
          new org.apache.spark.sql.execution.vectorized.OnHeapColumnVector(Math.max(1, n),
              org.apache.spark.sql.types.DataTypes.StringType)) {
        org.zarrspark.spark.read.ColumnWriter.write(dec, b, 0, n, col, 0);
        for (int i = 0; i < n; i++) {
          nulls[i] = col.isNullAt(i);
          t[i] = nulls[i] ? null : col.getUTF8String(i).clone();
        }
      }
      return new Coordinates(Kind.TEXT, null, null, nulls, t);
    }
    if (dec.out == Decoding.Out.STRING) {
      UTF8String[] t = new UTF8String[n];
      for (int i = 0; i < n; i++) {
        String s = b.type().kind() == org.zarrspark.core.dtype.DataType.Kind.STRING ? b.getString(i)
            : new String(b.getElementBytes(i), java.nio.charset.Charset.forName("UTF-32LE")).replace("\0", "");
        t[i] = UTF8String.fromBytes(s.getBytes(StandardCharsets.UTF_8));
      }
      return new Coordinates(Kind.TEXT, null, null, nulls, t);
    }
    if (dec.out == Decoding.Out.TIMESTAMP) {
      long[] v = new long[n];
      org.apache.spark.sql.execution.vectorized.OnHeapColumnVector col =
          new org.apache.spark.sql.execution.vectorized.OnHeapColumnVector(Math.max(1, n),
              org.apache.spark.sql.types.DataTypes.TimestampType);
      org.zarrspark.spark.read.ColumnWriter.write(dec, b, 0, n, col, 0);
      for (int i = 0; i < n; i++) {
        nulls[i] = col.isNullAt(i);
        v[i] = nulls[i] ? 0 : col.getLong(i);
      }
      col.close();
      return new Coordinates(Kind.TIME, null, v, nulls, null);
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double x = b.getAsDouble(i);
      nulls[i] = org.zarrspark.spark.read.ColumnWriter.masked(dec, b, i) || Double.isNaN(x);
      v[i] = dec.scaled ? x * dec.scale + dec.offset : x;
      if (dec.out == Decoding.Out.FLOAT) {
        v[i] = (float) v[i];
      }
    }
    return new Coordinates(Kind.NUMBER, v, null, nulls, null);
  }
}
