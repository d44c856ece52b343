package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Iterator;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedDataTypeException;

/**
 * v3 "scale_offset" (zarr-extensions codecs/scale_offset), array-to-array: encodes
 * {@code (x - offset) * scale} and decodes {@code x / scale + offset}, in the arithmetic of the
 * element type it is bound to (float32 arrays round every step to float32; integers are exact,
 * and a division with a remainder or a result outside the type is an error, as zarr-python's
 * scale_offset.py does). {@code offset} and {@code scale} are written in that type's fill value
 * encoding. The element type does not change: a following cast_value narrows it.
 */
public final class ScaleOffsetCodec implements ArrayCodec {
  /** v3 "scale_offset" {"offset": o, "scale": s} (both optional). */
  public static final CodecType<ArrayCodec> TYPE = CodecType.array("scale_offset", ScaleOffsetCodec::fromJson);

  private final DataType type;
  private final boolean floating;
  private final double fScale;
  private final double fOffset;
  private final long iScale;
  private final long iOffset;

  private ScaleOffsetCodec(DataType type, byte[] offset, byte[] scale) {
    this.type = type;
    this.floating = Scalars.isFloat(type);
    if (floating) {
      fScale = Scalars.getDouble(scale, 0, type);
      fOffset = Scalars.getDouble(offset, 0, type);
      iScale = 0;
      iOffset = 0;
      if (fScale == 0) {
        throw new InvalidMetadataException("codec scale_offset: scale must not be zero");
      }
    } else {
      iScale = Scalars.getLong(scale, 0, type);
      iOffset = Scalars.getLong(offset, 0, type);
      fScale = 0;
      fOffset = 0;
      if (iScale == 0) {
        throw new InvalidMetadataException("codec scale_offset: scale must not be zero");
      }
    }
  }

  static ScaleOffsetCodec fromJson(JsonNode conf, CodecContext context) {
    DataType t = context.type();
    if (t == null || !(Scalars.isFloat(t) || Scalars.isInt(t))) {
      throw new UnsupportedDataTypeException("codec scale_offset works on integer and float16/32/64 arrays, not "
          + t);
    }
    JsonNode offset = null;
    JsonNode scale = null;
    if (conf != null && conf.isObject()) {
      for (Iterator<String> it = conf.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (f.equals("offset")) {
          offset = conf.get(f);
        } else if (f.equals("scale")) {
          scale = conf.get(f);
        } else {
          throw new InvalidMetadataException("codec scale_offset: unknown configuration field '" + f + "'");
        }
      }
    }
    byte[] o = offset == null ? new byte[t.itemSize()] : Scalars.parse(offset, t);
    byte[] s;
    if (scale == null) {
      s = new byte[t.itemSize()];
      if (Scalars.isFloat(t)) {
        Scalars.putDouble(s, 0, t, 1.0);
      } else {
        Scalars.putLong(s, 0, t, 1);
      }
    } else {
      s = Scalars.parse(scale, t);
    }
    return new ScaleOffsetCodec(t, o, s);
  }

  @Override
  public String name() {
    return "scale_offset";
  }

  @Override
  public int[] encodedShape(int[] shape) {
    return shape;
  }

  @Override
  public Object encodedFill(Object fill) {
    byte[] f = fill instanceof byte[] b ? b : new byte[type.itemSize()];
    try {
      return encodeBytes(f);
    } catch (ArithmeticException e) {
      throw new InvalidMetadataException("codec scale_offset: the fill value has no encoded value in " + type
          + ": " + e.getMessage());
    }
  }

  @Override
  public NdBuffer decode(NdBuffer encoded, int[] decodedShape) {
    byte[] in = encoded.bytes();
    int n = encoded.size();
    byte[] out = new byte[in.length];
    if (floating) {
      for (int i = 0; i < n; i++) {
        double x = Scalars.getDouble(in, i, type);
        Scalars.putDouble(out, i, type, Scalars.roundTo(Scalars.roundTo(x / fScale, type) + fOffset, type));
      }
    } else if (Scalars.isUint64(type)) {
      BigInteger s = Scalars.big(iScale, type);
      BigInteger o = Scalars.big(iOffset, type);
      for (int i = 0; i < n; i++) {
        BigInteger[] qr = Scalars.big(Scalars.getLong(in, i, type), type).divideAndRemainder(s);
        BigInteger r = qr[0].add(o);
        if (qr[1].signum() != 0 || r.signum() < 0 || r.bitLength() > 64) {
          throw notExact(i, Scalars.big(Scalars.getLong(in, i, type), type).toString());
        }
        Scalars.putLong(out, i, type, r.longValue());
      }
    } else {
      long lo = Scalars.min(type);
      long hi = Scalars.max(type);
      for (int i = 0; i < n; i++) {
        long x = Scalars.getLong(in, i, type);
        long q = x / iScale;
        long r = q + iOffset; // |q| and |offset| fit 63 bits' halves: no overflow below 64-bit types
        if (x % iScale != 0 || r < lo || r > hi
            || type.bits() == 64 && ((q ^ r) & (iOffset ^ r)) < 0) {
          throw notExact(i, Long.toString(x));
        }
        Scalars.putLong(out, i, type, r);
      }
    }
    return NdBuffer.wrap(type, decodedShape, out);
  }

  private CorruptChunkException notExact(int i, String x) {
    return new CorruptChunkException("scale_offset: stored element " + i + " (" + x + ") divided by the scale "
        + (floating ? fScale : iScale) + " plus the offset is not a value of " + type);
  }

  @Override
  public NdBuffer encode(NdBuffer decoded) {
    return NdBuffer.wrap(type, decoded.shape(), encodeBytes(decoded.bytes()));
  }

  private byte[] encodeBytes(byte[] in) {
    int n = in.length / type.itemSize();
    byte[] out = new byte[in.length];
    if (floating) {
      for (int i = 0; i < n; i++) {
        double x = Scalars.getDouble(in, i, type);
        Scalars.putDouble(out, i, type, Scalars.roundTo(Scalars.roundTo(x - fOffset, type) * fScale, type));
      }
      return out;
    }
    BigInteger lo = Scalars.big(Scalars.min(type), DataType.INT64);
    BigInteger hi = Scalars.isUint64(type) ? BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)
        : BigInteger.valueOf(Scalars.max(type));
    BigInteger s = Scalars.big(iScale, type);
    BigInteger o = Scalars.big(iOffset, type);
    for (int i = 0; i < n; i++) {
      BigInteger r = Scalars.big(Scalars.getLong(in, i, type), type).subtract(o).multiply(s);
      if (r.compareTo(lo) < 0 || r.compareTo(hi) > 0) {
        throw new ArithmeticException("(x - offset) * scale = " + r + " is outside " + type);
      }
      Scalars.putLong(out, i, type, r.longValue());
    }
    return out;
  }

  @Override
  public String toString() {
    return "ScaleOffsetCodec(" + type + ", offset=" + (floating ? fOffset : iOffset) + ", scale="
        + (floating ? fScale : iScale) + ")";
  }
}
