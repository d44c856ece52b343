package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reader's options parsed once: defaults, keys in any case, errors naming option and value. */
class ZarrOptionsTest {
  @Test
  void defaults() {
    ZarrOptions o = ZarrOptions.parse(Map.of());
    assertNull(o.path());
    assertNull(o.node());
    assertNull(o.variables());
    assertNull(o.dimensions());
    assertTrue(o.cfDecode());
    assertEquals(128L << 20, o.targetPartitionBytes());
    assertFalse(o.indexColumns());
    assertEquals(16384, o.batchRows());
    assertFalse(o.permissive());
    assertEquals(0, o.zarrFormat());
    assertTrue(o.aggregatePushdown());
  }

  @Test
  void keysInAnyCaseAndTypedValues() {
    ZarrOptions o = new ZarrOptions(Map.of("PATH", "/x.zarr", "Variables", " a, b ,,", "CFDECODE", "False",
        "targetpartitionbytes", "64k", "batchROWS", "0", "Mode", "permissive", "ZARRFORMAT", " 2 ",
        "fs.s3a.endpoint", "http://h", "spark.hadoop.fs.x", "y"));
    assertEquals("/x.zarr", o.path());
    assertEquals(List.of("a", "b"), o.variables());
    assertFalse(o.cfDecode());
    assertEquals(64L << 10, o.targetPartitionBytes());
    assertEquals(1, o.batchRows(), "clamped to at least one row");
    assertTrue(o.permissive());
    assertEquals(2, o.zarrFormat());
    assertEquals(Map.of("fs.s3a.endpoint", "http://h", "fs.x", "y"), o.hadoopOptions());
    assertEquals("/x.zarr", o.all().get("path"), "options as given, keys lower-cased");
  }

  @Test
  void sizes() {
    assertEquals(134217728L, ZarrOptions.parse(Map.of("targetPartitionBytes", "134217728")).targetPartitionBytes());
    assertEquals(1L << 30, ZarrOptions.parse(Map.of("targetPartitionBytes", "1g")).targetPartitionBytes());
    assertEquals(2L << 20, ZarrOptions.parse(Map.of("targetPartitionBytes", "2MB")).targetPartitionBytes());
  }

  @Test
  void mistakesNameTheOptionAndTheValue() {
    assertMistake(Map.of("mode", "lenient"), "mode", "FAILFAST or PERMISSIVE");
    assertMistake(Map.of("zarrformat", "4"), "zarrFormat", "2 or 3");
    assertMistake(Map.of("cfDecode", "yes"), "cfDecode", "true or false");
    assertMistake(Map.of("targetPartitionBytes", "lots"), "targetPartitionBytes", "size");
    assertMistake(Map.of("batchRows", "many"), "batchRows", "integer");
  }

  private static void assertMistake(Map<String, String> options, String option, String expected) {
    ZarrOptionException e = assertThrows(ZarrOptionException.class, () -> ZarrOptions.parse(options));
    String value = options.values().iterator().next();
    assertEquals(option, e.option());
    assertTrue(e.getMessage().contains("option " + option), e.getMessage());
    assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e instanceof IllegalArgumentException);
  }
}
