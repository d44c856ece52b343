package org.zarrspark.core.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrspark.core.layout.Docs.V3_ARRAY;
import static org.zarrspark.core.layout.Docs.V3_GROUP;
import static org.zarrspark.core.layout.Docs.assertInvalid;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.store.MemoryStore;

class V3LayoutTest {
  private static final NodeDocs ROOT = new NodeDocs(NodeKind.GROUP,
      JsonNodeFactory.instance.objectNode().put("zarr_format", 3).put("node_type", "group"), null);

  private static V3Layout layout(MemoryStore s) {
    return new V3Layout(s, ROOT);
  }

  @Test
  void kindsChildrenAndAttributes() {
    MemoryStore s = Docs.store("zarr.json", V3_GROUP, "g/zarr.json", V3_GROUP, "g/a/zarr.json", V3_ARRAY,
        "b/zarr.json", V3_ARRAY, "b/c/0", "chunk", "notanode/x", "1", ".hidden/zarr.json", V3_GROUP);
    V3Layout l = layout(s);
    assertEquals(ZarrFormat.V3, l.format());
    assertFalse(l.isConsolidated());
    assertEquals(Optional.of(NodeKind.GROUP), l.kind(""));
    assertEquals(Optional.of(NodeKind.ARRAY), l.kind("g/a"));
    assertEquals(Optional.empty(), l.kind("nothing"));
    assertEquals(List.of("b", "g"), l.children(""));
    assertEquals(List.of("a"), l.children("g"));
    assertArrayEquals(new long[] {4}, l.arrayMetadata("g/a").shape());
    assertEquals("m", l.arrayMetadata("b").attributes().get("units").asText());
    assertEquals("t", l.groupMetadata("g").attributes().get("title").asText());
    // The root's documents came with the layout: nothing read for them.
    assertTrue(l.groupMetadata("").attributes().isEmpty());
  }

  @Test
  void missingNodesAndWrongKindsNameTheNodesDocument() {
    MemoryStore s = Docs.store("g/zarr.json", V3_GROUP, "a/zarr.json", V3_ARRAY);
    V3Layout l = layout(s);
    assertInvalid(s, "x/zarr.json", () -> l.arrayMetadata("x"));
    assertInvalid(s, "x/zarr.json", () -> l.groupMetadata("x"));
    String group = assertInvalid(s, "g/zarr.json", () -> l.arrayMetadata("g")).getMessage();
    assertTrue(group.contains("a group, not an array"), group);
    String array = assertInvalid(s, "a/zarr.json", () -> l.groupMetadata("a")).getMessage();
    assertTrue(array.contains("an array, not a group"), array);
  }

  @Test
  void invalidDocumentsNameTheirKey() {
    MemoryStore s = Docs.store("bad/zarr.json", "{not json", "v2/zarr.json", "{\"zarr_format\":2}",
        "t/zarr.json", "{\"zarr_format\":3,\"node_type\":\"table\"}",
        "s/zarr.json", V3_ARRAY.replace("\"shape\":[4]", "\"shape\":\"four\""));
    V3Layout l = layout(s);
    assertInvalid(s, "bad/zarr.json", () -> l.kind("bad"));
    assertInvalid(s, "v2/zarr.json", () -> l.kind("v2"));
    assertInvalid(s, "t/zarr.json", () -> l.kind("t"));
    assertInvalid(s, "s/zarr.json", () -> l.arrayMetadata("s"));
  }
}
