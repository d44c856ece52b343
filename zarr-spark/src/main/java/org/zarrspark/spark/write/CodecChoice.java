package org.zarrspark.spark.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.zarrspark.core.codec.CodecRegistry;
import org.zarrspark.core.codec.WritableCodec;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.CodecJson;

/**
 * The codecs of a new array, from the options: the compressor and its defaults come from zarr-core's
 * codec registry (the one table of codecs), so a codec a writer may choose is added there alone.
 */
final class CodecChoice {
  private CodecChoice() {}

  /** Codecs from the options: v3 [bytes|vlen-utf8, compressor] (inside sharding_indexed when sharded); v2 a compressor. */
  static void apply(ArraySpec s, DataType t, WriteOptions o, int[] innerChunks) {
    String codec = o.codec() != null ? o.codec() : o.zarrFormat() == 3 ? "zstd" : "blosc";
    int typesize = t.isVariableLength() ? 1 : t.itemSize();
    WritableCodec c = codec.equals(WriteOptions.NO_CODEC) ? null
        : CodecRegistry.standard().compressor(codec, o.level(), typesize, o.zarrFormat());
    if (o.zarrFormat() == 2) {
      s.compressor(c == null ? null : c.v2Json());
      return;
    }
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    list.add(t.isVariableLength() ? CodecJson.vlenUtf8() : CodecJson.bytes(true));
    if (c != null) {
      list.add(c.v3Json());
    }
    s.codecs(innerChunks == null ? list : CodecJson.list(CodecJson.sharding(innerChunks, list, true)));
  }
}
