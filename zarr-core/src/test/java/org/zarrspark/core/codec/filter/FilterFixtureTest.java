package org.zarrspark.core.codec.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;
import org.zarrspark.core.codec.compress.ChunkFixtures;
import org.zarrspark.core.codec.compress.ChunkFixtures.ArrayCase;
import org.zarrspark.core.testing.Fixtures;

/** Decodes (and re-encodes) the chunks numcodecs 0.16.5 wrote through each v2 filter. */
class FilterFixtureTest {
  static List<ArrayCase> cases() {
    List<ArrayCase> all = new ArrayList<>(ChunkFixtures.pythonCase(Fixtures.python().resolve("nc_v2_filters")));
    all.addAll(ChunkFixtures.zarritaCase(Fixtures.zarrita().resolve("cases/v2_delta_filter")));
    return all.stream().filter(a -> a != null).collect(Collectors.toList());
  }

  @TestFactory
  Stream<DynamicTest> everyStoredChunkDecodesToTheExpectedValues() {
    return cases().stream().map(a -> DynamicTest.dynamicTest(a.toString(), () -> ChunkFixtures.verify(a)));
  }

  /**
   * Decoding the filters and encoding them again gives back the very bytes numcodecs stored (the
   * lossy filters are idempotent on their own output).
   */
  @TestFactory
  Stream<DynamicTest> reEncodingReproducesTheStoredFilterOutput() {
    return cases().stream().map(a -> DynamicTest.dynamicTest(a.toString(), () -> {
      List<Path> chunks;
      try (Stream<Path> files = Files.list(a.dir)) {
        chunks = files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().collect(Collectors.toList());
      }
      assertTrue(!chunks.isEmpty());
      int nFilters = a.codecs.size() - (a.hasCompressor ? 1 : 0);
      for (Path p : chunks) {
        byte[] x = Files.readAllBytes(p);
        if (a.hasCompressor) {
          try {
            x = a.codecs.get(nFilters).decode(x, 1 << 20);
          } catch (UnsupportedOperationException e) {
            throw new TestAbortedException("compressor not implemented yet: " + e);
          }
        }
        byte[] r = x;
        for (int i = nFilters - 1; i >= 0; i--) {
          r = a.codecs.get(i).decode(r, 1 << 20);
        }
        byte[] y = r;
        for (int i = 0; i < nFilters; i++) {
          y = a.codecs.get(i).encode(y);
        }
        assertArrayEquals(x, y, a.id + " " + p.getFileName());
      }
    }));
  }

  @Test
  void everyFilterOfTheStoreIsCovered() {
    Set<String> ids = new TreeSet<>();
    Set<String> arrays = new TreeSet<>();
    for (ArrayCase a : cases()) {
      ids.addAll(a.codecNames);
      arrays.add(a.id);
    }
    assertTrue(ids.containsAll(Set.of("delta", "fixedscaleoffset", "quantize", "bitround", "astype", "shuffle", "packbits",
        "categorize", "fletcher32", "adler32", "crc32", "crc32c")), ids.toString());
    assertEquals(15, arrays.size(), arrays.toString()); // 14 nc_v2_filters arrays (vlen_utf8 excluded) + v2_delta_filter
  }
}
