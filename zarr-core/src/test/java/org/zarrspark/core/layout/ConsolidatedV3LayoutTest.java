package org.zarrspark.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrspark.core.layout.Docs.V3_ARRAY;
import static org.zarrspark.core.layout.Docs.V3_GROUP;
import static org.zarrspark.core.layout.Docs.assertInvalid;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.store.CountingStore;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.store.Store;

class ConsolidatedV3LayoutTest {
  private static NodeDocs root(Store s, String entries) {
    String doc = V3_GROUP.substring(0, V3_GROUP.length() - 1)
        + ",\"consolidated_metadata\":{\"kind\":\"inline\",\"metadata\":{" + entries + "}}}";
    return NodeDocs.v3(s, "zarr.json", Json.parse(doc.getBytes(StandardCharsets.UTF_8)));
  }

  private static final String TREE = "\"g\":" + V3_GROUP + ",\"g/a\":" + V3_ARRAY + ",\"b\":" + V3_ARRAY;

  @Test
  void answersEverythingWithoutReading() {
    CountingStore s = new CountingStore(new MemoryStore());
    ConsolidatedV3Layout l = ConsolidatedV3Layout.of(s, root(s, TREE)).orElseThrow();
    assertEquals(ZarrFormat.V3, l.format());
    assertTrue(l.isConsolidated());
    assertEquals(Optional.of(NodeKind.GROUP), l.kind(""));
    assertEquals(Optional.of(NodeKind.ARRAY), l.kind("g/a"));
    assertEquals(Optional.empty(), l.kind("c"));
    assertEquals(List.of("b", "g"), l.children(""));
    assertEquals(List.of("a"), l.children("g"));
    assertEquals(List.of(), l.children("g/a"));
    assertEquals("m", l.arrayMetadata("b").attributes().get("units").asText());
    assertEquals("t", l.groupMetadata("").attributes().get("title").asText());
    assertEquals(0, s.requests());
  }

  @Test
  void onlyGroupsWithInlineMetadataAreConsolidated() {
    MemoryStore s = new MemoryStore();
    assertEquals(Optional.empty(), ConsolidatedV3Layout.of(s, NodeDocs.v3(s, "zarr.json",
        Json.parse(V3_GROUP.getBytes(StandardCharsets.UTF_8)))));
    String arrayWithMetadata = V3_ARRAY.substring(0, V3_ARRAY.length() - 1)
        + ",\"consolidated_metadata\":{\"metadata\":{}}}";
    assertEquals(Optional.empty(), ConsolidatedV3Layout.of(s, NodeDocs.v3(s, "zarr.json",
        Json.parse(arrayWithMetadata.getBytes(StandardCharsets.UTF_8)))));
  }

  @Test
  void badEntriesAreRefusedAtOpenNamingZarrJson() {
    MemoryStore s = new MemoryStore();
    assertInvalid(s, "zarr.json", () -> ConsolidatedV3Layout.of(s, root(s, "\"x\":{\"node_type\":\"table\"}")));
    assertInvalid(s, "zarr.json", () -> ConsolidatedV3Layout.of(s, root(s, "\"../x\":" + V3_GROUP)));
    // A bad array document is found when it is parsed, named by its own key.
    NodeDocs badArray = root(s, "\"a\":" + V3_ARRAY.replace("[4]", "\"four\""));
    ConsolidatedV3Layout l = ConsolidatedV3Layout.of(s, badArray).orElseThrow();
    assertInvalid(s, "a/zarr.json", () -> l.arrayMetadata("a"));
  }
}
