package org.zarrspark.core.dtype;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.cli.ValueFormat;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedDataTypeException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.metadata.FillValues;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.testing.Csv;
import org.zarrspark.core.testing.Fixtures;

/**
 * The v3 extension data types read from testdata/v3ext (stores written to the zarr-extensions
 * specifications, expected values computed independently), and their bad-input cases.
 */
class V3ExtensionTypesTest {
  private static Path caseDir(String name) {
    return Fixtures.require().resolve("v3ext").resolve(name);
  }

  private static NdBuffer read(String caseName, String array) {
    return Hierarchy.open(new LocalStore(caseDir(caseName).resolve("store.zarr"))).array(array).readAll();
  }

  private static List<String> expectedValues(String caseName, String array) throws IOException {
    List<List<String>> rows = Csv.read(caseDir(caseName).resolve("expected").resolve(array + ".csv"));
    return rows.subList(1, rows.size()).stream().map(r -> r.get(r.size() - 1)).toList();
  }

  private static byte[] bin(String caseName, String array) throws IOException {
    return Files.readAllBytes(caseDir(caseName).resolve("expected").resolve(array + ".bin"));
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String s) {
    return Json.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void vlenUtf8TextIncludingAMissingChunk() throws IOException {
    NdBuffer b = read("dt_text_v3", "vlen_utf8_2d");
    assertEquals(DataType.STRING, b.type());
    assertEquals(expectedValues("dt_text_v3", "vlen_utf8_2d"), List.of(b.objects()));
  }

  @Test
  void vlenBytesUnderBothNamesWithBase64AndEmptyFills() throws IOException {
    for (String array : new String[] {"vlen_bytes_zp", "bytes_fill_b64"}) {
      NdBuffer b = read("dt_text_v3", array);
      assertEquals(DataType.Kind.VLEN_BYTES, b.type().kind());
      List<String> want = expectedValues("dt_text_v3", array);
      assertEquals(want.size(), b.size());
      for (int i = 0; i < b.size(); i++) {
        assertArrayEquals(HexFormat.of().parseHex(want.get(i).substring(4)), (byte[]) b.objects()[i], array + "[" + i + "]");
        assertEquals(want.get(i), ValueFormat.format(b, i));
      }
    }
  }

  @Test
  void fixedLengthUtf32() throws IOException {
    NdBuffer b = read("dt_text_v3", "utf32_len4");
    assertArrayEquals(bin("dt_text_v3", "utf32_len4"), b.bytes());
    List<String> want = expectedValues("dt_text_v3", "utf32_len4");
    for (int i = 0; i < b.size(); i++) {
      assertEquals(want.get(i), ValueFormat.format(b, i));
    }
  }

  @Test
  void datetimeTicksTimesTheScaleFactorAndIsoText() throws IOException {
    for (String array : new String[] {"dt64_ns", "dt64_s_x10", "dt64_ms_fill_epoch"}) {
      NdBuffer b = read("dt_time_v3", array);
      long[] want = longs(bin("dt_time_v3", array));
      List<String> text = expectedValues("dt_time_v3", array);
      for (int i = 0; i < b.size(); i++) {
        long v = b.getLong(i);
        assertEquals(want[i], v == Long.MIN_VALUE ? v : v * b.type().unitScale(), array + "[" + i + "]");
        // the same instant; cat keeps the unit's digits (".000000000" for ns)
        String got = ValueFormat.format(b, i);
        assertEquals(text.get(i).equals("NaT") ? "NaT" : java.time.Instant.parse(text.get(i)).toString(),
            got.equals("NaT") ? "NaT" : java.time.Instant.parse(got).toString(), array + "[" + i + "]");
      }
    }
  }

  @Test
  void timedeltaIsACountOfTheBaseUnit() throws IOException {
    for (String array : new String[] {"td64_ms", "td64_s_x60"}) {
      NdBuffer b = read("dt_time_v3", array);
      long[] want = longs(bin("dt_time_v3", array));
      for (int i = 0; i < b.size(); i++) {
        assertEquals(want[i] == Long.MIN_VALUE ? "NaT" : Long.toString(want[i]), ValueFormat.format(b, i));
      }
    }
    assertEquals("120", ValueFormat.timedelta(2, 60));
    assertEquals("18446744073709551614", ValueFormat.timedelta(Long.MAX_VALUE, 2)); // past 64 bits, exact
  }

  @Test
  void structRecordsAreThePackedLittleEndianBytesWhateverTheCodecsEndian() throws IOException {
    for (String array : new String[] {"records", "points_be"}) {
      NdBuffer b = read("dt_struct_v3", array);
      assertEquals(DataType.Kind.STRUCT, b.type().kind());
      assertArrayEquals(bin("dt_struct_v3", array), b.bytes(), array);
    }
    NdBuffer r = read("dt_struct_v3", "records");
    assertEquals(List.of("id", "flags", "value", "temp"), r.type().fields().stream().map(DataType.Field::name).toList());
    assertEquals(17, r.type().itemSize());
    // the missing chunk holds the object fill value {"id": -1, "flags": 0, "value": "NaN", "temp": 0.0}
    assertEquals("{\"id\": -1, \"flags\": 0, \"value\": \"NaN\", \"temp\": 0.0}", ValueFormat.format(r, 8));
    NdBuffer p = read("dt_struct_v3", "points_be");
    assertTrue(ValueFormat.format(p, 0).matches("\\{\"x\": [-0-9.E]+, \"y\": [-0-9.E]+, \"ok\": (true|false), \"n\": -?[0-9]+\\}"),
        ValueFormat.format(p, 0));
  }

  @Test
  void nestedStructsAndTheLegacyStructuredName() {
    DataType t = V3DataTypes.parse(json("{\"name\":\"struct\",\"configuration\":{\"fields\":["
        + "{\"name\":\"point\",\"data_type\":{\"name\":\"struct\",\"configuration\":{\"fields\":["
        + "{\"name\":\"x\",\"data_type\":\"float32\"},{\"name\":\"y\",\"data_type\":\"float32\"}]}}},"
        + "{\"name\":\"value\",\"data_type\":\"float64\"}]}}"));
    assertEquals(16, t.itemSize());
    assertEquals(8, t.fields().get(1).offset());
    byte[] fill = (byte[]) FillValues.parse(json("{\"point\":{\"x\":1.0,\"y\":2.0},\"value\":3.5}"), t);
    ByteBuffer bb = ByteBuffer.wrap(fill).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1.0f, bb.getFloat(0));
    assertEquals(2.0f, bb.getFloat(4));
    assertEquals(3.5, bb.getDouble(8));
    NdBuffer one = NdBuffer.wrap(t, new int[] {1}, fill);
    assertEquals("{\"point\": {\"x\": 1.0, \"y\": 2.0}, \"value\": 3.5}", ValueFormat.format(one, 0));
    DataType legacy = V3DataTypes.parse(json("{\"name\":\"structured\",\"configuration\":{\"fields\":"
        + "[[\"a\",\"int16\"],[\"b\",\"uint8\"]]}}"));
    assertEquals(3, legacy.itemSize());
  }

  @Test
  void badStructsNameTheField() {
    UnsupportedDataTypeException u = assertThrows(UnsupportedDataTypeException.class, () -> V3DataTypes.parse(json(
        "{\"name\":\"struct\",\"configuration\":{\"fields\":[{\"name\":\"a\",\"data_type\":\"int32\"},"
            + "{\"name\":\"weird\",\"data_type\":\"float7\"}]}}")));
    assertTrue(u.getMessage().contains("'weird'") && u.getMessage().contains("float7"), u.getMessage());
    InvalidMetadataException e = assertThrows(InvalidMetadataException.class, () -> V3DataTypes.parse(json(
        "{\"name\":\"struct\",\"configuration\":{\"fields\":[{\"name\":\"s\",\"data_type\":\"string\"}]}}")));
    assertTrue(e.getMessage().contains("'s'") && e.getMessage().contains("fixed size"), e.getMessage());
    e = assertThrows(InvalidMetadataException.class, () -> V3DataTypes.parse(json(
        "{\"name\":\"struct\",\"configuration\":{\"fields\":[{\"name\":\"a\",\"data_type\":\"int8\"},"
            + "{\"name\":\"a\",\"data_type\":\"int8\"}]}}")));
    assertTrue(e.getMessage().contains("not unique"), e.getMessage());
    DataType t = V3DataTypes.parse(json("{\"name\":\"struct\",\"configuration\":{\"fields\":["
        + "{\"name\":\"a\",\"data_type\":\"int8\"},{\"name\":\"b\",\"data_type\":\"int8\"}]}}"));
    e = assertThrows(InvalidMetadataException.class, () -> FillValues.parse(json("{\"a\": 1}"), t));
    assertTrue(e.getMessage().contains("'b'"), e.getMessage());
    e = assertThrows(InvalidMetadataException.class, () -> FillValues.parse(json("{\"a\": 1, \"b\": 300}"), t));
    assertTrue(e.getMessage().contains("'b'"), e.getMessage());
  }

  @Test
  void narrowFloatsWidenExactlyAndPrintShortestRoundTrips() throws IOException {
    String[][] arrays = {{"bf16", "bfloat16"}, {"f8_e4m3", "float8_e4m3"}, {"f8_e5m2", "float8_e5m2"}};
    for (String[] a : arrays) {
      NdBuffer b = read("dt_lowprec_v3", a[0]);
      NarrowFloat f = NarrowFloat.byName(a[1]);
      assertEquals(f, b.type().narrowFloat());
      ByteBuffer want = ByteBuffer.wrap(bin("dt_lowprec_v3", a[0])).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < b.size(); i++) {
        float w = want.getFloat(i * 4);
        float got = b.getNarrowFloat(i);
        assertTrue(Float.isNaN(w) ? Float.isNaN(got) : Float.floatToRawIntBits(w) == Float.floatToRawIntBits(got),
            a[0] + "[" + i + "]: " + got + " != " + w);
        String text = ValueFormat.format(b, i);
        float back = f.toFloat(f.fromDouble(Double.parseDouble(text)));
        assertTrue(Float.isNaN(w) ? Float.isNaN(back) : Float.floatToRawIntBits(w) == Float.floatToRawIntBits(back),
            a[0] + "[" + i + "]: '" + text + "' reads back as " + back);
      }
    }
  }

  @Test
  void everyPatternOfEveryRegisteredFormatRoundTrips() {
    for (String name : NarrowFloat.names().split(", ")) {
      NarrowFloat f = NarrowFloat.byName(name);
      int patterns = f.bits() > 8 ? 1 << 16 : 1 << f.bits();
      for (int p = 0; p < patterns; p++) {
        float v = f.toFloat(p);
        if (Float.isNaN(v)) {
          continue;
        }
        String text = f.shortest(v);
        int q = f.fromDouble(Double.parseDouble(text));
        assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(f.toFloat(q)), name + " pattern " + p + " '" + text + "'");
      }
    }
    // registry facts: e4m3 has infinities (max 240), its "NaN" is 0x7c; e4m3fn's max is 448
    assertEquals(240f, NarrowFloat.FLOAT8_E4M3.toFloat(0x77));
    assertEquals(Float.POSITIVE_INFINITY, NarrowFloat.FLOAT8_E4M3.toFloat(0x78));
    assertEquals(448f, NarrowFloat.FLOAT8_E4M3FN.toFloat(0x7e));
    assertTrue(Float.isNaN(NarrowFloat.FLOAT8_E4M3FNUZ.toFloat(0x80)));
    assertEquals(6f, NarrowFloat.FLOAT4_E2M1FN.toFloat(0x07));
    assertEquals(6f, NarrowFloat.FLOAT4_E2M1FN.toFloat(0xf7)); // the upper bits are ignored
    assertEquals(1f, NarrowFloat.FLOAT8_E8M0FNU.toFloat(127));
  }

  @Test
  void narrowFillValuesInEverySpelling() {
    DataType bf16 = DataType.narrow(NarrowFloat.BFLOAT16);
    assertArrayEquals(new byte[] {(byte) 0xc0, 0x7f}, (byte[]) FillValues.parse(json("\"NaN\""), bf16));
    assertArrayEquals(new byte[] {(byte) 0xc0, 0x7f}, (byte[]) FillValues.parse(json("\"0x7fc0\""), bf16));
    assertArrayEquals(new byte[] {(byte) 0x80, 0x3f}, (byte[]) FillValues.parse(json("1.0"), bf16));
    assertArrayEquals(new byte[] {(byte) 0x80, (byte) 0xff}, (byte[]) FillValues.parse(json("\"-Infinity\""), bf16));
    DataType e4m3 = DataType.narrow(NarrowFloat.FLOAT8_E4M3);
    assertArrayEquals(new byte[] {0x7c}, (byte[]) FillValues.parse(json("\"NaN\""), e4m3));
    assertArrayEquals(new byte[] {0x78}, (byte[]) FillValues.parse(json("\"Infinity\""), e4m3));
    assertArrayEquals(new byte[] {0x38}, (byte[]) FillValues.parse(json("1"), e4m3));
    assertThrows(InvalidMetadataException.class,
        () -> FillValues.parse(json("\"Infinity\""), DataType.narrow(NarrowFloat.FLOAT8_E4M3FN)));
    assertThrows(InvalidMetadataException.class,
        () -> FillValues.parse(json("\"NaN\""), DataType.narrow(NarrowFloat.FLOAT4_E2M1FN)));
    assertThrows(InvalidMetadataException.class,
        () -> FillValues.parse(json("1000"), DataType.narrow(NarrowFloat.FLOAT4_E2M1FN)));
  }

  @Test
  void bytesFillValues() {
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) FillValues.parse(json("[1, 2, 3]"), DataType.VLEN_BYTES));
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) FillValues.parse(json("\"AQID\""), DataType.VLEN_BYTES));
    assertArrayEquals(new byte[0], (byte[]) FillValues.parse(json("\"\""), DataType.VLEN_BYTES));
    assertArrayEquals(new byte[0], (byte[]) FillValues.parse(json("null"), DataType.VLEN_BYTES));
    assertThrows(InvalidMetadataException.class, () -> FillValues.parse(json("[1, 256]"), DataType.VLEN_BYTES));
    assertThrows(InvalidMetadataException.class, () -> FillValues.parse(json("\"not base64!\""), DataType.VLEN_BYTES));
  }

  @Test
  void lyingVlenBytesLengthIsACorruptChunkNamingStoreAndKey() {
    Path store = caseDir("bad_v3_vlen_bytes_lying_length").resolve("store.zarr");
    CorruptChunkException e = assertThrows(CorruptChunkException.class,
        () -> Hierarchy.open(new LocalStore(store)).array("a").readAll());
    assertTrue(e.getMessage().contains("c/0") && e.getMessage().contains("store.zarr")
        && e.getMessage().contains("claims 2147483632 bytes"), e.getMessage());
  }

  @Test
  void invalidUtf8InAVlenUtf8ChunkIsACorruptChunk() {
    byte[][] bad = {
        {(byte) 0xff}, // never valid
        {(byte) 0xc0, (byte) 0xaf}, // overlong '/'
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // a surrogate
        {(byte) 0xe2, (byte) 0x82}, // cut short
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
    };
    for (byte[] item : bad) {
      MemoryStore mem = vlenUtf8Store(item);
      CorruptChunkException e = assertThrows(CorruptChunkException.class,
          () -> Hierarchy.open(mem).array("a").readAll());
      assertTrue(e.getMessage().contains("c/0") && e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }
    byte[] good = "Grüße 🌍".getBytes(StandardCharsets.UTF_8);
    assertEquals("Grüße 🌍", Hierarchy.open(vlenUtf8Store(good)).array("a").readAll().getString(0));
  }

  /** A one-element string array whose chunk holds {@code item} as its only element. */
  private static MemoryStore vlenUtf8Store(byte[] item) {
    MemoryStore mem = new MemoryStore();
    mem.put("zarr.json", "{\"zarr_format\":3,\"node_type\":\"group\",\"attributes\":{}}".getBytes(StandardCharsets.UTF_8));
    mem.put("a/zarr.json", ("{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[1],\"data_type\":\"string\","
        + "\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[1]}},"
        + "\"chunk_key_encoding\":{\"name\":\"default\"},\"fill_value\":\"\","
        + "\"codecs\":[{\"name\":\"vlen-utf8\"}]}").getBytes(StandardCharsets.UTF_8));
    ByteBuffer chunk = ByteBuffer.allocate(8 + item.length).order(ByteOrder.LITTLE_ENDIAN);
    chunk.putInt(1).putInt(item.length).put(item);
    mem.put("a/c/0", chunk.array());
    return mem;
  }

  private static long[] longs(byte[] raw) {
    long[] out = new long[raw.length / 8];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
    return out;
  }
}
