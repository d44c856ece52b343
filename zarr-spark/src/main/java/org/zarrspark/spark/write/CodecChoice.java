package org.zarrspark.spark.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.CodecJson;

/** The codecs of a new array, from the options (moved intact from the former WritePlanner). */
final class CodecChoice {
  private CodecChoice() {}

  /** Codecs from the options: v3 [bytes|vlen-utf8, compressor] (inside sharding_indexed when sharded); v2 a compressor. */
  static void apply(ArraySpec s, DataType t, WriteOptions o, int[] innerChunks) {
    String codec = o.codec() != null ? o.codec() : o.zarrFormat() == 3 ? "zstd" : "blosc";
    int typesize = t.isVariableLength() ? 1 : t.itemSize();
    if (o.zarrFormat() == 2) {
      switch (codec) {
        case "none": s.compressor(null); break;
        case "zstd": s.compressor(CodecJson.v2("zstd").put("level", level(o, 1))); break;
        case "gzip": s.compressor(CodecJson.v2("gzip").put("level", level(o, 5))); break;
        case "zlib": s.compressor(CodecJson.v2("zlib").put("level", level(o, 1))); break;
        default: s.compressor(CodecJson.v2Blosc("lz4", level(o, 5), typesize == 1 ? 2 : 1)); break;
      }
      return;
    }
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    list.add(t.isVariableLength() ? CodecJson.vlenUtf8() : CodecJson.bytes(true));
    switch (codec) {
      case "none": break;
      case "gzip": list.add(CodecJson.gzip(level(o, 5))); break;
      case "zlib": list.add(CodecJson.numcodecs(CodecJson.v2("zlib").put("level", level(o, 1)))); break;
      case "blosc": list.add(CodecJson.blosc("lz4", level(o, 5), typesize == 1 ? "bitshuffle" : "shuffle", typesize)); break;
      default: list.add(CodecJson.zstd(level(o, 0), false)); break;
    }
    s.codecs(innerChunks == null ? list : CodecJson.list(CodecJson.sharding(innerChunks, list, true)));
  }

  private static int level(WriteOptions o, int def) {
    return o.level() != null ? o.level() : def;
  }
}
