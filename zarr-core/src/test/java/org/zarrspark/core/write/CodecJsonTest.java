package org.zarrspark.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.zarrspark.core.error.InvalidMetadataException;

/** The JSON the shorthands write, field for field (the codec classes write it; the text must not move). */
class CodecJsonTest {
  @Test
  void v3Entries() {
    assertEquals("{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}}", CodecJson.bytes(true).toString());
    assertEquals("{\"name\":\"bytes\",\"configuration\":{\"endian\":\"big\"}}", CodecJson.bytes(false).toString());
    assertEquals("{\"name\":\"transpose\",\"configuration\":{\"order\":[1,0]}}", CodecJson.transpose(1, 0).toString());
    assertEquals("{\"name\":\"vlen-utf8\",\"configuration\":{}}", CodecJson.vlenUtf8().toString());
    assertEquals("{\"name\":\"gzip\",\"configuration\":{\"level\":5}}", CodecJson.gzip(5).toString());
    assertEquals("{\"name\":\"zstd\",\"configuration\":{\"level\":3,\"checksum\":true}}",
        CodecJson.zstd(3, true).toString());
    assertEquals("{\"name\":\"crc32c\"}", CodecJson.crc32c().toString());
    assertEquals("{\"name\":\"blosc\",\"configuration\":{\"typesize\":4,\"cname\":\"lz4\",\"clevel\":5,"
        + "\"shuffle\":\"shuffle\",\"blocksize\":0}}", CodecJson.blosc("lz4", 5, "shuffle", 4).toString());
    assertEquals("{\"name\":\"numcodecs.zlib\",\"configuration\":{\"level\":1}}",
        CodecJson.numcodecs(CodecJson.v2("zlib").put("level", 1)).toString());
  }

  @Test
  void sharding() {
    assertEquals("{\"name\":\"sharding_indexed\",\"configuration\":{\"chunk_shape\":[2,3],\"codecs\":["
        + "{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}}],\"index_codecs\":["
        + "{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}},{\"name\":\"crc32c\"}],"
        + "\"index_location\":\"start\"}}",
        CodecJson.sharding(new int[] {2, 3}, CodecJson.list(CodecJson.bytes(true)), false).toString());
  }

  @Test
  void v2Objects() {
    assertEquals("{\"id\":\"blosc\",\"cname\":\"zstd\",\"clevel\":3,\"shuffle\":2,\"blocksize\":0}",
        CodecJson.v2Blosc("zstd", 3, 2).toString());
    assertEquals("{\"id\":\"zlib\"}", CodecJson.v2("zlib").toString());
  }

  @Test
  void badSettingsAreRefusedWhenWritten() {
    assertThrows(InvalidMetadataException.class, () -> CodecJson.blosc("lz4", 5, "sideways", 4));
    assertThrows(InvalidMetadataException.class, () -> CodecJson.gzip(12));
  }
}
