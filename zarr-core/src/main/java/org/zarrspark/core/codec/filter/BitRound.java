package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.compress.JsonConfig;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedCodecException;
import org.zarrspark.core.error.UnsupportedDataTypeException;

/**
 * numcodecs "bitround" (lossy): encoding rounds the float mantissa to {@code keepbits} bits (round
 * to nearest, ties to even, on the integer view); decoding is a pass-through. The metadata does not
 * name the float type, so encoding needs it: {@link #BitRound(int, DataType)} or
 * {@link #withType(DataType)}; a codec built from JSON alone only decodes.
 */
public final class BitRound implements BytesCodec {
  /** numcodecs "bitround"; bound to a float array it also encodes. */
  public static final CodecType<BytesCodec> TYPE = CodecType.bytes(null, "bitround", (config, context) -> {
    BitRound b = fromJson(config);
    DataType t = context.type();
    return t != null && t.kind() == DataType.Kind.FLOAT ? b.withType(t) : b;
  });

  private final int keepbits;
  private final DataType type; // may be null: decode only

  public BitRound(int keepbits) {
    this(keepbits, null);
  }

  /** @param type the float type of the elements (float16/32/64), used when encoding */
  public BitRound(int keepbits, DataType type) {
    if (keepbits < 0) {
      throw new InvalidMetadataException("codec bitround: keepbits " + keepbits + " must be zero or positive");
    }
    if (type != null) {
      if (!Elements.isFloat(type)) {
        throw new UnsupportedDataTypeException("codec bitround: only float arrays (16-64 bit) can be bit-rounded, not "
            + type.toNumpy());
      }
      if (keepbits > mantissaBits(type)) {
        throw new InvalidMetadataException("codec bitround: keepbits " + keepbits + " is more than the "
            + mantissaBits(type) + " mantissa bits of " + type.toNumpy());
      }
    }
    this.keepbits = keepbits;
    this.type = type;
  }

  /** From {"id": "bitround", "keepbits": n}; decode-only until {@link #withType} names the float type. */
  public static BitRound fromJson(JsonNode config) {
    JsonConfig.requireObject("bitround", config);
    if (JsonConfig.absent(config, "keepbits")) {
      throw new InvalidMetadataException("codec bitround: required field 'keepbits' is missing");
    }
    return new BitRound(JsonConfig.intField("bitround", config, "keepbits", 0));
  }

  /** The same codec, able to encode elements of the given float type. */
  public BitRound withType(DataType floatType) {
    return new BitRound(keepbits, floatType);
  }

  public int keepbits() {
    return keepbits;
  }

  /** The float type used when encoding, or null. */
  public DataType type() {
    return type;
  }

  static int mantissaBits(DataType t) {
    switch (t.itemSize()) {
      case 2:
        return 10;
      case 4:
        return 23;
      default:
        return 52;
    }
  }

  @Override
  public String name() {
    return "bitround";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    if (type != null) {
      Elements.count("bitround", encoded, type);
    }
    if (encoded.length > maxDecodedSize) {
      throw new CorruptChunkException("codec bitround: " + encoded.length + " bytes are more than the "
          + Math.max(0, maxDecodedSize) + " this chunk can hold");
    }
    return encoded.clone();
  }

  @Override
  public byte[] encode(byte[] decoded) {
    if (type == null) {
      throw new UnsupportedCodecException("codec bitround: encoding needs the float type of the array"
          + " (build it with BitRound(keepbits, type) or withType)");
    }
    int n = Elements.count("bitround", decoded, type);
    int bits = mantissaBits(type);
    if (keepbits == bits) {
      return decoded.clone();
    }
    int m = bits - keepbits;
    int size = type.itemSize();
    byte[] out = new byte[decoded.length];
    for (int i = 0; i < n; i++) {
      long raw = Elements.readBits(decoded, i * size, size, type.order());
      long v;
      if (size == 8) {
        long mask = (-1L >> m) << m;
        long halfQuantum = (1L << (m - 1)) - 1;
        v = raw + (((raw >> m) & 1) + halfQuantum);
        v &= mask;
      } else {
        int shift = 32 - size * 8;
        int b = ((int) raw << shift) >> shift; // sign-extended int16/int32
        int mask = (-1 >> m) << m;
        int halfQuantum = (1 << (m - 1)) - 1;
        b = ((b + (((b >> m) & 1) + halfQuantum)) << shift) >> shift; // wraps at the element width
        v = b & mask;
      }
      Elements.writeBits(out, i * size, size, type.order(), v);
    }
    return out;
  }

  @Override
  public String toString() {
    return "BitRound(keepbits=" + keepbits + (type == null ? "" : ", type=" + type.toNumpy()) + ")";
  }
}
