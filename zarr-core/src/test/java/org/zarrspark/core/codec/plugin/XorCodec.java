package org.zarrspark.core.codec.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.WritableCodec;
import org.zarrspark.core.codec.compress.JsonConfig;
import org.zarrspark.core.error.CorruptChunkException;

/** A codec from outside zarr-core: every byte XORed with {@code key}. Everything it needs is in this class. */
public final class XorCodec implements BytesCodec, WritableCodec {
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes("zarrspark.test.xor", "zarrspark_test_xor", (config, context) -> fromJson(config));

  private final int key;

  public XorCodec(int key) {
    this.key = key & 0xFF;
  }

  static XorCodec fromJson(JsonNode config) {
    return new XorCodec(JsonConfig.intInRange("xor", config, "key", 0, 0, 255));
  }

  @Override
  public String name() {
    return "zarrspark_test_xor";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    if (encoded.length > maxDecodedSize) {
      throw new CorruptChunkException("xor data of " + encoded.length + " bytes is more than " + maxDecodedSize);
    }
    return encode(encoded);
  }

  @Override
  public byte[] encode(byte[] decoded) {
    byte[] out = new byte[decoded.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (decoded[i] ^ key);
    }
    return out;
  }

  @Override
  public CodecType<?> type() {
    return TYPE;
  }

  @Override
  public ObjectNode configuration(int zarrFormat) {
    return JsonNodeFactory.instance.objectNode().put("key", key);
  }
}
