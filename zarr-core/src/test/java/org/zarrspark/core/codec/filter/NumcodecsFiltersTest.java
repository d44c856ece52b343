package org.zarrspark.core.codec.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.blosc.BloscCodec;
import org.zarrspark.core.codec.compress.Bz2Codec;
import org.zarrspark.core.codec.compress.ChecksumLocation;
import org.zarrspark.core.codec.compress.ChunkFixtures;
import org.zarrspark.core.codec.compress.Crc32cCodec;
import org.zarrspark.core.codec.compress.GzipCodec;
import org.zarrspark.core.codec.compress.Lz4Codec;
import org.zarrspark.core.codec.compress.LzmaCodec;
import org.zarrspark.core.codec.compress.ZlibCodec;
import org.zarrspark.core.codec.compress.ZstdCodec;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedCodecException;
import org.zarrspark.core.error.UnsupportedDataTypeException;

/** The factory maps numcodecs ids and fields to the codecs. */
class NumcodecsFiltersTest {
  static JsonNode json(String s) {
    try {
      return ChunkFixtures.JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static BytesCodec of(String s) {
    return NumcodecsFilters.fromJson(json(s));
  }

  @Test
  void mapsEveryId() {
    Delta d = assertInstanceOf(Delta.class, of("{\"id\":\"delta\",\"dtype\":\"<i8\",\"astype\":\"<i2\"}"));
    assertEquals("<i8", d.dtype().toNumpy());
    assertEquals("<i2", d.astype().toNumpy());
    assertEquals("<i4", assertInstanceOf(Delta.class, of("{\"id\":\"delta\",\"dtype\":\"<i4\"}")).astype().toNumpy());
    FixedScaleOffset f = assertInstanceOf(FixedScaleOffset.class,
        of("{\"id\":\"fixedscaleoffset\",\"scale\":10,\"offset\":1000.5,\"dtype\":\"<f8\",\"astype\":\"<i4\"}"));
    assertEquals(10L, f.scale());
    assertEquals(1000.5, f.offset());
    assertEquals(2, assertInstanceOf(Quantize.class, of("{\"id\":\"quantize\",\"digits\":2,\"dtype\":\"<f8\",\"astype\":\"<f4\"}")).digits());
    assertEquals(8, assertInstanceOf(BitRound.class, of("{\"id\":\"bitround\",\"keepbits\":8}")).keepbits());
    assertInstanceOf(AsType.class, of("{\"id\":\"astype\",\"encode_dtype\":\"<f4\",\"decode_dtype\":\"<f8\"}"));
    assertEquals(8, assertInstanceOf(Shuffle.class, of("{\"id\":\"shuffle\",\"elementsize\":8}")).elementSize());
    assertEquals(4, assertInstanceOf(Shuffle.class, of("{\"id\":\"shuffle\"}")).elementSize());
    assertInstanceOf(PackBits.class, of("{\"id\":\"packbits\"}"));
    Categorize c = assertInstanceOf(Categorize.class,
        of("{\"id\":\"categorize\",\"labels\":[\"low\",\"mid\",\"high\"],\"dtype\":\"<U4\",\"astype\":\"|u1\"}"));
    assertEquals(List.of("low", "mid", "high"), c.labels());
    assertInstanceOf(Fletcher32.class, of("{\"id\":\"fletcher32\"}"));
    assertEquals(ChecksumLocation.START, assertInstanceOf(Adler32.class, of("{\"id\":\"adler32\"}")).location());
    assertEquals(ChecksumLocation.START, assertInstanceOf(Crc32.class, of("{\"id\":\"crc32\"}")).location());
    assertEquals(ChecksumLocation.END, assertInstanceOf(Crc32.class, of("{\"id\":\"crc32\",\"location\":\"end\"}")).location());
    assertEquals(ChecksumLocation.END, assertInstanceOf(Crc32cCodec.class, of("{\"id\":\"crc32c\"}")).location());
    assertEquals(5, assertInstanceOf(GzipCodec.class, of("{\"id\":\"gzip\",\"level\":5}")).level());
    assertEquals(1, assertInstanceOf(ZlibCodec.class, of("{\"id\":\"zlib\",\"level\":1}")).level());
    assertEquals(3, assertInstanceOf(ZstdCodec.class, of("{\"id\":\"zstd\",\"level\":3,\"checksum\":false}")).level());
    assertEquals(1, assertInstanceOf(Lz4Codec.class, of("{\"id\":\"lz4\",\"acceleration\":1}")).acceleration());
    assertEquals(9, assertInstanceOf(Bz2Codec.class, of("{\"id\":\"bz2\",\"level\":9}")).level());
    assertEquals(1, assertInstanceOf(LzmaCodec.class,
        of("{\"id\":\"lzma\",\"format\":1,\"check\":-1,\"preset\":null,\"filters\":null}")).format());
    assertInstanceOf(BloscCodec.class, of("{\"id\":\"blosc\",\"cname\":\"lz4\",\"clevel\":5,\"shuffle\":1,\"blocksize\":0}"));
    for (String id : NumcodecsFilters.SUPPORTED) {
      assertTrue(List.of("delta", "fixedscaleoffset", "quantize", "bitround", "astype", "categorize").contains(id)
          || !of("{\"id\":\"" + id + "\"}").name().isEmpty(), id);
    }
  }

  @Test
  void acceptsTheV3Spellings() {
    assertEquals(3, assertInstanceOf(ZlibCodec.class, of("{\"id\":\"numcodecs.zlib\",\"level\":3}")).level());
    assertInstanceOf(Delta.class, of("{\"id\":\"numcodecs.delta\",\"dtype\":\"<i4\"}"));
    assertInstanceOf(BloscCodec.class, of("{\"id\":\"blosc\",\"cname\":\"zstd\",\"clevel\":3,\"shuffle\":\"bitshuffle\",\"typesize\":2}"));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"blosc\",\"shuffle\":\"sideways\"}"));
  }

  @Test
  void everyCodecReportsItsId() {
    assertEquals("delta", of("{\"id\":\"delta\",\"dtype\":\"<i4\"}").name());
    assertEquals("fletcher32", of("{\"id\":\"fletcher32\"}").name());
    assertEquals("crc32", of("{\"id\":\"crc32\"}").name());
    assertEquals("adler32", of("{\"id\":\"adler32\"}").name());
    assertEquals("packbits", of("{\"id\":\"packbits\"}").name());
    assertEquals("lzma", of("{\"id\":\"lzma\"}").name());
  }

  @Test
  void unknownIdsNameThemselvesAndTheSupportedOnes() {
    for (String id : List.of("zfpy", "vlen-utf8", "vlen-bytes", "json2", "pickle", "msgpack2", "pcodec", "vlen-array", "")) {
      UnsupportedCodecException e = assertThrows(UnsupportedCodecException.class, () -> of("{\"id\":\"" + id + "\"}"));
      assertTrue(e.getMessage().contains("'" + id + "'"), e.getMessage());
      assertTrue(e.getMessage().contains("fixedscaleoffset") && e.getMessage().contains("lzma"), e.getMessage());
      assertEquals("unsupported-codec", e.kind());
    }
  }

  @Test
  void malformedObjects() {
    assertThrows(InvalidMetadataException.class, () -> of("[1, 2]"));
    assertThrows(InvalidMetadataException.class, () -> of("{\"level\":1}"));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":5}"));
    assertThrows(InvalidMetadataException.class, () -> NumcodecsFilters.fromJson(null));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"delta\"}"));
    assertThrows(UnsupportedDataTypeException.class, () -> of("{\"id\":\"delta\",\"dtype\":\"<q9\"}"));
    assertThrows(UnsupportedDataTypeException.class, () -> of("{\"id\":\"delta\",\"dtype\":\"|O\"}"));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"quantize\",\"digits\":2,\"dtype\":\"<i4\"}"));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"quantize\",\"dtype\":\"<f4\"}"));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"fixedscaleoffset\",\"scale\":1,\"dtype\":\"<f4\"}"));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"fixedscaleoffset\",\"scale\":\"x\",\"offset\":0,\"dtype\":\"<f4\"}"));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"bitround\"}"));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"bitround\",\"keepbits\":-1}"));
    assertThrows(InvalidMetadataException.class, () -> NumcodecsFilters.fromJson(json("{\"id\":\"bitround\",\"keepbits\":30}"),
        DataType.FLOAT32));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"categorize\",\"dtype\":\"<U4\"}"));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"categorize\",\"labels\":[1],\"dtype\":\"<U4\"}"));
    assertThrows(UnsupportedDataTypeException.class, () -> of("{\"id\":\"categorize\",\"labels\":[],\"dtype\":\"<i4\"}"));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"crc32\",\"location\":\"foo\"}"));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"shuffle\",\"elementsize\":\"4\"}"));
  }

  @Test
  void bitRoundEncodesOnlyWhenItKnowsTheFloatType() {
    JsonNode cfg = json("{\"id\":\"bitround\",\"keepbits\":3}");
    byte[] one = {0, 0, (byte) 0x80, 0x3f}; // 1.0f
    BytesCodec decodeOnly = NumcodecsFilters.fromJson(cfg);
    assertArrayEquals(one, decodeOnly.decode(one, 4));
    assertThrows(UnsupportedCodecException.class, () -> decodeOnly.encode(one));
    BytesCodec typed = NumcodecsFilters.fromJson(cfg, DataType.FLOAT32);
    assertArrayEquals(one, typed.encode(one));
    byte[] x = {(byte) 0xff, (byte) 0xff, (byte) 0xbf, 0x3f}; // 1.4999999f -> 1.5f with 3 mantissa bits
    assertArrayEquals(new byte[] {0, 0, (byte) 0xc0, 0x3f}, typed.encode(x));
  }
}
