package org.zarrspark.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.testing.Expected;
import org.zarrspark.core.testing.Fixtures;

/**
 * The v3 extension codecs (packbits, bitround, scale_offset, cast_value, reshape, numcodecs.*)
 * and the sub-byte integers, read from the independent testdata/v3ext stores and compared with
 * their recorded values; encode/decode round trips; hostile chunks and metadata.
 */
class V3ExtensionCodecsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  List<DynamicTest> fixtureArraysDecodeToTheRecordedValues() throws IOException {
    Path root = Fixtures.require().resolve("v3ext");
    List<DynamicTest> tests = new ArrayList<>();
    for (String c : List.of("cd_bitround_reshape_v3", "cd_numcodecs_names_v3", "cd_packbits_v3", "cd_scale_cast_v3",
        "dt_lowprec_v3")) {
      Path dir = root.resolve(c);
      for (JsonNode a : JSON.readTree(dir.resolve("case.json").toFile()).get("arrays")) {
        String path = a.get("path").asText();
        if (c.equals("dt_lowprec_v3") && !path.equals("i4")) {
          continue; // the float types belong to the data type work
        }
        tests.add(dynamicTest(c + ":" + path, () -> {
          NdBuffer got = Hierarchy.open(new LocalStore(dir.resolve("store.zarr"))).array(path).readAll();
          Expected.assertSameElements(c + ":" + path, Expected.bin(dir.resolve(a.get("expected").get("bin").asText())),
              got);
        }));
      }
    }
    return tests;
  }

  @Test
  void v2FixedScaleOffsetWithAstypeStillDecodes() throws IOException {
    Path dir = Fixtures.python().resolve("nc_v2_filters");
    NdBuffer got = Hierarchy.open(new LocalStore(dir.resolve("store.zarr"))).array("fixedscaleoffset_f8_i4").readAll();
    Expected.assertSameElements("fixedscaleoffset_f8_i4",
        Expected.bin(dir.resolve("expected/fixedscaleoffset_f8_i4.bin")), got);
  }

  @Test
  void castValueFillTheStoredTypeCannotHoldIsInvalidMetadataAtOpen() {
    Path store = Fixtures.require().resolve("v3ext/bad_v3_cast_value_fill_unrepresentable/store.zarr");
    InvalidMetadataException e = assertThrows(InvalidMetadataException.class,
        () -> Hierarchy.open(new LocalStore(store)).arrayMetadata("a"));
    assertTrue(e.getMessage().contains(store.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("a/zarr.json"), e.getMessage());
    assertTrue(e.getMessage().contains("int16"), e.getMessage());
  }

  // ------------------------------------------------------------------ hand-made pipelines

  private static CodecPipeline v3(DataType type, String codecs) throws IOException {
    return Codecs.v3(JSON.readTree(codecs), type);
  }

  @Test
  void packbitsMatchesTheRegistryBitOrderAndRoundTrips() throws IOException {
    CodecPipeline p = v3(DataType.INT4, "[{\"name\":\"packbits\",\"configuration\":{\"padding_encoding\":\"first_byte\"}}]");
    byte[] values = {-8, 7, -1, 0, 3};
    byte[] enc = p.encode(NdBuffer.wrap(DataType.INT4, new int[] {5}, values), null);
    // element 0 in the low nibble of the first data byte; 20 bits -> 3 bytes, 4 padding bits
    assertArrayEquals(new byte[] {4, (byte) 0x78, (byte) 0x0F, 0x03}, enc);
    assertArrayEquals(values, p.decode(enc, DataType.INT4, new int[] {5}, null).bytes());

    CodecPipeline u2 = v3(DataType.UINT2, "[{\"name\":\"packbits\",\"configuration\":{\"padding_encoding\":\"last_byte\"}}]");
    byte[] flags = {0, 1, 2, 3, 3};
    byte[] e2 = u2.encode(NdBuffer.wrap(DataType.UINT2, new int[] {5}, flags), null);
    assertArrayEquals(new byte[] {(byte) 0xE4, 0x03, 6}, e2);
    assertArrayEquals(flags, u2.decode(e2, DataType.UINT2, new int[] {5}, null).bytes());

    // float4_e2m1fn patterns (held one byte each) pack to four bits: 0, 0.5, -6, 6.
    DataType f4 = DataType.narrow(org.zarrspark.core.dtype.NarrowFloat.FLOAT4_E2M1FN);
    CodecPipeline p4 = v3(f4, "[{\"name\":\"packbits\",\"configuration\":{\"padding_encoding\":\"none\"}}]");
    byte[] quarter = {0x0, 0x1, 0xF, 0x7};
    byte[] e4 = p4.encode(NdBuffer.wrap(f4, new int[] {4}, quarter), null);
    assertArrayEquals(new byte[] {0x10, 0x7F}, e4);
    assertArrayEquals(quarter, p4.decode(e4, f4, new int[] {4}, null).bytes());

    // bits 4..11 of int16 values, sign-extended from bit 11 on decode
    CodecPipeline bits = v3(DataType.INT16, "[{\"name\":\"packbits\",\"configuration\":{\"first_bit\":4,\"last_bit\":11}}]");
    NdBuffer in = NdBuffer.allocate(DataType.INT16, new int[] {3});
    short[] vs = {0x120, -0x7F0, 0x7F0};
    for (int i = 0; i < 3; i++) {
      in.bytes()[2 * i] = (byte) vs[i];
      in.bytes()[2 * i + 1] = (byte) (vs[i] >> 8);
    }
    byte[] e3 = bits.encode(in, null);
    assertEquals(3, e3.length);
    NdBuffer back = bits.decode(e3, DataType.INT16, new int[] {3}, null);
    for (int i = 0; i < 3; i++) {
      assertEquals(vs[i], back.getShort(i));
    }
  }

  @Test
  void packbitsRefusesAPaddingByteOrByteCountThatDisagreesWithTheChunk() throws IOException {
    CodecPipeline p = v3(DataType.INT4, "[{\"name\":\"packbits\",\"configuration\":{\"padding_encoding\":\"first_byte\"}}]");
    CorruptChunkException pad = assertThrows(CorruptChunkException.class,
        () -> p.decode(new byte[] {3, 0, 0, 0}, DataType.INT4, new int[] {5}, null));
    assertTrue(pad.getMessage().contains("says 3 padding bits, expected 4"), pad.getMessage());
    TruncatedChunkException shortChunk = assertThrows(TruncatedChunkException.class,
        () -> p.decode(new byte[] {4, 0}, DataType.INT4, new int[] {5}, null));
    assertTrue(shortChunk.getMessage().contains("expected 4"), shortChunk.getMessage());
    assertThrows(CorruptChunkException.class,
        () -> p.decode(new byte[1 << 16], DataType.INT4, new int[] {5}, null));
    assertThrows(InvalidMetadataException.class,
        () -> v3(DataType.INT4, "[{\"name\":\"packbits\",\"configuration\":{\"padding_encoding\":\"middle\"}}]"));
    assertThrows(InvalidMetadataException.class,
        () -> v3(DataType.UINT4, "[{\"name\":\"packbits\",\"configuration\":{\"last_bit\":4}}]"));
  }

  @Test
  void subByteBytesIgnoreTheUpperBits() throws IOException {
    CodecPipeline p = v3(DataType.INT4, "[{\"name\":\"bytes\"}]");
    // 0x0F and 0xFF are both -1; 0x37 is 7; 0xF8 and 0x08 are -8
    assertArrayEquals(new byte[] {-1, -1, 7, -8, -8},
        p.decode(new byte[] {0x0F, (byte) 0xFF, 0x37, (byte) 0xF8, 0x08}, DataType.INT4, new int[] {5}, null).bytes());
    CodecPipeline u = v3(DataType.UINT2, "[{\"name\":\"bytes\"}]");
    assertArrayEquals(new byte[] {3, 1}, u.decode(new byte[] {(byte) 0xFF, 0x05}, DataType.UINT2, new int[] {2}, null).bytes());
  }

  @Test
  void bitroundEncodesTheRegistrySampleData() throws IOException {
    CodecPipeline p = v3(DataType.UINT8, "[{\"name\":\"bitround\",\"configuration\":{\"keepbits\":3}},{\"name\":\"bytes\"}]");
    byte[] in = {0, 1, 10, 11, 100, 123, (byte) 200, (byte) 208, (byte) 209, (byte) 255};
    byte[] want = {0, 1, 10, 12, 96, (byte) 128, (byte) 192, (byte) 192, (byte) 224, (byte) 224};
    byte[] enc = p.encode(NdBuffer.wrap(DataType.UINT8, new int[] {10}, in), null);
    assertArrayEquals(want, enc);
    assertArrayEquals(want, p.decode(enc, DataType.UINT8, new int[] {10}, null).bytes()); // decode: identity

    CodecPipeline f = v3(DataType.FLOAT32, "[{\"name\":\"bitround\",\"configuration\":{\"keepbits\":3}},{\"name\":\"bytes\"}]");
    float[] x = {0f, 0.1f, 1.2f, 12.3f, 123.4f, 1234.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    float[] r = {0f, 0.1015625f, 1.25f, 12f, 120f, 1280f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    NdBuffer fb = NdBuffer.allocate(DataType.FLOAT32, new int[] {x.length});
    java.nio.ByteBuffer.wrap(fb.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(x);
    NdBuffer out = f.decode(f.encode(fb, null), DataType.FLOAT32, new int[] {x.length}, null);
    for (int i = 0; i < x.length; i++) {
      assertEquals(r[i], out.getFloat(i), "element " + i);
    }
  }

  @Test
  void scaleOffsetDecodesInTheArrayTypeAndRefusesInexactIntegers() throws IOException {
    CodecPipeline p = v3(DataType.INT32,
        "[{\"name\":\"scale_offset\",\"configuration\":{\"offset\":10,\"scale\":4}},{\"name\":\"bytes\"}]");
    NdBuffer in = NdBuffer.allocate(DataType.INT32, new int[] {3});
    int[] vs = {10, 11, -5};
    java.nio.ByteBuffer.wrap(in.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(vs);
    byte[] enc = p.encode(in, null);
    NdBuffer back = p.decode(enc, DataType.INT32, new int[] {3}, null);
    for (int i = 0; i < 3; i++) {
      assertEquals(vs[i], back.getInt(i));
    }
    byte[] odd = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}; // 1 / 4 has a remainder
    CorruptChunkException e = assertThrows(CorruptChunkException.class,
        () -> p.decode(odd, DataType.INT32, new int[] {3}, null));
    assertTrue(e.getMessage().contains("int32"), e.getMessage());
    assertThrows(InvalidMetadataException.class,
        () -> v3(DataType.INT32, "[{\"name\":\"scale_offset\",\"configuration\":{\"scale\":0}},{\"name\":\"bytes\"}]"));
    assertThrows(InvalidMetadataException.class,
        () -> v3(DataType.INT32, "[{\"name\":\"scale_offset\",\"configuration\":{\"scale\":0.5}},{\"name\":\"bytes\"}]"));
    assertThrows(InvalidMetadataException.class,
        () -> v3(DataType.INT32, "[{\"name\":\"scale_offset\",\"configuration\":{\"factor\":2}},{\"name\":\"bytes\"}]"));
  }

  @Test
  void castValueMapsScalarsRoundsAndHandlesTheRange() throws IOException {
    String codecs = "[{\"name\":\"cast_value\",\"configuration\":{\"data_type\":\"int8\",\"out_of_range\":\"clamp\","
        + "\"scalar_map\":{\"encode\":[[\"NaN\",-128]],\"decode\":[[-128,\"NaN\"]]}}},{\"name\":\"bytes\"}]";
    CodecPipeline p = v3(DataType.FLOAT64, codecs);
    assertEquals(DataType.INT8, p.encodedType(DataType.FLOAT64));
    double[] x = {Double.NaN, 2.5, 3.5, -2.5, 300, -300, -0.0};
    NdBuffer in = NdBuffer.allocate(DataType.FLOAT64, new int[] {x.length});
    java.nio.ByteBuffer.wrap(in.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(x);
    byte[] enc = p.encode(in, null);
    assertArrayEquals(new byte[] {-128, 2, 4, -2, 127, -128, 0}, enc); // nearest-even, clamp to -128
    NdBuffer back = p.decode(enc, DataType.FLOAT64, new int[] {x.length}, null);
    assertTrue(Double.isNaN(back.getDouble(0)));
    assertEquals(127.0, back.getDouble(4));

    CodecPipeline wrap = v3(DataType.INT32, "[{\"name\":\"cast_value\",\"configuration\":{\"data_type\":\"int16\","
        + "\"out_of_range\":\"wrap\"}},{\"name\":\"bytes\"}]");
    NdBuffer w = NdBuffer.allocate(DataType.INT32, new int[] {3});
    java.nio.ByteBuffer.wrap(w.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(new int[] {32768, 32769, -32769});
    NdBuffer ws = NdBuffer.wrap(DataType.INT16, new int[] {3}, wrap.encode(w, null));
    assertEquals(-32768, ws.getShort(0));
    assertEquals(-32767, ws.getShort(1));
    assertEquals(32767, ws.getShort(2));

    // Decoding a stored value the array type cannot hold, with no out_of_range: a corrupt chunk.
    CodecPipeline narrow = v3(DataType.UINT8, "[{\"name\":\"cast_value\",\"configuration\":{\"data_type\":\"int16\"}},"
        + "{\"name\":\"bytes\"}]");
    CorruptChunkException e = assertThrows(CorruptChunkException.class,
        () -> narrow.decode(new byte[] {(byte) 0x2C, 0x01}, DataType.UINT8, new int[] {1}, null)); // 300
    assertTrue(e.getMessage().contains("300"), e.getMessage());
    assertThrows(InvalidMetadataException.class, () -> v3(DataType.FLOAT32,
        "[{\"name\":\"cast_value\",\"configuration\":{\"data_type\":\"float16\",\"out_of_range\":\"wrap\"}},{\"name\":\"bytes\"}]"));
    CodecPipeline noMap = v3(DataType.FLOAT64,
        "[{\"name\":\"cast_value\",\"configuration\":{\"data_type\":\"int8\"}},{\"name\":\"bytes\"}]");
    assertThrows(InvalidMetadataException.class,
        () -> noMap.encodedFill(new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xF8, 0x7F})); // NaN
    assertArrayEquals(new byte[] {-128}, (byte[]) p.encodedFill(new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xF8, 0x7F}));
  }

  @Test
  void reshapeMergesAxesAndRefusesShapesThatDoNotFit() throws IOException {
    CodecPipeline p = v3(DataType.INT32, "[{\"name\":\"reshape\",\"configuration\":{\"shape\":[[0],2,3]}},"
        + "{\"name\":\"transpose\",\"configuration\":{\"order\":[2,0,1]}},{\"name\":\"bytes\"}]");
    assertArrayEquals(new int[] {3, 4, 2}, p.encodedShape(new int[] {4, 6}));
    NdBuffer in = NdBuffer.allocate(DataType.INT32, new int[] {4, 6});
    for (int i = 0; i < 24; i++) {
      in.bytes()[4 * i] = (byte) i;
    }
    assertArrayEquals(in.bytes(), p.decode(p.encode(in, null), DataType.INT32, new int[] {4, 6}, null).bytes());
    assertArrayEquals(new int[] {60}, v3(DataType.INT8, "[{\"name\":\"reshape\",\"configuration\":{\"shape\":[-1]}},"
        + "{\"name\":\"bytes\"}]").encodedShape(new int[] {5, 3, 4}));
    assertThrows(InvalidMetadataException.class, () -> v3(DataType.INT8,
        "[{\"name\":\"reshape\",\"configuration\":{\"shape\":[[1],[0]]}},{\"name\":\"bytes\"}]"));
    assertThrows(InvalidMetadataException.class, () -> v3(DataType.INT8,
        "[{\"name\":\"reshape\",\"configuration\":{\"shape\":[-1,-1]}},{\"name\":\"bytes\"}]"));
    assertThrows(InvalidMetadataException.class, () -> v3(DataType.INT8,
        "[{\"name\":\"reshape\",\"configuration\":{\"shape\":[7]}},{\"name\":\"bytes\"}]").encodedShape(new int[] {2, 3}));
    assertThrows(InvalidMetadataException.class, () -> v3(DataType.INT8,
        "[{\"name\":\"reshape\",\"configuration\":{\"shape\":[2,[1]]}},{\"name\":\"bytes\"}]").encodedShape(new int[] {3, 2}));
  }

  @Test
  void numcodecsFilterThatStoresAnotherTypeRoundTripsAndTakesTheArrayTypeByDefault() throws IOException {
    // no "dtype": zarr-python fills it from the array's type
    CodecPipeline p = v3(DataType.FLOAT64, "[{\"name\":\"numcodecs.fixedscaleoffset\",\"configuration\":"
        + "{\"offset\":15.0,\"scale\":100,\"astype\":\"<i2\"}},{\"name\":\"bytes\"},{\"name\":\"numcodecs.zlib\"}]");
    assertEquals(DataType.INT16, p.encodedType(DataType.FLOAT64));
    double[] x = {15.0, 15.01, 14.5, 20.25};
    NdBuffer in = NdBuffer.allocate(DataType.FLOAT64, new int[] {4});
    java.nio.ByteBuffer.wrap(in.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(x);
    NdBuffer back = p.decode(p.encode(in, null), DataType.FLOAT64, new int[] {4}, null);
    for (int i = 0; i < 4; i++) {
      assertEquals(x[i], back.getDouble(i), 1e-9);
    }
    // a chunk holding float64 bytes where int16 are expected is refused by size, naming both
    ZarrException e = assertThrows(ZarrException.class, () -> v3(DataType.FLOAT64,
        "[{\"name\":\"numcodecs.fixedscaleoffset\",\"configuration\":{\"offset\":0,\"scale\":1,\"astype\":\"<i2\"}},"
            + "{\"name\":\"bytes\"}]").decode(new byte[32], DataType.FLOAT64, new int[] {4}, null));
    assertTrue(e.getMessage().contains("expected 8"), e.getMessage());
  }

  @Test
  void unknownCodecsKeepTheirTypedError() {
    assertThrows(org.zarrspark.core.error.UnsupportedCodecException.class,
        () -> v3(DataType.INT8, "[{\"name\":\"no_such_codec\"},{\"name\":\"bytes\"}]"));
    assertThrows(org.zarrspark.core.error.UnsupportedCodecException.class,
        () -> v3(DataType.INT8, "[{\"name\":\"bytes\"},{\"name\":\"numcodecs.no_such_codec\"}]"));
  }

  @Test
  void aCastValueChainReadsThroughAStoreWithTheFillValueOfMissingChunks() throws IOException {
    MemoryStore s = new MemoryStore();
    s.put("zarr.json", ("{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[4],\"data_type\":\"float32\","
        + "\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[2]}},"
        + "\"chunk_key_encoding\":{\"name\":\"default\"},\"fill_value\":\"NaN\",\"codecs\":["
        + "{\"name\":\"scale_offset\",\"configuration\":{\"offset\":1,\"scale\":2}},"
        + "{\"name\":\"cast_value\",\"configuration\":{\"data_type\":\"uint8\",\"scalar_map\":"
        + "{\"encode\":[[\"NaN\",255]],\"decode\":[[255,\"NaN\"]]}}},{\"name\":\"bytes\"}]}").getBytes());
    s.put("c/0", new byte[] {4, (byte) 255}); // 4 / 2 + 1 = 3, NaN
    NdBuffer got = Hierarchy.open(s).array("").readAll();
    assertEquals(3f, got.getFloat(0));
    assertTrue(Float.isNaN(got.getFloat(1)));
    assertTrue(Float.isNaN(got.getFloat(2)) && Float.isNaN(got.getFloat(3))); // missing chunk: fill
  }
}
