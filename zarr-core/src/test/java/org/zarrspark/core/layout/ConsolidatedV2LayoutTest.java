package org.zarrspark.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrspark.core.layout.Docs.V2_ARRAY;
import static org.zarrspark.core.layout.Docs.V2_GROUP;
import static org.zarrspark.core.layout.Docs.assertInvalid;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.store.CountingStore;
import org.zarrspark.core.store.MemoryStore;

class ConsolidatedV2LayoutTest {
  private static byte[] zmetadata(String entries) {
    return ("{\"zarr_consolidated_format\":1,\"metadata\":{" + entries + "}}").getBytes(StandardCharsets.UTF_8);
  }

  private static final String TREE = "\".zgroup\":" + V2_GROUP + ",\".zattrs\":{\"title\":\"t\"},"
      + "\"g/.zgroup\":" + V2_GROUP + ",\"g/a/.zarray\":" + V2_ARRAY + ",\"g/a/.zattrs\":{\"units\":\"m\"},"
      + "\"b/.zarray\":" + V2_ARRAY + ",\"orphan/.zattrs\":{},\"g/other.json\":{}";

  @Test
  void answersEverythingWithoutReading() {
    CountingStore s = new CountingStore(new MemoryStore());
    ConsolidatedV2Layout l = ConsolidatedV2Layout.of(s, zmetadata(TREE));
    assertEquals(ZarrFormat.V2, l.format());
    assertTrue(l.isConsolidated());
    assertEquals(Optional.of(NodeKind.ARRAY), l.kind("g/a"));
    assertEquals(Optional.empty(), l.kind("orphan"), "attributes alone are no node");
    assertEquals(List.of("b", "g"), l.children(""));
    assertEquals(List.of("a"), l.children("g"));
    assertEquals("m", l.arrayMetadata("g/a").attributes().get("units").asText());
    assertEquals("t", l.groupMetadata("").attributes().get("title").asText());
    assertEquals(0, s.requests());
  }

  @Test
  void errorsNameTheNodesOwnDocument() {
    MemoryStore s = new MemoryStore();
    ConsolidatedV2Layout l = ConsolidatedV2Layout.of(s, zmetadata(TREE + ",\"bad/.zarray\":{\"zarr_format\":2}"));
    assertInvalid(s, "bad/.zarray", () -> l.arrayMetadata("bad"));
    assertInvalid(s, "g/.zgroup", () -> l.arrayMetadata("g"));
    assertInvalid(s, "x/.zarray", () -> l.groupMetadata("x"));
  }

  @Test
  void invalidConsolidatedDocumentsNameZmetadata() {
    MemoryStore s = new MemoryStore();
    assertInvalid(s, ".zmetadata", () -> ConsolidatedV2Layout.of(s, "{".getBytes(StandardCharsets.UTF_8)));
    byte[] notAnObject = "{\"metadata\":[]}".getBytes(StandardCharsets.UTF_8);
    assertInvalid(s, ".zmetadata", () -> ConsolidatedV2Layout.of(s, notAnObject));
    assertInvalid(s, ".zmetadata", () -> ConsolidatedV2Layout.of(s, zmetadata("\"g/.zgroup\":" + V2_GROUP)));
    byte[] leavesTheRoot = zmetadata(TREE + ",\"../up/.zarray\":" + V2_ARRAY);
    assertInvalid(s, ".zmetadata", () -> ConsolidatedV2Layout.of(s, leavesTheRoot));
  }
}
