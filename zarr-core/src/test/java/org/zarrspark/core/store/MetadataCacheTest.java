package org.zarrspark.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JVM-wide IPFS metadata cache stays within its entry and byte budgets, LRU first out. */
class MetadataCacheTest {
  @BeforeEach
  @AfterEach
  void empty() {
    MetadataCache.clear();
  }

  private static URI uri(int i) {
    return URI.create("http://gateway/ipfs/cid/" + i + "/zarr.json");
  }

  @Test
  void boundedInBytes() {
    URI hot = uri(-1);
    MetadataCache.put(hot, new byte[1 << 20]);
    for (int i = 0; i < 200; i++) {
      MetadataCache.put(uri(i), new byte[1 << 20]);
      MetadataCache.get(hot); // kept alive by use
      assertTrue(MetadataCache.bytes() <= MetadataCache.MAX_BYTES, MetadataCache.bytes() + " bytes");
    }
    assertEquals(MetadataCache.MAX_BYTES >> 20, MetadataCache.size());
    assertNotNull(MetadataCache.get(hot));
    assertNotNull(MetadataCache.get(uri(199)));
    assertNull(MetadataCache.get(uri(0)));
  }

  @Test
  void boundedInEntries() {
    for (int i = 0; i < 3 * MetadataCache.MAX_ENTRIES; i++) {
      MetadataCache.put(uri(i), i % 2 == 0 ? MetadataCache.MISSING : new byte[16]);
    }
    assertEquals(MetadataCache.MAX_ENTRIES, MetadataCache.size());
    assertEquals(MetadataCache.MAX_ENTRIES / 2 * 16, MetadataCache.bytes());
  }

  @Test
  void largeDocumentsAreNotCached() {
    MetadataCache.put(uri(1), new byte[MetadataCache.MAX_ENTRY_BYTES + 1]);
    assertNull(MetadataCache.get(uri(1)));
    assertEquals(0, MetadataCache.bytes());
  }

  @Test
  void replacingAnEntryKeepsTheCountExact() {
    MetadataCache.put(uri(1), new byte[100]);
    MetadataCache.put(uri(1), new byte[10]);
    assertEquals(10, MetadataCache.bytes());
  }
}
