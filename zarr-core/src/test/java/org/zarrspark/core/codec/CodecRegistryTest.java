package org.zarrspark.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.codec.blosc.BloscCodec;
import org.zarrspark.core.codec.compress.GzipCodec;
import org.zarrspark.core.codec.compress.ZstdCodec;
import org.zarrspark.core.codec.filter.Delta;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.UnsupportedCodecException;
import org.zarrspark.core.json.Json;

class CodecRegistryTest {
  private static final CodecRegistry R = CodecRegistry.builtIn();

  static JsonNode json(String s) {
    return Json.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void listsItsNames() {
    assertEquals(List.of("transpose", "reshape", "bitround", "scale_offset", "cast_value", "bytes", "endian",
        "vlen-utf8", "vlen-bytes", "sharding_indexed", "packbits", "crc32c", "gzip", "zstd", "blosc"), R.v3Names());
    assertEquals(List.of("delta", "fixedscaleoffset", "quantize", "bitround", "astype", "shuffle", "packbits",
        "categorize", "fletcher32", "adler32", "crc32", "crc32c", "jenkins_lookup3", "base64", "gzip", "zlib", "zstd",
        "lz4", "bz2", "lzma", "blosc"), R.numcodecsIds());
    assertTrue(R.v3Supported().startsWith("transpose, reshape, bitround, scale_offset, cast_value, bytes,"),
        R.v3Supported());
    assertTrue(R.v3Supported().contains("numcodecs.<id>") && R.v3Supported().contains("lzma"), R.v3Supported());
  }

  @Test
  void looksUpBothSpellings() {
    assertSame(GzipCodec.TYPE, R.v3Type("gzip"));
    assertSame(ShardingCodec.TYPE, R.v3Type("sharding_indexed"));
    assertSame(Delta.TYPE, R.numcodecsType("delta"));
    assertSame(Delta.TYPE, R.numcodecsType("numcodecs.delta"));
    assertSame(VlenUtf8Codec.TYPE, R.numcodecsType("vlen-utf8"));
    assertNull(R.numcodecsType("nosuch"));
    assertInstanceOf(Delta.class, R.numcodecsCodec(json("{\"id\":\"numcodecs.delta\",\"dtype\":\"<i4\"}"), null));
  }

  @Test
  void refusalsComeWithTheirReason() {
    UnsupportedCodecException e = assertThrows(UnsupportedCodecException.class, () -> R.v3Type("vlen-array"));
    assertTrue(e.getMessage().contains("'vlen-array'") && e.getMessage().contains("ragged")
        && e.getMessage().contains("(supported: transpose"), e.getMessage());
    e = assertThrows(UnsupportedCodecException.class, () -> R.numcodecsCodec(json("{\"id\":\"vlen-bytes\"}"), null));
    assertTrue(e.getMessage().contains("'vlen-bytes'") && e.getMessage().contains("byte strings"), e.getMessage());
    e = assertThrows(UnsupportedCodecException.class, () -> R.numcodecsCodec(json("{\"id\":\"pickle\"}"), null));
    assertTrue(e.getMessage().contains("'pickle'") && e.getMessage().contains("arbitrary code"), e.getMessage());
    e = assertThrows(UnsupportedCodecException.class, () -> R.numcodecsCodec(json("{\"id\":\"zzz\"}"), null));
    assertTrue(e.getMessage().startsWith("numcodecs codec 'zzz' is not supported (supported: delta,"), e.getMessage());
    assertEquals(R.refusals().get("zfpy"), R.refusal("numcodecs.zfpy"));
    assertNull(R.refusal("gzip"));
  }

  @Test
  void bothBloscSpellingsShareOneShuffleMapping() {
    BloscCodec v3 = (BloscCodec) BloscCodec.TYPE.bind(json("{\"shuffle\":\"bitshuffle\"}"),
        new CodecContext(DataType.FLOAT32, false, R));
    assertEquals(BloscCodec.BITSHUFFLE, v3.shuffle());
    assertEquals(4, v3.typesize());
    BloscCodec v3Default = (BloscCodec) BloscCodec.TYPE.bind(json("{}"), new CodecContext(DataType.FLOAT32, false, R));
    assertEquals(BloscCodec.NOSHUFFLE, v3Default.shuffle());
    BloscCodec v2Default = (BloscCodec) R.numcodecsCodec(json("{\"id\":\"blosc\"}"), DataType.FLOAT64);
    assertEquals(BloscCodec.SHUFFLE, v2Default.shuffle());
    assertEquals(8, v2Default.typesize());
    assertEquals("shuffle", BloscCodec.shuffleName(BloscCodec.AUTOSHUFFLE, 4));
    assertEquals("bitshuffle", BloscCodec.shuffleName(BloscCodec.AUTOSHUFFLE, 1));
  }

  @Test
  void writersChooseAmongTheWritableCompressors() {
    assertEquals(List.of("gzip", "zlib", "zstd", "blosc"), R.writable());
    // the defaults the Spark writer has always written (docs/WRITING.md)
    assertEquals("{\"id\":\"zstd\",\"level\":1}", R.compressor("zstd", null, 8, 2).v2Json().toString());
    assertEquals("{\"name\":\"zstd\",\"configuration\":{\"level\":0,\"checksum\":false}}",
        R.compressor("zstd", null, 8, 3).v3Json().toString());
    assertEquals("{\"id\":\"gzip\",\"level\":5}", R.compressor("gzip", null, 8, 2).v2Json().toString());
    assertEquals("{\"name\":\"gzip\",\"configuration\":{\"level\":5}}", R.compressor("gzip", null, 8, 3).v3Json().toString());
    assertEquals("{\"id\":\"zlib\",\"level\":1}", R.compressor("zlib", null, 8, 2).v2Json().toString());
    assertEquals("{\"name\":\"numcodecs.zlib\",\"configuration\":{\"level\":7}}",
        R.compressor("zlib", 7, 8, 3).v3Json().toString());
    assertEquals("{\"id\":\"blosc\",\"cname\":\"lz4\",\"clevel\":5,\"shuffle\":1,\"blocksize\":0}",
        R.compressor("blosc", null, 8, 2).v2Json().toString());
    assertEquals("{\"id\":\"blosc\",\"cname\":\"lz4\",\"clevel\":3,\"shuffle\":2,\"blocksize\":0}",
        R.compressor("blosc", 3, 1, 2).v2Json().toString());
    assertEquals("{\"name\":\"blosc\",\"configuration\":{\"typesize\":4,\"cname\":\"lz4\",\"clevel\":5,"
        + "\"shuffle\":\"shuffle\",\"blocksize\":0}}", R.compressor("blosc", null, 4, 3).v3Json().toString());
    assertInstanceOf(ZstdCodec.class, R.compressor("zstd", 3, 4, 3));
    UnsupportedCodecException e = assertThrows(UnsupportedCodecException.class, () -> R.compressor("lz4", null, 4, 2));
    assertTrue(e.getMessage().contains("'lz4'") && e.getMessage().contains("gzip, zlib, zstd, blosc"), e.getMessage());
  }

  @Test
  void withAddsAFamilyAndRefusesANameTwice() {
    CodecType<BytesCodec> mine = CodecType.bytes("my-codec", "my_codec", (c, x) -> new GzipCodec(1));
    CodecRegistry more = R.with(new CodecProvider() {
      @Override
      public List<CodecType<?>> codecTypes() {
        return List.of(mine);
      }

      @Override
      public Map<String, String> refusals() {
        return Map.of("their_codec", "it is theirs");
      }
    });
    assertSame(mine, more.v3Type("my-codec"));
    assertTrue(more.numcodecsIds().contains("my_codec"));
    assertEquals("it is theirs", more.refusal("their_codec"));
    assertThrows(UnsupportedCodecException.class, () -> R.v3Type("my-codec")); // R itself is unchanged
    CodecProvider clash = () -> List.of(CodecType.bytes("gzip", null, (c, x) -> new GzipCodec(1)));
    assertThrows(IllegalStateException.class, () -> R.with(clash));
  }

  @Test
  void standardHoldsTheBuiltInOnes() {
    assertTrue(CodecRegistry.standard().types().containsAll(R.types()));
    assertSame(CodecRegistry.standard(), CodecRegistry.standard());
  }
}
