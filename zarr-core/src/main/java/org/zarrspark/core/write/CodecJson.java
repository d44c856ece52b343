package org.zarrspark.core.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteOrder;
import org.zarrspark.core.codec.EndianCodec;
import org.zarrspark.core.codec.ShardingCodec;
import org.zarrspark.core.codec.TransposeCodec;
import org.zarrspark.core.codec.VlenUtf8Codec;
import org.zarrspark.core.codec.blosc.BloscCodec;
import org.zarrspark.core.codec.compress.Crc32cCodec;
import org.zarrspark.core.codec.compress.GzipCodec;
import org.zarrspark.core.codec.compress.ZstdCodec;

/**
 * Codec descriptions as zarr-python writes them: v3 entries of a "codecs" list and v2
 * compressor objects. Each codec class writes its own configuration
 * ({@link org.zarrspark.core.codec.WritableCodec}); these are shorthands. The writer binds the
 * result with the same parser the reader uses.
 */
public final class CodecJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private CodecJson() {}

  /** v3 {"name": "bytes", "configuration": {"endian": ...}}. */
  public static ObjectNode bytes(boolean littleEndian) {
    return new EndianCodec(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).v3Json();
  }

  public static ObjectNode transpose(int... order) {
    return new TransposeCodec(order).v3Json();
  }

  public static ObjectNode vlenUtf8() {
    return new VlenUtf8Codec().v3Json();
  }

  public static ObjectNode gzip(int level) {
    return new GzipCodec(level).v3Json();
  }

  public static ObjectNode zstd(int level, boolean checksum) {
    return new ZstdCodec(level, checksum).v3Json();
  }

  public static ObjectNode crc32c() {
    return new Crc32cCodec().v3Json();
  }

  /** v3 blosc; shuffle is "noshuffle", "shuffle" or "bitshuffle". */
  public static ObjectNode blosc(String cname, int clevel, String shuffle, int typesize) {
    return new BloscCodec(cname, clevel, BloscCodec.shuffleCode(shuffle), typesize, 0).v3Json();
  }

  /** A numcodecs object under its v3 name "numcodecs.&lt;id&gt;" (zlib, lz4, bz2, lzma, ...), fields copied. */
  public static ObjectNode numcodecs(ObjectNode v2) {
    ObjectNode o = F.objectNode().put("name", "numcodecs." + v2.get("id").asText());
    ObjectNode conf = o.putObject("configuration");
    v2.fields().forEachRemaining(e -> {
      if (!e.getKey().equals("id")) {
        conf.set(e.getKey(), e.getValue());
      }
    });
    return o;
  }

  /** v3 sharding with the default index codecs (bytes little-endian + crc32c). */
  public static ObjectNode sharding(int[] innerChunks, ArrayNode innerCodecs, boolean indexAtEnd) {
    ObjectNode o = F.objectNode().put("name", ShardingCodec.TYPE.v3Name());
    ObjectNode c = o.putObject("configuration");
    ArrayNode cs = c.putArray("chunk_shape");
    for (int i : innerChunks) {
      cs.add(i);
    }
    c.set("codecs", innerCodecs);
    c.putArray("index_codecs").add(bytes(true)).add(crc32c());
    c.put("index_location", indexAtEnd ? "end" : "start");
    return o;
  }

  public static ArrayNode list(ObjectNode... codecs) {
    ArrayNode a = F.arrayNode();
    for (ObjectNode c : codecs) {
      a.add(c);
    }
    return a;
  }

  /** v2 compressor/filter object {"id": ...}, for callers that add the fields themselves. */
  public static ObjectNode v2(String id) {
    return F.objectNode().put("id", id);
  }

  /** v2 blosc; shuffle 0 none, 1 byte, 2 bit. */
  public static ObjectNode v2Blosc(String cname, int clevel, int shuffle) {
    return new BloscCodec(cname, clevel, shuffle, 0, 0).v2Json(); // v2 writes no typesize
  }
}
