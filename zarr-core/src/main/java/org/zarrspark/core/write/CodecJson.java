package org.zarrspark.core.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Codec descriptions as zarr-python writes them: v3 entries of a "codecs" list and v2
 * compressor objects. The writer binds these with the same parser the reader uses.
 */
public final class CodecJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private CodecJson() {}

  private static ObjectNode v3(String name) {
    return F.objectNode().put("name", name);
  }

  /** v3 {"name": "bytes", "configuration": {"endian": ...}}. */
  public static ObjectNode bytes(boolean littleEndian) {
    ObjectNode o = v3("bytes");
    o.putObject("configuration").put("endian", littleEndian ? "little" : "big");
    return o;
  }

  public static ObjectNode transpose(int... order) {
    ObjectNode o = v3("transpose");
    ArrayNode a = o.putObject("configuration").putArray("order");
    for (int i : order) {
      a.add(i);
    }
    return o;
  }

  public static ObjectNode vlenUtf8() {
    ObjectNode o = v3("vlen-utf8");
    o.putObject("configuration");
    return o;
  }

  public static ObjectNode gzip(int level) {
    ObjectNode o = v3("gzip");
    o.putObject("configuration").put("level", level);
    return o;
  }

  public static ObjectNode zstd(int level, boolean checksum) {
    ObjectNode o = v3("zstd");
    o.putObject("configuration").put("level", level).put("checksum", checksum);
    return o;
  }

  public static ObjectNode crc32c() {
    return v3("crc32c");
  }

  /** v3 blosc; shuffle is "noshuffle", "shuffle" or "bitshuffle". */
  public static ObjectNode blosc(String cname, int clevel, String shuffle, int typesize) {
    ObjectNode o = v3("blosc");
    o.putObject("configuration").put("typesize", typesize).put("cname", cname).put("clevel", clevel)
        .put("shuffle", shuffle).put("blocksize", 0);
    return o;
  }

  /** A numcodecs codec under its v3 name "numcodecs.&lt;id&gt;" (zlib, lz4, bz2, lzma, ...). */
  public static ObjectNode numcodecs(ObjectNode v2) {
    ObjectNode o = v3("numcodecs." + v2.get("id").asText());
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
    ObjectNode o = v3("sharding_indexed");
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

  /** v2 compressor/filter object {"id": ..., fields...}. */
  public static ObjectNode v2(String id) {
    return F.objectNode().put("id", id);
  }

  /** v2 blosc; shuffle 0 none, 1 byte, 2 bit. */
  public static ObjectNode v2Blosc(String cname, int clevel, int shuffle) {
    return v2("blosc").put("cname", cname).put("clevel", clevel).put("shuffle", shuffle).put("blocksize", 0);
  }
}
