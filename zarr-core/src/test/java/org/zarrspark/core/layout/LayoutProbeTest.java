package org.zarrspark.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.zarrspark.core.layout.Docs.V2_ARRAY;
import static org.zarrspark.core.layout.Docs.V2_GROUP;
import static org.zarrspark.core.layout.Docs.V3_ARRAY;
import static org.zarrspark.core.layout.Docs.V3_GROUP;
import static org.zarrspark.core.layout.Docs.assertInvalid;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.store.MemoryStore;

/** Which layout each store gets; the request order is pinned in HierarchyRequestOrderTest. */
class LayoutProbeTest {
  private static final String CONSOLIDATED_V3 = V3_GROUP.substring(0, V3_GROUP.length() - 1)
      + ",\"consolidated_metadata\":{\"metadata\":{\"a\":" + V3_ARRAY + "}}}";
  private static final String ZMETADATA =
      "{\"metadata\":{\".zgroup\":" + V2_GROUP + ",\"a/.zarray\":" + V2_ARRAY + "}}";
  private static final OpenOptions V2 = OpenOptions.DEFAULT.withFormat(ZarrFormat.V2);
  private static final OpenOptions V3 = OpenOptions.DEFAULT.withFormat(ZarrFormat.V3);

  @Test
  void eachWayOfKeepingMetadataGetsItsLayout() {
    assertInstanceOf(V3Layout.class, LayoutProbe.open(Docs.store("zarr.json", V3_GROUP), OpenOptions.DEFAULT));
    assertInstanceOf(V3Layout.class, LayoutProbe.open(Docs.store("zarr.json", V3_ARRAY), V3));
    MemoryStore cv3 = Docs.store("zarr.json", CONSOLIDATED_V3);
    assertInstanceOf(ConsolidatedV3Layout.class, LayoutProbe.open(cv3, OpenOptions.DEFAULT));
    assertInstanceOf(V3Layout.class, LayoutProbe.open(cv3, OpenOptions.DEFAULT.ignoringConsolidated()));
    MemoryStore cv2 = Docs.store(".zmetadata", ZMETADATA, ".zgroup", V2_GROUP, "a/.zarray", V2_ARRAY);
    assertInstanceOf(ConsolidatedV2Layout.class, LayoutProbe.open(cv2, OpenOptions.DEFAULT));
    assertInstanceOf(ConsolidatedV2Layout.class, LayoutProbe.open(cv2, V2));
    assertInstanceOf(V2Layout.class, LayoutProbe.open(cv2, OpenOptions.DEFAULT.ignoringConsolidated()));
    assertInstanceOf(V2Layout.class, LayoutProbe.open(Docs.store(".zarray", V2_ARRAY), OpenOptions.DEFAULT));
  }

  @Test
  void implicitRootsTakeTheirChildrensFormat() {
    MetadataLayout v3 = LayoutProbe.open(Docs.store("a/zarr.json", V3_ARRAY), OpenOptions.DEFAULT);
    assertEquals(ZarrFormat.V3, v3.format());
    assertEquals(Optional.of(NodeKind.GROUP), v3.kind(""));
    assertEquals(List.of("a"), v3.children(""));
    MetadataLayout v2 = LayoutProbe.open(Docs.store("x.txt", "1", "g/.zgroup", V2_GROUP), OpenOptions.DEFAULT);
    assertEquals(ZarrFormat.V2, v2.format());
    assertEquals(List.of("g"), v2.children(""));
    assertEquals(0, v2.groupMetadata("").zarrFormat() - 2);
  }

  @Test
  void theWrongFormatOrNothingIsAnErrorNamingTheStore() {
    MemoryStore v2 = Docs.store(".zgroup", V2_GROUP);
    assertInvalid(v2, "zarr.json", () -> LayoutProbe.open(v2, V3));
    MemoryStore v3 = Docs.store("zarr.json", V3_GROUP);
    assertInvalid(v3, "", () -> LayoutProbe.open(v3, V2));
    MemoryStore implicitV3 = Docs.store("a/zarr.json", V3_ARRAY);
    assertInvalid(implicitV3, "", () -> LayoutProbe.open(implicitV3, V2));
    MemoryStore none = Docs.store("notes.txt", "x", ".hidden/.zgroup", V2_GROUP);
    assertInvalid(none, "", () -> LayoutProbe.open(none, OpenOptions.DEFAULT));
    MemoryStore badRoot = Docs.store("zarr.json", "{\"zarr_format\":3,\"node_type\":\"x\"}");
    assertInvalid(badRoot, "zarr.json", () -> LayoutProbe.open(badRoot, OpenOptions.DEFAULT));
  }
}
