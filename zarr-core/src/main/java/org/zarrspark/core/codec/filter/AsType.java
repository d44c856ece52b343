package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.compress.JsonConfig;
import org.zarrspark.core.dtype.DataType;

/**
 * numcodecs "astype": stores the data as {@code encode_dtype}; decoding converts it back to
 * {@code decode_dtype} with numpy's {@code astype} rules.
 */
public final class AsType implements BytesCodec {
  /** Its names and binding: numcodecs "astype" (v3 "numcodecs.astype"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "astype", (config, context) -> fromJson(config));

  private final DataType encodeType;
  private final DataType decodeType;

  public AsType(DataType encodeType, DataType decodeType) {
    this.encodeType = encodeType;
    this.decodeType = decodeType;
    Elements.requireNumeric("astype", "encode_dtype", encodeType);
    Elements.requireNumeric("astype", "decode_dtype", decodeType);
  }

  /** From {"id": "astype", "encode_dtype": "<f4", "decode_dtype": "<f8"}. */
  public static AsType fromJson(JsonNode config) {
    JsonConfig.requireObject("astype", config);
    return new AsType(
        Elements.parse("astype", "encode_dtype", JsonConfig.textField("astype", config, "encode_dtype", null)),
        Elements.parse("astype", "decode_dtype", JsonConfig.textField("astype", config, "decode_dtype", null)));
  }

  public DataType encodeType() {
    return encodeType;
  }

  public DataType decodeType() {
    return decodeType;
  }

  @Override
  public String name() {
    return "astype";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    int n = Elements.count("astype", encoded, encodeType);
    byte[] out = Elements.output("astype", n, decodeType, maxDecodedSize);
    for (int i = 0; i < n; i++) {
      Elements.cast(encoded, encodeType, out, decodeType, i);
    }
    return out;
  }

  @Override
  public byte[] encode(byte[] decoded) {
    int n = Elements.count("astype", decoded, decodeType);
    byte[] out = new byte[n * encodeType.itemSize()];
    for (int i = 0; i < n; i++) {
      Elements.cast(decoded, decodeType, out, encodeType, i);
    }
    return out;
  }

  @Override
  public String toString() {
    return "AsType(encode_dtype=" + encodeType.toNumpy() + ", decode_dtype=" + decodeType.toNumpy() + ")";
  }
}
