package org.zarrspark.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.testing.HostileStores;
import org.zarrspark.core.testing.HostileStores.Case;
import org.zarrspark.core.testing.RecordingStore;
import org.zarrspark.core.write.GroupWriter;

/**
 * The bad-input matrix of issue #7 against zarr-core: every hostile store of {@link HostileStores}
 * opened and read whole must fail with the case's exact {@link ZarrException} subclass, naming
 * the store, the key and what was wrong; quickly, allocating a few MiB at most, and without
 * asking the store for any key outside its root.
 */
class BadInputMatrixTest {
  /** What reading one hostile store may allocate: far below any lying header's claim. */
  private static final long ALLOCATION_LIMIT = 16L << 20;
  private static final long TIME_LIMIT_MS = 10_000;

  @TempDir
  Path dir;

  static List<Case> cases() {
    return HostileStores.all();
  }

  /** Opens the hierarchy and reads every array whole, as a user of zarr-core would. */
  private static void readEverything(RecordingStore store) {
    Hierarchy h = Hierarchy.open(store);
    for (String path : h.walk("")) {
      if (h.kind(path) == Hierarchy.Kind.ARRAY) {
        h.array(path).readAll();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void typedErrorNamingStoreAndKey(Case c) {
    Path root = c.build(dir);
    RecordingStore store = new RecordingStore(new LocalStore(root));
    long t0 = System.nanoTime();
    ZarrException e = assertThrows(ZarrException.class, () -> readEverything(store));
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertSame(c.expected, e.getClass(), () -> "wrong type: " + e);
    assertEquals(root.toString(), e.store(), e::getMessage);
    assertEquals(c.key, e.key(), e::getMessage);
    String m = e.getMessage();
    assertTrue(m.contains("store " + root) && m.contains("key '" + c.key + "'") && m.contains(c.detail), m);
    assertTrue(ms < TIME_LIMIT_MS, c + " took " + ms + " ms");

    // Nothing outside the root was asked for (every key is checked again by the store itself).
    for (String k : store.keys) {
      assertFalse(List.of(k.split("/")).contains(".."), "asked for " + k);
      assertTrue(root.resolve(k).normalize().startsWith(root), "asked for " + k);
    }
    // Memory: bounded by the metadata, not by what a header claims. The first run also pays for
    // class loading, so a second run is measured when the first exceeds the limit.
    long used = allocatedBy(() -> readEverything(store));
    if (used > ALLOCATION_LIMIT) {
      used = allocatedBy(() -> readEverything(store));
    }
    if (used >= 0) {
      assertTrue(used < ALLOCATION_LIMIT, c + " allocated " + (used >> 20) + " MiB");
    }
  }

  @Test
  void everyClauseOfTheIssueHasCasesInBothFormats() {
    List<Case> all = HostileStores.all();
    Set<String> names = all.stream().map(c -> c.name).collect(Collectors.toSet());
    for (String prefix : List.of("truncated_", "garbage_", "bomb_", "checksum_", "invalid_json_", "nested_json_",
        "shape_overflow_", "chunk_zero_", "chunk_negative_", "rank_mismatch_", "unknown_dtype_", "unknown_codec_",
        "escape_consolidated_", "vlen_lying_")) {
      Set<Integer> formats = all.stream().filter(c -> c.name.startsWith(prefix)).map(c -> c.format)
          .collect(Collectors.toSet());
      assertEquals(Set.of(2, 3), formats, prefix + " in " + names);
    }
    assertEquals(EnumSet.allOf(HostileStores.Level.class),
        all.stream().map(c -> c.level).collect(Collectors.toCollection(() -> EnumSet.noneOf(HostileStores.Level.class))));
  }

  /** Keys that leave the root are refused by the store itself, naming store and key. */
  @Test
  void storeRefusesKeysLeavingTheRoot() throws Exception {
    Path root = Files.createDirectories(dir.resolve("s.zarr"));
    Path outside = HostileStores.writeOutside(root, 2);
    assertTrue(Files.isReadable(outside.resolve(".zarray")));
    LocalStore store = new LocalStore(root);
    GroupWriter.create(store, "", 2, null);
    for (String key : List.of("../outside.zarr/.zarray", "a/../../outside.zarr/.zarray", "/etc/passwd",
        "..\\outside.zarr\\.zarray")) {
      ZarrException e = assertThrows(ZarrException.class, () -> store.get(key), key);
      assertSame(InvalidMetadataException.class, e.getClass());
      assertEquals(root.toString(), e.store(), e.getMessage());
      assertEquals(key, e.key(), e.getMessage());
      assertThrows(InvalidMetadataException.class, () -> store.getRange(key, 0, 4), key);
      assertThrows(InvalidMetadataException.class, () -> store.getSuffix(key, 4), key);
    }
    assertArrayEquals(new long[] {4}, Hierarchy.open(new LocalStore(outside)).arrayMetadata("").shape());
    ZarrException e = assertThrows(ZarrException.class, () -> Hierarchy.open(store).array("../outside.zarr"));
    assertTrue(e.getMessage().contains("leave the store root"), e.getMessage());
    assertEquals(root.toString(), e.store(), e.getMessage());
  }

  private static long allocatedBy(Runnable r) {
    java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
    if (!(t instanceof com.sun.management.ThreadMXBean)) {
      return -1;
    }
    com.sun.management.ThreadMXBean s = (com.sun.management.ThreadMXBean) t;
    if (!s.isThreadAllocatedMemorySupported() || !s.isThreadAllocatedMemoryEnabled()) {
      return -1;
    }
    long before = s.getCurrentThreadAllocatedBytes();
    try {
      r.run();
    } catch (ZarrException expected) {
      // the refusal is the point; only its cost is measured here
    }
    return s.getCurrentThreadAllocatedBytes() - before;
  }
}
