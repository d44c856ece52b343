package org.zarrspark.core.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.MemoryStore;

/** Fill values are compared bit for bit, so a negative zero keeps its sign through metadata and reads. */
class NegativeZeroFillTest {

  private static String v3(String dtype, String fill) {
    return "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[4],\"data_type\":\"" + dtype + "\","
        + "\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[2]}},"
        + "\"chunk_key_encoding\":{\"name\":\"default\"},\"fill_value\":" + fill + ","
        + "\"codecs\":[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}}]}";
  }

  private static String v2(String dtype, String fill) {
    return "{\"zarr_format\":2,\"shape\":[4],\"chunks\":[2],\"dtype\":\"" + dtype + "\",\"fill_value\":" + fill
        + ",\"order\":\"C\",\"compressor\":null,\"filters\":null}";
  }

  /** Reads a never-written array (all fill) and returns the raw bits of its first element. */
  private static long firstBits(ArrayMetadata meta) {
    MemoryStore store = new MemoryStore();
    var data = new ZarrArray(store, "a", meta).readAll();
    return meta.dataType().itemSize() == 4 ? Float.floatToRawIntBits(data.getFloat(0)) & 0xffffffffL
        : Double.doubleToRawLongBits(data.getDouble(0));
  }

  @ParameterizedTest
  @CsvSource({
      "float32, -0.0, 80000000", "float32, 0.0, 0", "float32, -0e3, 80000000",
      "float64, -0.0, 8000000000000000", "float64, 0.0, 0", "float64, -1.5, bff8000000000000"})
  void v3FloatFillKeepsItsSignBit(String dtype, String fill, String hexBits) {
    ArrayMetadata meta = V3Metadata.parseArray(Json.parse(v3(dtype, fill).getBytes(StandardCharsets.UTF_8)));
    assertEquals(Long.parseUnsignedLong(hexBits, 16), firstBits(meta));
    // written back the same way
    assertEquals(fill.equals("-0e3") ? "-0.0" : fill,
        FillValues.toJson(meta.fillValue(), meta.dataType()).toString());
  }

  @ParameterizedTest
  @CsvSource({"<f4, 80000000", "<f8, 8000000000000000"})
  void v2FloatFillKeepsItsSignBit(String dtype, String hexBits) {
    ArrayMetadata meta = V2Metadata.parseArray(Json.parse(v2(dtype, "-0.0").getBytes(StandardCharsets.UTF_8)), null);
    assertEquals(Long.parseUnsignedLong(hexBits, 16), firstBits(meta));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"{\"a\": -Infinity}|-Infinity", "{\"a\": NaN}|NaN", "{\"a\": -0.0}|-0.0",
      "{\"a\": 1.25}|1.25"})
  void nonFiniteAndOrdinaryNumbersParseAsBefore(String doc, String expected) {
    assertEquals(Double.parseDouble(expected),
        Json.parse(doc.getBytes(StandardCharsets.UTF_8)).get("a").doubleValue());
  }
}
