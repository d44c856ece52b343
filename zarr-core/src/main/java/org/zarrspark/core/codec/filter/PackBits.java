package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.compress.JsonConfig;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;

/**
 * numcodecs "packbits" for bool arrays: the first byte holds the number of padding bits (0..7) in
 * the last byte, then the bits, most significant first ({@code np.packbits}). Decoding gives one
 * byte 0/1 per element; encoding treats any non-zero byte as true.
 */
public final class PackBits implements BytesCodec {
  /** Its names and binding: numcodecs "packbits" (v3 "numcodecs.packbits"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "packbits", (config, context) -> fromJson(config));

  public PackBits() {}

  /** From {"id": "packbits"}. */
  public static PackBits fromJson(JsonNode config) {
    JsonConfig.requireObject("packbits", config);
    return new PackBits();
  }

  @Override
  public String name() {
    return "packbits";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    if (encoded.length == 0) {
      throw new TruncatedChunkException("codec packbits: the padding header byte is missing");
    }
    int pad = encoded[0] & 0xFF;
    if (pad > 7) {
      throw new CorruptChunkException("codec packbits: header says " + pad + " padding bits, more than 7");
    }
    long n = (encoded.length - 1L) * 8 - pad;
    if (n < 0) {
      n = 0; // numpy's dec[:-pad] of an empty array is empty
    }
    byte[] out = Elements.output("packbits", n, maxDecodedSize);
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((encoded[1 + (i >>> 3)] >>> (7 - (i & 7))) & 1);
    }
    return out;
  }

  @Override
  public byte[] encode(byte[] decoded) {
    int n = decoded.length;
    int bytes = (n + 7) / 8;
    byte[] out = new byte[1 + bytes];
    out[0] = (byte) (n % 8 == 0 ? 0 : 8 - n % 8);
    for (int i = 0; i < n; i++) {
      if (decoded[i] != 0) {
        out[1 + (i >>> 3)] |= (byte) (0x80 >>> (i & 7));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "PackBits()";
  }
}
