package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.codec.filter.BitRound;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedDataTypeException;

/**
 * v3 "bitround" (zarr-extensions codecs/bitround), array-to-array and lossy: the stored values are
 * already rounded, so decoding is the identity. Encoding rounds floats' mantissas to
 * {@code keepbits} bits as numcodecs' bitround does (ties to even), and integers to
 * {@code keepbits} bits counted from their most significant set bit of the unsigned pattern
 * (ties to even, saturating at the all-ones pattern, as zarrs does and the registry's uint8
 * sample data shows: 255 with 3 bits is 224).
 */
public final class BitRoundCodec implements ArrayCodec, WritableCodec {
  /** v3 "bitround" {"keepbits": n}. */
  public static final CodecType<ArrayCodec> TYPE = CodecType.array("bitround", (config, context) -> {
    JsonNode k = config == null ? null : config.get("keepbits");
    if (k == null || !k.isIntegralNumber() || !k.canConvertToInt() || k.intValue() < 0) {
      throw new InvalidMetadataException("codec bitround: configuration.keepbits must be a non-negative integer, got "
          + k);
    }
    return new BitRoundCodec(k.intValue(), context.type());
  });

  private final int keepbits;
  private final DataType type; // the element type it rounds
  private final BitRound floats; // numcodecs' float rounding, or null

  public BitRoundCodec(int keepbits, DataType type) {
    this.keepbits = keepbits;
    this.type = type;
    if (type != null && type.kind() == DataType.Kind.FLOAT && (type.itemSize() == 2 || type.itemSize() == 4
        || type.itemSize() == 8) && type.v3Name() != null) {
      this.floats = keepbits >= mantissaBits(type) ? null : new BitRound(keepbits, type.withOrder(
          java.nio.ByteOrder.LITTLE_ENDIAN));
    } else if (type != null && !(type.isInteger() && type.bits() >= 8) && type.kind() != DataType.Kind.DATETIME
        && type.kind() != DataType.Kind.TIMEDELTA) {
      throw new UnsupportedDataTypeException("codec bitround cannot round data type " + type
          + " (float16/32/64, integers of 8-64 bits, datetime64, timedelta64)");
    } else {
      this.floats = null;
    }
  }

  private static int mantissaBits(DataType t) {
    return t.itemSize() == 2 ? 10 : t.itemSize() == 4 ? 23 : 52;
  }

  public int keepbits() {
    return keepbits;
  }

  @Override
  public CodecType<?> type() {
    return TYPE;
  }

  @Override
  public ObjectNode configuration(int zarrFormat) {
    return JsonNodeFactory.instance.objectNode().put("keepbits", keepbits);
  }

  @Override
  public String name() {
    return "bitround";
  }

  @Override
  public int[] encodedShape(int[] shape) {
    return shape;
  }

  @Override
  public NdBuffer decode(NdBuffer encoded, int[] decodedShape) {
    return encoded; // the values were rounded when written
  }

  @Override
  public NdBuffer encode(NdBuffer decoded) {
    DataType t = decoded.type();
    if (t.kind() == DataType.Kind.FLOAT) {
      return floats == null ? decoded : NdBuffer.wrap(t, decoded.shape(), floats.encode(decoded.bytes()));
    }
    byte[] in = decoded.bytes();
    byte[] out = new byte[in.length];
    int size = t.itemSize();
    int width = size * 8;
    for (int off = 0; off < in.length; off += size) {
      long v = 0;
      for (int k = size - 1; k >= 0; k--) {
        v = (v << 8) | (in[off + k] & 0xFF);
      }
      long r = roundInteger(v, width, keepbits);
      for (int k = 0; k < size; k++) {
        out[off + k] = (byte) (r >>> (8 * k));
      }
    }
    return NdBuffer.wrap(t, decoded.shape(), out);
  }

  /** Rounds the unsigned {@code width}-bit pattern {@code v} to {@code keep} bits from its highest set bit. */
  static long roundInteger(long v, int width, int keep) {
    int significant = 64 - Long.numberOfLeadingZeros(v); // of the zero-extended pattern
    if (keep >= significant) {
      return v;
    }
    int drop = significant - keep;
    long max = width == 64 ? -1L : (1L << width) - 1;
    long mask = max & (-1L << drop);
    long add = ((v >>> drop) & 1) + (1L << (drop - 1)) - 1; // ties to even
    long sum = v + add;
    boolean overflow = width == 64 ? Long.compareUnsigned(sum, v) < 0 : sum > max;
    return (overflow ? max : sum) & mask;
  }

  @Override
  public String toString() {
    return "BitRoundCodec(keepbits=" + keepbits + ")";
  }
}
