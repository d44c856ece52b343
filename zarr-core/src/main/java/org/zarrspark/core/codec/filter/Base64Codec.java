package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.compress.JsonConfig;
import org.zarrspark.core.error.CorruptChunkException;

/**
 * numcodecs "base64": the chunk as standard (RFC 4648, '+' '/', '=' padded, no line breaks) base64
 * text, as Python's {@code base64.standard_b64encode} writes it. Decoding, like Python's
 * {@code standard_b64decode}, skips characters outside the alphabet (line breaks, spaces).
 */
public final class Base64Codec implements BytesCodec {
  /** Its names and binding: numcodecs "base64" (v3 "numcodecs.base64"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "base64", (config, context) -> fromJson(config));

  public Base64Codec() {}

  /** From {"id": "base64"}. */
  public static Base64Codec fromJson(JsonNode config) {
    JsonConfig.requireObject("base64", config);
    return new Base64Codec();
  }

  @Override
  public String name() {
    return "base64";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    byte[] out;
    try {
      // the MIME decoder ignores non-alphabet bytes as Python's non-validating decoder does
      out = Base64.getMimeDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new CorruptChunkException("codec base64: chunk is not valid base64: " + e.getMessage(), e);
    }
    // the output is at most 3/4 of the input already held, so bounding it after decoding is safe
    if (out.length > maxDecodedSize) {
      throw new CorruptChunkException("codec base64: decodes to " + out.length + " bytes, more than the "
          + Math.max(0, maxDecodedSize) + " this chunk can hold");
    }
    return out;
  }

  @Override
  public byte[] encode(byte[] decoded) {
    return Base64.getEncoder().encode(decoded);
  }

  @Override
  public String toString() {
    return "Base64Codec()";
  }
}
