package org.zarrspark.core.codec.filter;

import java.nio.ByteOrder;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.dtype.DataType.Kind;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedDataTypeException;

/**
 * Package helper: reads and writes numeric elements of raw numpy buffers (in the dtype's byte
 * order) and converts between types the way numpy's {@code astype} does (integers wrap, floats
 * round to nearest even, float to integer truncates toward zero; out-of-range float to integer
 * conversions are undefined in numpy and saturate here). float16 is supported.
 */
final class Elements {
  private Elements() {}

  static DataType parse(String codec, String field, String dtype) {
    if (dtype == null) {
      throw new InvalidMetadataException("codec " + codec + ": required field '" + field + "' is missing");
    }
    return DataType.parseNumpy(dtype);
  }

  static boolean isIntegral(DataType t) {
    Kind k = t.kind();
    return k == Kind.INT || k == Kind.UINT || k == Kind.DATETIME || k == Kind.TIMEDELTA || k == Kind.BOOL;
  }

  static boolean isFloat(DataType t) {
    return t.kind() == Kind.FLOAT;
  }

  /** Integer or float types (no bool, no time types). */
  static void requireArithmetic(String codec, String field, DataType t) {
    Kind k = t.kind();
    if (k != Kind.INT && k != Kind.UINT && k != Kind.FLOAT) {
      throw new UnsupportedDataTypeException("codec " + codec + ": " + field + " " + t.toNumpy()
          + " is not an integer or float type");
    }
  }

  /** Bool, integer, float, datetime64 and timedelta64 types. */
  static void requireNumeric(String codec, String field, DataType t) {
    if (!isIntegral(t) && !isFloat(t)) {
      throw new UnsupportedDataTypeException("codec " + codec + ": " + field + " " + t.toNumpy()
          + " is not a numeric type");
    }
  }

  /** Number of elements of a buffer, which must hold whole elements. */
  static int count(String codec, byte[] b, DataType t) {
    if (b.length % t.itemSize() != 0) {
      throw new CorruptChunkException("codec " + codec + ": " + b.length + " bytes are not a whole number of "
          + t.toNumpy() + " elements");
    }
    return b.length / t.itemSize();
  }

  /** Allocates an output of {@code n} elements of {@code t}, refusing more than {@code max} bytes. */
  static byte[] output(String codec, long n, DataType t, int max) {
    return output(codec, n * t.itemSize(), max);
  }

  static byte[] output(String codec, long bytes, int max) {
    if (bytes > max) {
      throw new CorruptChunkException("codec " + codec + ": decoding gives " + bytes + " bytes, more than the "
          + Math.max(0, max) + " this chunk can hold");
    }
    return new byte[(int) bytes];
  }

  // ---------------------------------------------------------------- raw access

  static long readBits(byte[] b, int off, int size, ByteOrder order) {
    long v = 0;
    if (order == ByteOrder.BIG_ENDIAN) {
      for (int i = 0; i < size; i++) {
        v = (v << 8) | (b[off + i] & 0xFF);
      }
    } else {
      for (int i = size - 1; i >= 0; i--) {
        v = (v << 8) | (b[off + i] & 0xFF);
      }
    }
    return v;
  }

  static void writeBits(byte[] b, int off, int size, ByteOrder order, long v) {
    if (order == ByteOrder.BIG_ENDIAN) {
      for (int i = size - 1; i >= 0; i--) {
        b[off + i] = (byte) v;
        v >>>= 8;
      }
    } else {
      for (int i = 0; i < size; i++) {
        b[off + i] = (byte) v;
        v >>>= 8;
      }
    }
  }

  /** Brings an integer into the range of an integral type (wrapping like C casts). */
  static long wrap(long v, DataType t) {
    int bits = t.itemSize() * 8;
    if (t.kind() == Kind.BOOL) {
      return v != 0 ? 1 : 0;
    }
    if (bits == 64) {
      return v;
    }
    if (t.kind() == Kind.UINT) {
      return v & ((1L << bits) - 1);
    }
    return (v << (64 - bits)) >> (64 - bits);
  }

  /** Element {@code i} of an integral type, sign- or zero-extended. */
  static long getLong(byte[] b, int i, DataType t) {
    int size = t.itemSize();
    long raw = readBits(b, i * size, size, t.order());
    return wrap(raw, t);
  }

  static void putLong(byte[] b, int i, DataType t, long v) {
    int size = t.itemSize();
    writeBits(b, i * size, size, t.order(), t.kind() == Kind.BOOL ? (v != 0 ? 1 : 0) : v);
  }

  /** Element {@code i} of a float type. */
  static double getDouble(byte[] b, int i, DataType t) {
    int size = t.itemSize();
    long raw = readBits(b, i * size, size, t.order());
    switch (size) {
      case 2:
        return halfToDouble((int) raw);
      case 4:
        return Float.intBitsToFloat((int) raw);
      default:
        return Double.longBitsToDouble(raw);
    }
  }

  /** Stores a value, rounding it to the float type. */
  static void putDouble(byte[] b, int i, DataType t, double v) {
    int size = t.itemSize();
    long raw;
    switch (size) {
      case 2:
        raw = doubleToHalf(v);
        break;
      case 4:
        raw = Float.floatToRawIntBits((float) v) & 0xFFFFFFFFL;
        break;
      default:
        raw = Double.doubleToRawLongBits(v);
        break;
    }
    writeBits(b, i * size, size, t.order(), raw);
  }

  /** Rounds a double to the precision of a float type (float32 and float16 as numpy does). */
  static double roundTo(double v, DataType t) {
    switch (t.itemSize()) {
      case 2:
        return halfToDouble(doubleToHalf(v));
      case 4:
        return (float) v;
      default:
        return v;
    }
  }

  /** An integral value as a double (uint64 read as unsigned). */
  static double longToDouble(long v, DataType from) {
    if (from.kind() == Kind.UINT && from.itemSize() == 8 && v < 0) {
      double d = (double) ((v >>> 1) | (v & 1));
      return d * 2.0;
    }
    return (double) v;
  }

  /** An integral value rounded once to a float type (no double rounding for float32). */
  static double longToFloat(long v, DataType from, DataType to) {
    boolean unsigned64 = from.kind() == Kind.UINT && from.itemSize() == 8 && v < 0;
    if (to.itemSize() == 4) {
      if (unsigned64) {
        return ((float) ((v >>> 1) | (v & 1))) * 2.0f;
      }
      return (float) v;
    }
    double d = longToDouble(v, from);
    return roundTo(d, to); // float16: integers beyond 2^53 overflow float16 anyway
  }

  /** A float converted to an integral type like a C cast on x86 (in range: truncation). */
  static long doubleToLong(double d, DataType to) {
    if (to.kind() == Kind.BOOL) {
      return d != 0 ? 1 : 0; // NaN is true
    }
    int size = to.itemSize();
    if (size == 8) {
      if (to.kind() == Kind.UINT && d >= 0x1p63) {
        return ((long) (d - 0x1p63)) ^ Long.MIN_VALUE;
      }
      return (long) d;
    }
    if (size == 4 && to.kind() == Kind.UINT) {
      return wrap((long) d, to);
    }
    return wrap((int) d, to);
  }

  /** Converts element {@code i} of {@code src} ({@code from}) to element {@code i} of {@code dst} ({@code to}). */
  static void cast(byte[] src, DataType from, byte[] dst, DataType to, int i) {
    if (isFloat(from)) {
      double d = getDouble(src, i, from);
      if (isFloat(to)) {
        putDouble(dst, i, to, d);
      } else {
        putLong(dst, i, to, doubleToLong(d, to));
      }
    } else {
      long v = getLong(src, i, from);
      if (isFloat(to)) {
        putDouble(dst, i, to, longToFloat(v, from, to));
      } else {
        putLong(dst, i, to, v);
      }
    }
  }

  // ---------------------------------------------------------------- float16

  static double halfToDouble(int h) {
    int sign = h & 0x8000;
    int e = (h >>> 10) & 0x1F;
    int m = h & 0x3FF;
    double v;
    if (e == 0) {
      v = m * 0x1p-24;
    } else if (e == 31) {
      if (m == 0) {
        v = Double.POSITIVE_INFINITY;
      } else {
        return Float.intBitsToFloat((sign << 16) | 0x7F800000 | (m << 13));
      }
    } else {
      v = (1024 + m) * Math.scalb(1.0, e - 25);
    }
    return sign != 0 ? -v : v;
  }

  /** Rounds a double to float16 bits (round to nearest even, like numpy's npy_double_to_half). */
  static int doubleToHalf(double d) {
    long bits = Double.doubleToRawLongBits(d);
    int sign = (int) (bits >>> 48) & 0x8000;
    int exp = (int) (bits >>> 52) & 0x7FF;
    long mant = bits & 0xFFFFFFFFFFFFFL;
    if (exp == 0x7FF) {
      if (mant == 0) {
        return sign | 0x7C00;
      }
      int payload = (int) (mant >>> 42);
      return sign | 0x7C00 | (payload == 0 ? 1 : payload);
    }
    int e = exp - 1023 + 15;
    if (e >= 0x1F) {
      return sign | 0x7C00;
    }
    if (e <= 0) {
      if (e < -10) {
        return sign;
      }
      long m = mant | (1L << 52);
      int shift = 1051 - exp;
      long q = m >>> shift;
      long rem = m & ((1L << shift) - 1);
      long half = 1L << (shift - 1);
      if (rem > half || (rem == half && (q & 1) == 1)) {
        q++;
      }
      return sign | (int) q;
    }
    long q = mant >>> 42;
    long rem = mant & ((1L << 42) - 1);
    long half = 1L << 41;
    int h = (e << 10) | (int) q;
    if (rem > half || (rem == half && (q & 1) == 1)) {
      h++;
    }
    return sign | h;
  }
}
