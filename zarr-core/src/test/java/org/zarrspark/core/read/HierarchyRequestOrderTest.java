package org.zarrspark.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.core.write.GroupWriter;

/**
 * Pins the exact store requests, in order, of opening and walking each way metadata is kept:
 * object stores pay per request, so the probe order is part of the contract.
 */
class HierarchyRequestOrderTest {
  /** Logs every request, including existence checks and listings. */
  static final class LogStore implements Store {
    final Store inner;
    final List<String> log = new ArrayList<>();

    LogStore(Store inner) {
      this.inner = inner;
    }

    @Override
    public String describe() {
      return inner.describe();
    }

    @Override
    public byte[] get(String key) {
      log.add("get " + key);
      return inner.get(key);
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
      log.add("range " + key);
      return inner.getRange(key, offset, length);
    }

    @Override
    public byte[] getSuffix(String key, int length) {
      log.add("suffix " + key);
      return inner.getSuffix(key, length);
    }

    @Override
    public long size(String key) {
      log.add("size " + key);
      return inner.size(key);
    }

    @Override
    public List<String> listChildren(String prefix) {
      log.add("list " + prefix);
      return inner.listChildren(prefix);
    }

    @Override
    public void put(String key, byte[] value) {
      inner.put(key, value);
    }

    @Override
    public void delete(String key) {
      inner.delete(key);
    }

    @Override
    public void deletePrefix(String prefix) {
      inner.deletePrefix(prefix);
    }
  }

  private static MemoryStore tree(int format, boolean consolidate) {
    MemoryStore mem = new MemoryStore();
    GroupWriter.create(mem, "", format, JsonNodeFactory.instance.objectNode().put("title", "t"));
    GroupWriter.create(mem, "g", format, null);
    ArrayWriter.create(mem, "g/a", ArraySpec.of(DataType.INT8, new long[] {3}, new int[] {2}).zarrFormat(format));
    ArrayWriter.create(mem, "b", ArraySpec.of(DataType.FLOAT64, new long[] {2}, new int[] {2}).zarrFormat(format));
    if (consolidate) {
      GroupWriter.consolidate(mem);
    }
    return mem;
  }

  /** Opens, walks, and reads every node's metadata and attributes; returns the request log. */
  private static List<String> openAndWalk(Store mem, boolean useConsolidated, int format) {
    LogStore s = new LogStore(mem);
    Hierarchy h = Hierarchy.open(s, useConsolidated, format);
    s.log.add("opened");
    for (String p : h.walk("")) {
      h.attributes(p);
    }
    h.kind("missing");
    return s.log;
  }

  @Test
  void v3Documents() {
    assertEquals(List.of("get zarr.json", "opened", "list ", "get b/zarr.json", "get g/zarr.json",
        "list g", "get g/a/zarr.json", "get missing/zarr.json"), openAndWalk(tree(3, false), true, 0));
    assertEquals(openAndWalk(tree(3, false), true, 0), openAndWalk(tree(3, false), true, 3));
  }

  @Test
  void v3ConsolidatedIsOneRead() {
    assertEquals(List.of("get zarr.json", "opened"), openAndWalk(tree(3, true), true, 0));
    assertEquals(List.of("get zarr.json", "opened"), openAndWalk(tree(3, true), true, 3));
    // Ignoring the consolidated metadata reads every node's own document.
    assertEquals(openAndWalk(tree(3, false), true, 0), openAndWalk(tree(3, true), false, 0));
  }

  @Test
  void v2Documents() {
    List<String> walk = List.of("list ", "get b/.zarray", "get b/.zattrs", "get g/.zarray", "get g/.zgroup",
        "get g/.zattrs", "list g", "get g/a/.zarray", "get g/a/.zattrs", "get missing/.zarray", "get missing/.zgroup");
    List<String> want = new ArrayList<>(List.of("get zarr.json", "get .zmetadata", "get .zarray", "get .zgroup",
        "get .zattrs", "opened"));
    want.addAll(walk);
    assertEquals(want, openAndWalk(tree(2, false), true, 0));
    want.subList(0, 2).clear();
    want.add(0, "get .zmetadata");
    assertEquals(want, openAndWalk(tree(2, false), true, 2));
    want.remove(0);
    assertEquals(want, openAndWalk(tree(2, false), false, 2));
  }

  @Test
  void v2ConsolidatedIsOneRead() {
    assertEquals(List.of("get zarr.json", "get .zmetadata", "opened"), openAndWalk(tree(2, true), true, 0));
    assertEquals(List.of("get .zmetadata", "opened"), openAndWalk(tree(2, true), true, 2));
  }

  private static MemoryStore withoutRoot(int format) {
    MemoryStore mem = tree(format, false);
    for (String k : List.of("zarr.json", ".zgroup", ".zattrs")) {
      mem.delete(k);
    }
    mem.put(".hidden/zarr.json", "{}".getBytes(StandardCharsets.UTF_8));
    mem.put("notes.txt", "x".getBytes(StandardCharsets.UTF_8));
    return mem;
  }

  @Test
  void implicitRootsProbeChildren() {
    assertEquals(List.of("get zarr.json", "get .zmetadata", "get .zarray", "get .zgroup", "list ",
        "size b/zarr.json", "opened", "list ", "get b/zarr.json", "get g/zarr.json", "get notes.txt/zarr.json",
        "list g", "get g/a/zarr.json", "get missing/zarr.json"),
        openAndWalk(withoutRoot(3), true, 0).subList(0, 14));
    assertEquals(List.of("get zarr.json", "get .zmetadata", "get .zarray", "get .zgroup", "list ",
        "size b/zarr.json", "size b/.zarray", "opened"), openAndWalk(withoutRoot(2), true, 0).subList(0, 8));
    // Told v2, a v3 child is passed over.
    MemoryStore mixed = withoutRoot(2);
    mixed.put("a3/zarr.json", "{}".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("get .zmetadata", "get .zarray", "get .zgroup", "list ", "size a3/zarr.json",
        "size b/zarr.json", "size b/.zarray", "opened"), openAndWalk(mixed, true, 2).subList(0, 8));
  }

  @Test
  void nothingThereIsOneErrorAfterTheProbes() {
    MemoryStore mem = new MemoryStore();
    mem.put("notes.txt", "x".getBytes(StandardCharsets.UTF_8));
    mem.put("d/other.txt", "x".getBytes(StandardCharsets.UTF_8));
    LogStore s = new LogStore(mem);
    assertThrows(ZarrException.class, () -> Hierarchy.open(s));
    assertEquals(List.of("get zarr.json", "get .zmetadata", "get .zarray", "get .zgroup", "list ",
        "size d/zarr.json", "size d/.zarray", "size d/.zgroup", "size notes.txt/zarr.json",
        "size notes.txt/.zarray", "size notes.txt/.zgroup"), s.log);
    LogStore s3 = new LogStore(mem);
    assertThrows(ZarrException.class, () -> Hierarchy.open(s3, true, 3));
    assertEquals(List.of("get zarr.json"), s3.log);
  }
}
