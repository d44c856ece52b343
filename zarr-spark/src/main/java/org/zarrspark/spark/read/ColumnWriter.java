package org.zarrspark.spark.read;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.Decimal;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.ValueOutOfRangeException;
import org.zarrspark.core.metadata.CfCalendar;
import org.zarrspark.spark.model.Decoding;

/**
 * Moves decoded elements into a Spark column vector, applying the column's decoding (NULL
 * masks, scale/offset, time conversions): a contiguous run of elements, or one element repeated
 * over a run of rows (a coordinate along an outer dimension), converted once. No per-row
 * objects except for strings.
 */
public final class ColumnWriter {
  private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle DOUBLE_LE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

  private ColumnWriter() {}

  /** Writes elements {@code [start, start + count)} into rows {@code [row, row + count)} of {@code out}. */
  public static void write(Decoding dec, NdBuffer src, int start, int count, WritableColumnVector out, int row) {
    DataType t = src.type();
    switch (dec.out) {
      case FLOAT:
        if (!dec.scaled && t.kind() == DataType.Kind.FLOAT && t.itemSize() == 4) {
          out.putFloatsLittleEndian(row, count, src.bytes(), start * 4);
          if (dec.hasMask()) {
            maskFloats(dec, src.bytes(), start, count, out, row);
          }
          return;
        }
        break;
      case DOUBLE:
        if (!dec.scaled && t.kind() == DataType.Kind.FLOAT && t.itemSize() == 8) {
          out.putDoublesLittleEndian(row, count, src.bytes(), start * 8);
          if (dec.hasMask()) {
            maskDoubles(dec, src.bytes(), start, count, out, row);
          }
          return;
        }
        break;
      case STRUCT:
        writeStruct(dec, src, start, count, out, row);
        return;
      default:
        break;
    }
    for (int i = 0; i < count; i++) {
      writeOne(dec, src, start + i, out, row + i);
    }
  }

  /**
   * Struct records into a struct vector: each field's bytes gathered into one buffer of the
   * field's type (a primitive copy per record), then written into the child vector like a column.
   */
  private static void writeStruct(Decoding dec, NdBuffer src, int start, int count, WritableColumnVector out, int row) {
    DataType t = src.type();
    int item = t.itemSize();
    byte[] rec = src.bytes();
    java.util.List<DataType.Field> fs = t.fields();
    for (int k = 0; k < fs.size(); k++) {
      DataType ft = fs.get(k).type();
      int size = ft.itemSize();
      int off = fs.get(k).offset();
      byte[] field = new byte[count * size];
      for (int i = 0, at = start * item + off; i < count; i++, at += item) {
        System.arraycopy(rec, at, field, i * size, size);
      }
      write(dec.fields[k], NdBuffer.wrap(ft, new int[] {count}, field), 0, count, out.getChild(k), row);
    }
  }

  /** Writes element {@code e} into each of rows {@code [row, row + count)}: converted once. */
  public static void writeRun(Decoding dec, NdBuffer src, int e, int count, WritableColumnVector out, int row) {
    writeOne(dec, src, e, out, row);
    int rest = count - 1;
    if (rest <= 0) {
      return;
    }
    if (out.isNullAt(row)) {
      out.putNulls(row + 1, rest);
      return;
    }
    switch (dec.out) {
      case BOOLEAN: out.putBooleans(row + 1, rest, out.getBoolean(row)); break;
      case BYTE: out.putBytes(row + 1, rest, out.getByte(row)); break;
      case SHORT: out.putShorts(row + 1, rest, out.getShort(row)); break;
      case INT: out.putInts(row + 1, rest, out.getInt(row)); break;
      case LONG:
      case TIMESTAMP: out.putLongs(row + 1, rest, out.getLong(row)); break;
      case FLOAT: out.putFloats(row + 1, rest, out.getFloat(row)); break;
      case DOUBLE: out.putDoubles(row + 1, rest, out.getDouble(row)); break;
      case STRING: {
        // Converted once (a CF calendar label is formatted once per coordinate value).
        byte[] s = out.getUTF8String(row).getBytes();
        for (int i = 1; i <= rest; i++) {
          out.putByteArray(row + i, s, 0, s.length);
        }
        break;
      }
      default:
        for (int i = 1; i <= rest; i++) {
          writeOne(dec, src, e, out, row + i);
        }
    }
  }

  private static void writeOne(Decoding dec, NdBuffer src, int e, WritableColumnVector out, int r) {
    if (dec.hasMask() && isMasked(dec, src, e)) {
      out.putNull(r);
      return;
    }
    if (dec.cfTime) {
      cfTime(dec, src, e, r, out);
      return;
    }
    switch (dec.out) {
      case BOOLEAN:
        out.putBoolean(r, src.getBoolean(e));
        break;
      case BYTE:
        out.putByte(r, (byte) src.getAsLong(e));
        break;
      case SHORT:
        out.putShort(r, (short) src.getAsLong(e));
        break;
      case INT:
        out.putInt(r, (int) src.getAsLong(e));
        break;
      case LONG:
        if (dec.timedelta()) {
          long v = src.getLong(e);
          if (v == Long.MIN_VALUE) {
            out.putNull(r); // NaT
          } else {
            out.putLong(r, Math.multiplyExact(v, dec.timedeltaScale));
          }
          break;
        }
        out.putLong(r, src.getAsLong(e));
        break;
      case FLOAT:
        out.putFloat(r, (float) value(dec, src, e));
        break;
      case DOUBLE:
        out.putDouble(r, value(dec, src, e));
        break;
      case DECIMAL:
        out.putDecimal(r, Decimal.apply(new BigDecimal(new BigInteger(Long.toUnsignedString(src.getLong(e))))), 20);
        break;
      case TIMESTAMP:
        timestamp(dec, src, e, r, out);
        break;
      case STRING:
        byte[] s = text(src, e);
        out.putByteArray(r, s, 0, s.length);
        break;
      case BINARY:
        // vlen byte strings are immutable decoded objects: no copy
        byte[] b = src.objects() != null ? (byte[]) src.objects()[e] : src.getElementBytes(e);
        out.putByteArray(r, b, 0, b.length);
        break;
      case STRUCT:
        writeStruct(dec, src, e, 1, out, r);
        break;
      default:
        throw new IllegalStateException(dec.out.toString());
    }
  }

  /** NULLs for NaN and fill values of float32 elements, read straight from the bytes. */
  private static void maskFloats(Decoding dec, byte[] bytes, int start, int count, WritableColumnVector out, int row) {
    float[] masks = new float[dec.maskValues.length];
    for (int i = 0; i < masks.length; i++) {
      masks[i] = (float) dec.maskValues[i];
    }
    boolean nan = dec.nanIsNull;
    for (int i = 0; i < count; i++) {
      float v = (float) FLOAT_LE.get(bytes, (start + i) << 2);
      if (v != v) {
        if (nan) {
          out.putNull(row + i);
        }
        continue;
      }
      for (float m : masks) {
        if (v == m) {
          out.putNull(row + i);
          break;
        }
      }
    }
  }

  private static void maskDoubles(Decoding dec, byte[] bytes, int start, int count, WritableColumnVector out, int row) {
    double[] masks = dec.maskValues;
    boolean nan = dec.nanIsNull;
    for (int i = 0; i < count; i++) {
      double v = (double) DOUBLE_LE.get(bytes, (start + i) << 3);
      if (v != v) {
        if (nan) {
          out.putNull(row + i);
        }
        continue;
      }
      for (double m : masks) {
        if (v == m) {
          out.putNull(row + i);
          break;
        }
      }
    }
  }

  /** The element after scale/offset, as a double. */
  private static double value(Decoding dec, NdBuffer src, int e) {
    double v = src.getAsDouble(e);
    return dec.scaled ? v * dec.scale + dec.offset : v;
  }

  /** True when the element means NULL under the column's decoding. */
  public static boolean masked(Decoding dec, NdBuffer src, int e) {
    return dec.hasMask() && isMasked(dec, src, e);
  }

  static boolean isMasked(Decoding dec, NdBuffer src, int e) {
    DataType t = src.type();
    if (t.kind() == DataType.Kind.FLOAT || t.kind() == DataType.Kind.NARROW_FLOAT) {
      double v = src.getAsDouble(e);
      if (Double.isNaN(v)) {
        return dec.nanIsNull;
      }
      for (double m : dec.maskValues) {
        if (v == m || (t.itemSize() == 4 && (float) v == (float) m)) {
          return true;
        }
      }
      return false;
    }
    if (t.isInteger()) {
      long v = src.getAsLong(e);
      for (long m : dec.maskLongs) {
        if (v == m) {
          return true;
        }
      }
      for (double m : dec.maskValues) {
        if (v == m) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A CF time: the offset counted exactly in the calendar's microseconds (integers multiplied
   * exactly, floats rounded to the microsecond as cftime does), then a timestamp or the label.
   */
  private static void cfTime(Decoding dec, NdBuffer src, int e, int r, WritableColumnVector out) {
    long unit = (long) dec.timeUnitMicros;
    boolean integral = src.type().isInteger() && !dec.scaled;
    long lv = integral ? src.getAsLong(e) : 0;
    double dv = integral ? 0 : value(dec, src, e);
    if (!integral && Double.isNaN(dv)) {
      out.putNull(r);
      return;
    }
    try {
      long offset = integral ? CfCalendar.offsetMicros(lv, unit) : CfCalendar.offsetMicros(dv, unit);
      long micros = Math.addExact(dec.timeEpochMicros, offset);
      if (dec.out == Decoding.Out.TIMESTAMP) {
        out.putLong(r, dec.calendar.timestampMicros(micros));
      } else {
        byte[] s = dec.calendar.label(micros).getBytes(StandardCharsets.US_ASCII);
        out.putByteArray(r, s, 0, s.length);
      }
    } catch (ArithmeticException x) {
      throw new ValueOutOfRangeException("time value " + (integral ? Long.toString(lv) : Double.toString(dv)) + " '"
          + dec.timeUnits + "' (calendar " + dec.calendar.cfName() + ") is past what 64-bit microseconds count");
    }
  }

  private static void timestamp(Decoding dec, NdBuffer src, int e, int r, WritableColumnVector out) {
    long ticks = src.getLong(e);
    if (ticks == Long.MIN_VALUE) {
      out.putNull(r);
      return;
    }
    long u = dec.datetimeUnitNanos;
    if (u >= 1000) {
      out.putLong(r, ticks * (u / 1000));
    } else {
      out.putLong(r, Math.floorDiv(ticks * u, 1000L));
    }
  }

  private static byte[] text(NdBuffer src, int e) {
    if (src.type().kind() == DataType.Kind.STRING) {
      return src.getString(e).getBytes(StandardCharsets.UTF_8);
    }
    byte[] raw = src.getElementBytes(e);
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p + 4 <= raw.length; p += 4) {
      int cp = (raw[p] & 0xff) | (raw[p + 1] & 0xff) << 8 | (raw[p + 2] & 0xff) << 16 | (raw[p + 3] & 0xff) << 24;
      if (cp == 0) {
        break;
      }
      sb.appendCodePoint(Character.isValidCodePoint(cp) ? cp : 0xFFFD);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
