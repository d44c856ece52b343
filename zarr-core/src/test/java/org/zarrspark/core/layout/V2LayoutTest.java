package org.zarrspark.core.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.zarrspark.core.layout.Docs.V2_ARRAY;
import static org.zarrspark.core.layout.Docs.V2_GROUP;
import static org.zarrspark.core.layout.Docs.assertInvalid;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.store.MemoryStore;

class V2LayoutTest {
  @Test
  void kindsChildrenAndAttributes() {
    MemoryStore s = Docs.store(".zgroup", V2_GROUP, ".zattrs", "{\"title\":\"t\"}", "g/.zgroup", V2_GROUP,
        "g/a/.zarray", V2_ARRAY, "g/a/.zattrs", "{\"units\":\"m\",\"_ARRAY_DIMENSIONS\":[\"x\"]}",
        "b/.zarray", V2_ARRAY, "b/0", "chunk", "notanode/x", "1", ".hidden/.zgroup", V2_GROUP);
    V2Layout l = new V2Layout(s);
    assertEquals(ZarrFormat.V2, l.format());
    assertFalse(l.isConsolidated());
    assertEquals(Optional.of(NodeKind.GROUP), l.kind(""));
    assertEquals(Optional.of(NodeKind.ARRAY), l.kind("g/a"));
    assertEquals(Optional.empty(), l.kind("nothing"));
    assertEquals(List.of("b", "g"), l.children(""));
    assertEquals(List.of("a"), l.children("g"));
    assertArrayEquals(new long[] {4}, l.arrayMetadata("b").shape());
    assertEquals("m", l.arrayMetadata("g/a").attributes().get("units").asText());
    assertEquals("t", l.groupMetadata("").attributes().get("title").asText());
  }

  @Test
  void missingNodesAreNamedByZarrayAndGroupsByZgroup() {
    MemoryStore s = Docs.store("g/.zgroup", V2_GROUP, "a/.zarray", V2_ARRAY);
    V2Layout l = new V2Layout(s);
    assertInvalid(s, "x/.zarray", () -> l.arrayMetadata("x"));
    assertInvalid(s, "x/.zarray", () -> l.groupMetadata("x"));
    assertInvalid(s, "g/.zgroup", () -> l.arrayMetadata("g"));
    assertInvalid(s, "a/.zarray", () -> l.groupMetadata("a"));
  }

  @Test
  void invalidDocumentsNameTheirKey() {
    MemoryStore s = Docs.store("bad/.zarray", "[1,", "attrs/.zarray", V2_ARRAY, "attrs/.zattrs", "{\"x\":",
        "dims/.zarray", V2_ARRAY, "dims/.zattrs", "{\"_ARRAY_DIMENSIONS\":[\"x\",\"y\"]}",
        "g/.zgroup", "{\"zarr_format\":3}");
    V2Layout l = new V2Layout(s);
    assertInvalid(s, "bad/.zarray", () -> l.kind("bad"));
    assertInvalid(s, "attrs/.zattrs", () -> l.kind("attrs"));
    assertInvalid(s, "dims/.zattrs", () -> l.arrayMetadata("dims"));
    assertInvalid(s, "g/.zgroup", () -> l.groupMetadata("g"));
  }
}
