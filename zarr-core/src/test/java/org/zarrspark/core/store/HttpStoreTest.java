package org.zarrspark.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.error.StoreException;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.testing.Expected;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.core.testing.SameArrays;
import org.zarrspark.core.testing.StaticHttpServer;
import org.zarrspark.core.testing.StaticHttpServer.Request;

/**
 * HttpStore against a real HTTP server serving the fixtures: values equal local reads and the
 * fixtures' expected values, and every request the server sees is accounted for.
 */
class HttpStoreTest {
  static final String CID = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
  private static StaticHttpServer server;
  private static Path python;

  @BeforeAll
  static void start() throws Exception {
    python = Fixtures.python();
    server = StaticHttpServer.start().mount("/data", python).mount("/ipfs/" + CID, python);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  private static HttpStore http(String fixture) {
    return new HttpStore(server.url() + "/data/" + fixture + "/store.zarr", HttpSettings.fromSystemProperties());
  }

  private static List<Request> requests() {
    return server.requests();
  }

  @Test
  void consolidatedV3OpensWithOneGet() {
    Hierarchy h = Hierarchy.open(http("xr_climate_v3"));
    assertTrue(h.isConsolidated());
    h.walk("");
    assertEquals("[GET /data/xr_climate_v3/store.zarr/zarr.json -> 200]", requests().toString());
  }

  @Test
  void consolidatedV2OpensWithOneGetAfterOneMiss() {
    Hierarchy h = Hierarchy.open(http("xr_climate_v2"));
    assertTrue(h.isConsolidated());
    h.walk("");
    assertEquals("[GET /data/xr_climate_v2/store.zarr/zarr.json -> 404, GET /data/xr_climate_v2/store.zarr/.zmetadata -> 200]",
        requests().toString());
  }

  @Test
  void consolidatedStoresReadLikeLocalOneGetPerChunk() {
    for (String fixture : List.of("xr_climate_v3", "xr_climate_v2")) {
      Path local = python.resolve(fixture + "/store.zarr");
      Hierarchy h = Hierarchy.open(http(fixture));
      server.reset();
      List<String> arrays = SameArrays.assertSameHierarchy(Hierarchy.open(new LocalStore(local)), h);
      // One GET per chunk of the grid (a missing chunk is a 404, read as fill values); per shard
      // one ranged GET for its index and at most one per inner chunk. No HEAD, no retry, and
      // one connection reused throughout.
      long chunks = 0;
      long shards = 0;
      long innerChunks = 0;
      for (String a : arrays) {
        ArrayMetadata m = h.arrayMetadata(a);
        if (m.sharding() == null) {
          chunks += m.chunkCount();
        } else {
          shards += m.chunkCount();
          innerChunks += m.chunkCount() * NdBuffer.elementCount(m.sharding().chunksPerShard(m.chunkShape()));
        }
      }
      List<Request> log = requests();
      assertTrue(log.stream().allMatch(r -> r.method.equals("GET")), log.toString());
      List<Request> whole = log.stream().filter(r -> r.range == null).collect(Collectors.toList());
      assertEquals(chunks, whole.size(), fixture + ": " + log);
      assertEquals(whole.size(), whole.stream().map(r -> r.path).distinct().count(), "each chunk once");
      long indexes = log.stream().filter(r -> r.range != null && r.range.startsWith("bytes=-")).count();
      assertEquals(shards, indexes, "one index read per shard: " + log);
      assertTrue(log.size() - whole.size() - indexes <= innerChunks, log.toString());
      assertEquals(1, server.connections(), "one connection reused");
    }
  }

  @Test
  void shardedArraysMatchExpectedValuesWithoutListing() throws Exception {
    Path caseDir = python.resolve("ts_v3_sharding");
    Hierarchy h = Hierarchy.open(http("ts_v3_sharding"));
    for (String array : List.of("shard_index_end", "shard_index_start", "shard_nested", "shard_be_crc32c_inner")) {
      NdBuffer got = h.array(array).readAll();
      Expected.assertSameElements(array, Expected.bin(caseDir.resolve("expected/" + array + ".bin")), got);
    }
  }

  @Test
  void innerChunksOfAShardCostTheIndexPlusOneRangedGetPerRun() {
    ZarrArray a = Hierarchy.open(http("ts_v3_sharding")).array("shard_index_end");
    server.reset();
    // One inner chunk (4x4) of shard c/0/0: the index as a suffix range, then that chunk.
    NdBuffer one = a.read(new long[] {4, 4}, new int[] {4, 4});
    List<Request> log = requests();
    assertEquals(2, log.size(), log.toString());
    assertEquals("/data/ts_v3_sharding/store.zarr/shard_index_end/c/0/0", log.get(0).path);
    assertTrue(log.get(0).range.startsWith("bytes=-"), "index by suffix range: " + log);
    assertTrue(log.get(1).range.matches("bytes=\\d+-\\d+"), log.toString());
    assertSameAsLocal("shard_index_end", new long[] {4, 4}, new int[] {4, 4}, one);

    // k = 4 inner chunks (a 2x2 block): the index plus at most 4 ranged GETs.
    server.reset();
    a.read(new long[] {0, 0}, new int[] {8, 8});
    log = requests();
    assertTrue(log.size() >= 2 && log.size() <= 5, log.toString());
    assertTrue(log.stream().allMatch(r -> r.range != null && r.method.equals("GET")), log.toString());
    assertEquals(1, log.stream().filter(r -> r.range.startsWith("bytes=-")).count(), "one index read");
  }

  @Test
  void indexAtStartIsOneRangedGet() {
    ZarrArray a = Hierarchy.open(http("ts_v3_sharding")).array("shard_index_start");
    server.reset();
    NdBuffer shard = a.read(new long[] {0, 0}, new int[] {16, 16});
    List<Request> log = requests();
    assertTrue(log.size() >= 2 && log.size() <= 17, log.toString());
    assertTrue(log.get(0).range.startsWith("bytes=0-"), "index first: " + log);
    assertTrue(log.stream().skip(1).allMatch(r -> r.range != null && !r.range.startsWith("bytes=0-")), log.toString());
    assertSameAsLocal("shard_index_start", new long[] {0, 0}, new int[] {16, 16}, shard);
  }

  @Test
  void aMissingShardCostsOneRequestAndReadsAsFill() {
    ZarrArray a = Hierarchy.open(http("ts_v3_sharding")).array("shard_index_end");
    server.reset();
    NdBuffer b = a.read(new long[] {32, 16}, new int[] {4, 4}); // shard c/2/1 was never written
    assertEquals("[GET /data/ts_v3_sharding/store.zarr/shard_index_end/c/2/1 [bytes=-260] -> 404]",
        requests().toString().replaceAll("bytes=-\\d+", "bytes=-260"));
    for (int i = 0; i < b.size(); i++) {
      assertEquals(-1, b.getInt(i));
    }
  }

  @Test
  void rangesFollowTheStoreContract() throws Exception {
    HttpStore s = http("ts_v3_sharding");
    byte[] whole = Files.readAllBytes(python.resolve("ts_v3_sharding/store.zarr/shard_index_end/c/0/0"));
    for (boolean ignoreRange : new boolean[] {false, true}) {
      server.ignoreRange(ignoreRange);
      try {
        String k = "shard_index_end/c/0/0";
        assertArrayEquals(whole, s.get(k));
        assertArrayEquals(Arrays.copyOfRange(whole, 10, 30), s.getRange(k, 10, 20));
        assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 5, whole.length), s.getRange(k, whole.length - 5, 50));
        assertEquals(0, s.getRange(k, whole.length + 10, 5).length);
        assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 16, whole.length), s.getSuffix(k, 16));
        assertArrayEquals(whole, s.getSuffix(k, whole.length + 100));
        assertEquals(whole.length, s.size(k));
        assertNull(s.get("shard_index_end/c/9/9"));
        assertNull(s.getRange("shard_index_end/c/9/9", 0, 4));
        assertNull(s.getSuffix("shard_index_end/c/9/9", 4));
        assertEquals(-1, s.size("shard_index_end/c/9/9"));
        assertTrue(requests().stream().allMatch(r -> r.status == 200 || r.status == 206 || r.status == 404
            || r.status == 416), requests().toString());
      } finally {
        server.ignoreRange(false);
      }
    }
  }

  @Test
  void groupsWithoutConsolidatedMetadataNeedIt() {
    HttpStore s = http("ts_v3_sharding");
    Hierarchy h = Hierarchy.open(s);
    StoreException e = assertThrows(StoreException.class, () -> h.children(""));
    assertTrue(e.getMessage().contains("consolidated metadata"), e.getMessage());
    assertTrue(e.getMessage().contains(s.describe()), e.getMessage());
    assertThrows(StoreException.class, () -> s.put("x", new byte[1]));
  }

  @Test
  void ipfsThroughAGatewayWithMetadataCachedPerCid() {
    HttpSettings settings = HttpSettings.from(k -> k.equals(HttpSettings.IPFS_GATEWAY) ? server.url() : null);
    Store s = Stores.openHttp("ipfs://" + CID + "/xr_climate_v3/store.zarr", settings);
    assertEquals("ipfs://" + CID + "/xr_climate_v3/store.zarr", s.describe());
    SameArrays.assertSameHierarchy(Hierarchy.open(new LocalStore(python.resolve("xr_climate_v3/store.zarr"))),
        Hierarchy.open(s));
    assertTrue(requests().stream().allMatch(r -> r.path.startsWith("/ipfs/" + CID + "/xr_climate_v3/store.zarr/")),
        requests().toString());
    // Content under a CID never changes: opening it again costs no request, nor does a miss.
    server.reset();
    Hierarchy.open(Stores.openHttp("ipfs://" + CID + "/xr_climate_v3/store.zarr", settings));
    Stores.openHttp("ipfs://" + CID + "/xr_climate_v3", settings).get("zarr.json");
    Stores.openHttp("ipfs://" + CID + "/xr_climate_v3", settings).get("zarr.json");
    assertEquals(1, requests().size(), requests().toString());
  }

  @Test
  void ipfsGatewayFromASystemProperty() {
    String old = System.getProperty(HttpSettings.IPFS_GATEWAY);
    System.setProperty(HttpSettings.IPFS_GATEWAY, server.url() + "/");
    try {
      Store s = Stores.open("ipfs://" + CID + "/xr_climate_v2/store.zarr");
      assertTrue(Hierarchy.open(s).isConsolidated());
      assertTrue(requests().stream().map(r -> r.path).collect(Collectors.toList())
          .contains("/ipfs/" + CID + "/xr_climate_v2/store.zarr/.zmetadata"), requests().toString());
    } finally {
      if (old == null) {
        System.clearProperty(HttpSettings.IPFS_GATEWAY);
      } else {
        System.setProperty(HttpSettings.IPFS_GATEWAY, old);
      }
    }
    assertThrows(RuntimeException.class, () -> Stores.open("ipfs://not a cid/x"));
  }

  private static void assertSameAsLocal(String array, long[] origin, int[] shape, NdBuffer got) {
    ZarrArray local = Hierarchy.open(new LocalStore(python.resolve("ts_v3_sharding/store.zarr"))).array(array);
    SameArrays.assertSame(array, local.read(origin, shape), got);
  }
}
