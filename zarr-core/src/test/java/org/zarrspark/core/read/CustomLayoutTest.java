package org.zarrspark.core.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.layout.MetadataLayout;
import org.zarrspark.core.layout.NodeKind;
import org.zarrspark.core.layout.ZarrFormat;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.GroupMetadata;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.core.write.GroupWriter;

/**
 * Another way of keeping metadata (an Icechunk snapshot, a kerchunk reference set) is one class:
 * here metadata held in a map, already parsed, and chunks in a store.
 */
class CustomLayoutTest {
  /** The whole extension: a layout over a map from node path to its metadata. */
  record MapLayout(Map<String, Object> nodes) implements MetadataLayout {
    @Override
    public ZarrFormat format() {
      return ZarrFormat.V3;
    }

    @Override
    public boolean isConsolidated() {
      return true;
    }

    @Override
    public Optional<NodeKind> kind(String path) {
      return Optional.ofNullable(nodes.get(path))
          .map(m -> m instanceof ArrayMetadata ? NodeKind.ARRAY : NodeKind.GROUP);
    }

    @Override
    public ArrayMetadata arrayMetadata(String path) {
      if (nodes.get(path) instanceof ArrayMetadata m) {
        return m;
      }
      throw new InvalidMetadataException("no array at '" + path + "'");
    }

    @Override
    public GroupMetadata groupMetadata(String path) {
      if (nodes.get(path) instanceof GroupMetadata m) {
        return m;
      }
      throw new InvalidMetadataException("no group at '" + path + "'");
    }

    @Override
    public List<String> children(String groupPath) {
      String prefix = groupPath.isEmpty() ? "" : groupPath + "/";
      List<String> out = new ArrayList<>();
      for (String p : nodes.keySet()) {
        if (!p.isEmpty() && p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
          out.add(p.substring(prefix.length()));
        }
      }
      return out;
    }
  }

  @Test
  void hierarchyOverAnotherLayout() {
    // Write a real store, then describe it with parsed metadata instead of its documents.
    MemoryStore chunks = new MemoryStore();
    GroupWriter.create(chunks, "", 3, null);
    GroupWriter.create(chunks, "g", 3, null);
    NdBuffer data = NdBuffer.allocate(DataType.INT8, new int[] {4});
    System.arraycopy(new byte[] {1, 2, 3, 4}, 0, data.bytes(), 0, 4);
    ArrayWriter.create(chunks, "g/a", ArraySpec.of(DataType.INT8, new long[] {4}, new int[] {2}).zarrFormat(3))
        .write(new long[1], data);
    Hierarchy real = Hierarchy.open(chunks);
    Map<String, Object> nodes = new TreeMap<>();
    nodes.put("", real.groupMetadata(""));
    nodes.put("g", real.groupMetadata("g"));
    nodes.put("g/a", real.arrayMetadata("g/a"));

    Hierarchy h = Hierarchy.of(chunks, new MapLayout(nodes));
    assertEquals(List.of("", "g", "g/a"), h.walk(""));
    assertEquals(Hierarchy.Kind.ARRAY, h.kind("/g/a/"));
    assertEquals(3, h.zarrFormat());
    assertArrayEquals(new byte[] {1, 2, 3, 4}, h.array("g/a").readAll().bytes());
    assertThrows(InvalidMetadataException.class, () -> h.arrayMetadata("g"));
  }
}
