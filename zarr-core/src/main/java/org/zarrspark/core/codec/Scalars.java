package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import org.zarrspark.core.chunk.Float16;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.metadata.FillValues;

/**
 * Package helper of the value codecs (scale_offset, cast_value): element access on little-endian
 * buffers for the integers (2 to 64 bits, held in whole bytes) and float16/32/64, with their
 * ranges. uint64 values travel as their raw 64-bit pattern.
 */
final class Scalars {
  private Scalars() {}

  static boolean isFloat(DataType t) {
    return t.kind() == DataType.Kind.FLOAT && (t.equals(DataType.FLOAT16) || t.equals(DataType.FLOAT32)
        || t.equals(DataType.FLOAT64));
  }

  static boolean isInt(DataType t) {
    return t.isInteger();
  }

  static boolean isUint64(DataType t) {
    return t.kind() == DataType.Kind.UINT && t.bits() == 64;
  }

  /** Smallest value of an integer type (not for uint64's upper half: it is 0 there anyway). */
  static long min(DataType t) {
    return t.kind() == DataType.Kind.UINT ? 0 : -(1L << (t.bits() - 1));
  }

  /** Largest value of an integer type other than uint64. */
  static long max(DataType t) {
    return t.kind() == DataType.Kind.UINT ? (1L << t.bits()) - 1 : (1L << (t.bits() - 1)) - 1;
  }

  static long getLong(byte[] b, int i, DataType t) {
    int size = t.itemSize();
    int off = i * size;
    long v = 0;
    for (int k = size - 1; k >= 0; k--) {
      v = (v << 8) | (b[off + k] & 0xFF);
    }
    int w = size * 8;
    if (w == 64) {
      return v;
    }
    return t.kind() == DataType.Kind.UINT ? v : (v << (64 - w)) >> (64 - w);
  }

  static void putLong(byte[] b, int i, DataType t, long v) {
    int size = t.itemSize();
    int off = i * size;
    for (int k = 0; k < size; k++) {
      b[off + k] = (byte) (v >>> (8 * k));
    }
  }

  static double getDouble(byte[] b, int i, DataType t) {
    switch (t.itemSize()) {
      case 2:
        return Float16.toFloat((short) getLong(b, i, DataType.INT16));
      case 4:
        return Float.intBitsToFloat((int) getLong(b, i, DataType.INT32));
      default:
        return Double.longBitsToDouble(getLong(b, i, DataType.INT64));
    }
  }

  static void putDouble(byte[] b, int i, DataType t, double v) {
    switch (t.itemSize()) {
      case 2:
        putLong(b, i, DataType.INT16, Float16.fromFloat((float) v));
        return;
      case 4:
        putLong(b, i, DataType.INT32, Float.floatToRawIntBits((float) v));
        return;
      default:
        putLong(b, i, DataType.INT64, Double.doubleToRawLongBits(v));
    }
  }

  /** {@code v} rounded to the float type (nearest even; float16 through float32). */
  static double roundTo(double v, DataType t) {
    switch (t.itemSize()) {
      case 2:
        return Float16.toFloat(Float16.fromFloat((float) v));
      case 4:
        return (float) v;
      default:
        return v;
    }
  }

  /** An integer value as an exact BigInteger (uint64 read unsigned). */
  static BigInteger big(long v, DataType t) {
    BigInteger b = BigInteger.valueOf(v);
    return isUint64(t) && v < 0 ? b.add(BigInteger.ONE.shiftLeft(64)) : b;
  }

  /** An integer value as a double, rounded once (uint64 read unsigned). */
  static double toDouble(long v, DataType t) {
    if (isUint64(t) && v < 0) {
      return ((double) ((v >>> 1) | (v & 1))) * 2.0;
    }
    return v;
  }

  /** A scalar in the v3 fill value encoding of {@code t}, as element bytes. */
  static byte[] parse(JsonNode v, DataType t) {
    Object o = FillValues.parse(v, t);
    return o instanceof byte[] b ? b : new byte[t.itemSize()];
  }
}
