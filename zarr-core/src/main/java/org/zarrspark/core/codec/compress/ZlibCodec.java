package org.zarrspark.core.codec.compress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.zip.Inflater;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.WritableCodec;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TruncatedChunkException;

/**
 * zlib (RFC 1950): numcodecs "zlib". The adler32 of the stream is checked; bytes after the end of
 * the stream are ignored, as Python's {@code zlib.decompress} does.
 */
public final class ZlibCodec implements BytesCodec, WritableCodec {
  /** Its names and binding: numcodecs "zlib" (v3 "numcodecs.zlib"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "zlib", (config, context) -> fromJson(config)).writable(ZlibCodec::forWriter);

  /** numcodecs' default level. */
  public static final int DEFAULT_LEVEL = 1;

  private final int level;

  /** @param level -1 (zlib default) or 0..9 */
  public ZlibCodec(int level) {
    if (level < -1 || level > 9) {
      throw new InvalidMetadataException("codec zlib: level " + level + " is outside -1..9");
    }
    this.level = level;
  }

  /** From {"id": "zlib", "level": n}; level defaults to 1. */
  public static ZlibCodec fromJson(JsonNode config) {
    JsonConfig.requireObject("zlib", config);
    return new ZlibCodec(JsonConfig.intField("zlib", config, "level", DEFAULT_LEVEL));
  }

  public int level() {
    return level;
  }

  private static WritableCodec forWriter(Integer level, int typesize, int zarrFormat) {
    return new ZlibCodec(level != null ? level : DEFAULT_LEVEL);
  }

  @Override
  public CodecType<?> type() {
    return TYPE;
  }

  /** {"level": n} in both formats (v3 writes it as "numcodecs.zlib"). */
  @Override
  public ObjectNode configuration(int zarrFormat) {
    return JsonNodeFactory.instance.objectNode().put("level", level);
  }

  @Override
  public String name() {
    return "zlib";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    if (encoded.length == 0) {
      throw new TruncatedChunkException("zlib data is empty");
    }
    Bytes out = new Bytes(Bytes.initialGuess(encoded.length), maxDecodedSize);
    Inflater inf = new Inflater(false);
    try {
      Deflate.inflate("zlib", inf, encoded, 0, encoded.length, out);
    } finally {
      inf.end();
    }
    return out.toByteArray();
  }

  @Override
  public byte[] encode(byte[] decoded) {
    return Deflate.deflate(decoded, level, false,
        new ByteArrayOutputStream(Math.max(64, decoded.length / 3 + 16)));
  }

  @Override
  public String toString() {
    return "ZlibCodec(level=" + level + ")";
  }
}
