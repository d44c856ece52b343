package org.zarrspark.spark.read;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.Decimal;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.spark.model.Decoding;

/**
 * Moves decoded elements into a Spark column vector, applying the column's decoding (NULL
 * masks, scale/offset, time conversions). Elements are read either contiguously from
 * {@code start} or through an index map; no per-row objects except for strings.
 */
public final class ColumnWriter {
  private ColumnWriter() {}

  /**
   * Writes {@code count} values into rows {@code [0, count)} of {@code out}. Element of row r is
   * {@code map == null ? start + r : map[r]}.
   */
  public static void write(Decoding dec, NdBuffer src, int start, int[] map, int count, WritableColumnVector out) {
    DataType t = src.type();
    switch (dec.out) {
      case FLOAT:
        if (!dec.scaled && t.kind() == DataType.Kind.FLOAT && t.itemSize() == 4) {
          floats(dec, src, start, map, count, out);
          return;
        }
        break;
      case DOUBLE:
        if (!dec.scaled && t.kind() == DataType.Kind.FLOAT && t.itemSize() == 8) {
          doubles(dec, src, start, map, count, out);
          return;
        }
        break;
      default:
        break;
    }
    for (int r = 0; r < count; r++) {
      int e = map == null ? start + r : map[r];
      if (dec.hasMask() && isMasked(dec, src, e)) {
        out.putNull(r);
        continue;
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
          byte[] b = src.getElementBytes(e);
          out.putByteArray(r, b, 0, b.length);
          break;
        default:
          throw new IllegalStateException(dec.out.toString());
      }
    }
  }

  private static void floats(Decoding dec, NdBuffer src, int start, int[] map, int count, WritableColumnVector out) {
    if (map == null) {
      out.putFloatsLittleEndian(0, count, src.bytes(), start * 4);
      if (dec.hasMask()) {
        for (int r = 0; r < count; r++) {
          if (isMasked(dec, src, start + r)) {
            out.putNull(r);
          }
        }
      }
      return;
    }
    for (int r = 0; r < count; r++) {
      int e = map[r];
      if (dec.hasMask() && isMasked(dec, src, e)) {
        out.putNull(r);
      } else {
        out.putFloat(r, src.getFloat(e));
      }
    }
  }

  private static void doubles(Decoding dec, NdBuffer src, int start, int[] map, int count, WritableColumnVector out) {
    if (map == null) {
      out.putDoublesLittleEndian(0, count, src.bytes(), start * 8);
      if (dec.hasMask()) {
        for (int r = 0; r < count; r++) {
          if (isMasked(dec, src, start + r)) {
            out.putNull(r);
          }
        }
      }
      return;
    }
    for (int r = 0; r < count; r++) {
      int e = map[r];
      if (dec.hasMask() && isMasked(dec, src, e)) {
        out.putNull(r);
      } else {
        out.putDouble(r, src.getDouble(e));
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
    if (t.kind() == DataType.Kind.FLOAT) {
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

  private static void timestamp(Decoding dec, NdBuffer src, int e, int r, WritableColumnVector out) {
    if (dec.cfTime) {
      DataType t = src.type();
      if (t.isInteger()) {
        long v = src.getAsLong(e);
        long unit = (long) dec.timeUnitMicros;
        out.putLong(r, dec.timeEpochMicros + v * unit);
      } else {
        double v = src.getAsDouble(e);
        if (Double.isNaN(v)) {
          out.putNull(r);
        } else {
          out.putLong(r, dec.timeEpochMicros + Math.round(v * dec.timeUnitMicros));
        }
      }
      return;
    }
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
