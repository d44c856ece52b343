package org.zarrspark.spark.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zarrspark.spark.ZarrOptionException;

/** The writer's options parsed once: defaults, keys in any case, errors naming option and value. */
class WriteOptionsTest {
  @Test
  void defaults() {
    WriteOptions o = WriteOptions.parse(Map.of());
    assertNull(o.dimensions());
    assertEquals(3, o.zarrFormat());
    assertNull(o.chunks());
    assertNull(o.shards());
    assertNull(o.codec());
    assertNull(o.level());
    assertNull(o.appendDim());
  }

  @Test
  void keysInAnyCaseAndTypedValues() {
    WriteOptions o = new WriteOptions(Map.of("DIMENSIONS", "time, lat ,lon", "ZarrFormat", "3", "chunks", "10,20,30",
        "SHARDS", "20,40,60", "Codec", " GZIP ", "LEVEL", " 7 ", "appenddim", " lat "));
    assertEquals(List.of("time", "lat", "lon"), o.dimensions());
    assertArrayEquals(new int[] {10, 20, 30}, o.chunks().regular());
    assertArrayEquals(new int[] {20, 40, 60}, o.shards().regular());
    assertEquals("gzip", o.codec());
    assertEquals(7, o.level());
    assertEquals("lat", o.appendDim());
    assertNull(WriteOptions.parse(Map.of("appendDim", "  ")).appendDim());
  }

  @Test
  void mistakesNameTheOptionAndTheValue() {
    assertMistake(Map.of("zarrFormat", "1"), "zarrFormat", "2 or 3");
    assertMistake(Map.of("codec", "brotli"), "codec", "gzip, zlib, zstd, blosc or none");
    assertMistake(Map.of("level", "high"), "level", "integer");
    assertMistake(Map.of("chunks", "10,0"), "chunks", "positive integers");
    assertMistake(Map.of("CHUNKS", "10,x"), "chunks", "positive integers");
    assertMistake(Map.of("chunks", "[[31, 28], {\"a\": 1}]"), "chunks", "integer or a list");
    assertMistake(Map.of("chunks", "[[31, 28"), "chunks", "JSON list");
  }

  @Test
  void shardsNeedVersion3() {
    ZarrOptionException e = assertThrows(ZarrOptionException.class,
        () -> WriteOptions.parse(Map.of("zarrFormat", "2", "shards", "4")));
    assertEquals("shards", e.option());
    assertTrue(e.getMessage().contains("v2 has no sharding"), e.getMessage());
  }

  private static void assertMistake(Map<String, String> options, String option, String expected) {
    ZarrOptionException e = assertThrows(ZarrOptionException.class, () -> WriteOptions.parse(options));
    String value = options.values().iterator().next();
    assertEquals(option, e.option());
    assertTrue(e.getMessage().contains("option " + option) && e.getMessage().contains("'" + value + "'"),
        e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
