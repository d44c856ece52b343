package org.zarrspark.core.icechunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.V3Metadata;
import org.zarrspark.core.store.Store;

/** Nodes, zarr.json metadata, chunk references of every kind, decoded against the expected tables. */
class IcechunkChunksTest {
  @Test
  void nodesOfMainAndTheirMetadata() {
    IcechunkRepository repo = IcechunkRepository.open(IcechunkCases.store("ic_v2_climate"));
    Snapshot main = repo.snapshotOfBranch("main");
    assertEquals(List.of("/", "/lat", "/lon", "/ocean", "/ocean/profile", "/ocean/profile/depth",
        "/ocean/profile/temp", "/sp", "/t2m", "/time"), main.nodes().stream().map(Node::path).collect(Collectors.toList()));
    assertEquals(Set.of("/", "/ocean", "/ocean/profile"), main.nodes().stream().filter(n -> !n.isArray())
        .map(Node::path).collect(Collectors.toSet()));
    assertEquals(List.of("/ocean/profile/depth", "/ocean/profile/temp"),
        main.children("ocean/profile").stream().map(Node::path).collect(Collectors.toList()));
    for (Node n : main.nodes()) {
      if (n.isArray()) {
        ArrayMetadata md = V3Metadata.parseArray(n.zarrJson());
        assertArrayEquals(md.shape(), n.array().shape(), n.path());
        assertEquals(md.dimensionNames(), n.array().dimensionNames(), n.path());
        for (int d = 0; d < md.rank(); d++) {
          assertEquals(md.gridShape()[d], n.array().dimensions().get(d).numChunks(), n.path());
        }
      } else {
        assertEquals("group", V3Metadata.nodeType(n.zarrJson()));
      }
    }
    ArrayMetadata t2m = V3Metadata.parseArray(main.node("/t2m").zarrJson());
    assertArrayEquals(new long[] {10, 6, 12}, t2m.shape());
    assertEquals(List.of("time", "lat", "lon"), t2m.dimensionNames());
    assertNull(main.node("/nope"));
    // spec 1: the same through the v1 snapshot layout (shape with chunk lengths, MessagePack metadata)
    Snapshot v1 = IcechunkRepository.open(IcechunkCases.store("ic_v1_climate")).snapshotOfBranch("main");
    assertTrue(v1.node("/sub/level2/temp").isArray());
    assertEquals(1, v1.specVersion());
    assertArrayEquals(new long[] {9, 4, 10}, V3Metadata.parseArray(v1.node("/t2m").zarrJson()).shape());
  }

  @Test
  void inlineAndNativeChunksDecodeToTheExpectedValues() {
    IcechunkRepository repo = IcechunkRepository.open(IcechunkCases.store("ic_inline_chunks"));
    Snapshot main = repo.snapshotOfBranch("main");
    IcechunkCases.Table table = IcechunkCases.table("ic_inline_chunks", "main.csv");
    NdBuffer y = IcechunkCases.decodeChunk(repo, main.node("/y"), new long[] {0});
    Node albedo = main.node("/albedo");
    Node flux = main.node("/flux");
    assertInstanceOf(ChunkRef.Inline.class, repo.chunkRef(albedo, new long[] {0, 0}));
    assertInstanceOf(ChunkRef.Native.class, repo.chunkRef(flux, new long[] {0, 0}));
    int checked = 0;
    for (long[] c : new long[][] {{0, 0}, {5, 3}, {2, 1}}) {
      NdBuffer a = IcechunkCases.decodeChunk(repo, albedo, c);
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 4; j++) {
          int yi = (int) c[0] * 2 + i;
          int xi = (int) c[1] * 4 + j;
          String[] row = row(table, yi * 16 + xi, y.getDouble(yi), xi);
          assertEquals((float) number(row[table.column("albedo")]), a.getFloat(i * 4 + j));
          checked++;
        }
      }
    }
    for (long[] c : new long[][] {{0, 0}, {1, 1}}) {
      NdBuffer f = IcechunkCases.decodeChunk(repo, flux, c);
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 8; j++) {
          int yi = (int) c[0] * 6 + i;
          int xi = (int) c[1] * 8 + j;
          String[] row = row(table, yi * 16 + xi, y.getDouble(yi), xi);
          assertEquals(number(row[table.column("flux")]), f.getDouble(i * 8 + j));
          checked++;
        }
      }
    }
    assertEquals(24 + 96, checked);
  }

  @Test
  void specOneNativeChunkDecodesToTheExpectedValues() {
    IcechunkRepository repo = IcechunkRepository.open(IcechunkCases.store("ic_v1_climate"));
    Snapshot main = repo.snapshotOfBranch("main");
    IcechunkCases.Table table = IcechunkCases.table("ic_v1_climate", "root_c3.csv");
    NdBuffer lat = IcechunkCases.decodeChunk(repo, main.node("/lat"), new long[] {0});
    NdBuffer lon = IcechunkCases.decodeChunk(repo, main.node("/lon"), new long[] {0});
    Node t2m = main.node("/t2m");
    ChunkRef ref = repo.chunkRef(t2m, new long[] {0, 0, 0});
    assertInstanceOf(ChunkRef.Native.class, ref);
    NdBuffer chunk = IcechunkCases.decodeChunk(repo, t2m, new long[] {0, 0, 0});
    int nans = 0;
    for (int t = 0; t < 4; t++) {
      for (int la = 0; la < 4; la++) {
        for (int lo = 0; lo < 10; lo++) {
          String[] row = table.rows().get(t * 40 + la * 10 + lo);
          assertEquals(lat.getFloat(la), Float.parseFloat(row[table.column("lat")]));
          assertEquals(lon.getFloat(lo), Float.parseFloat(row[table.column("lon")]));
          String v = row[table.column("t2m")];
          float got = chunk.getFloat(t * 40 + la * 10 + lo);
          if (v.isEmpty()) {
            assertTrue(Float.isNaN(got));
            nans++;
          } else {
            assertEquals((float) Double.parseDouble(v), got);
          }
        }
      }
    }
    assertTrue(nans > 0, "the fixture has NaN cells in this chunk");
  }

  @Test
  void upstreamRepositoriesReadAsTheirUpstreamTestAsserts() {
    for (String name : new String[] {"up_test_repo_v1", "up_test_repo_v2"}) {
      IcechunkRepository repo = IcechunkRepository.open(IcechunkCases.store(name));
      Snapshot tagged = repo.snapshot(repo.tag("it works!"));
      Node small = tagged.node("/group1/small_chunks");
      for (int i = 0; i < 5; i++) {
        NdBuffer b = IcechunkCases.decodeChunk(repo, small, new long[] {i});
        assertEquals(i < 4 ? 84 : 8, b.getByte(0), name + " small_chunks[" + i + "]");
      }
      Node big = tagged.node("/group1/big_chunks");
      assertEquals(42.0f, IcechunkCases.decodeChunk(repo, big, new long[] {1, 1}).getFloat(0), name);
      ChunkRef v = repo.chunkRef(big, new long[] {0, 0});
      assertInstanceOf(ChunkRef.Virtual.class, v, name);
      assertEquals("s3://testbucket/can_read_old/chunk-1", ((ChunkRef.Virtual) v).location());
      Snapshot more = repo.snapshot(repo.tag("it also works!"));
      Node inner = more.node("/group2/group3/group4/group5/inner");
      assertTrue(inner.array().manifests().isEmpty());
      assertNull(repo.chunkRef(inner, new long[] {0, 0}));
    }
  }

  @Test
  void splitManifestsAreFetchedOnlyWhenTheirExtentsHoldTheChunk() {
    List<String> gets = new CopyOnWriteArrayList<>();
    Store recording = new RecordingStore(IcechunkCases.store("ic_split_manifests"), gets);
    IcechunkRepository repo = IcechunkRepository.open(recording);
    Snapshot main = repo.snapshotOfBranch("main");
    Node t2m = main.node("/t2m");
    List<ManifestRef> refs = t2m.array().manifests();
    assertEquals(6, refs.size(), "one manifest per time chunk");
    for (int k = 0; k < 6; k++) {
      ManifestRef m = t2m.array().manifestFor(new long[] {k, 0, 0});
      assertArrayEquals(new long[] {k, 0, 0}, m.from());
      assertArrayEquals(new long[] {k + 1, 1, 1}, m.to());
    }
    assertEquals(2, t2m.array().manifestsFor(new long[] {2, 0, 0}, new long[] {4, 1, 1}).size());
    gets.clear();
    ChunkRef ref = repo.chunkRef(t2m, new long[] {3, 0, 0});
    assertNotNull(ref);
    assertEquals(List.of("manifests/" + t2m.array().manifestFor(new long[] {3, 0, 0}).manifestId()), gets);
    repo.chunkRef(t2m, new long[] {3, 0, 0});
    assertEquals(1, gets.size(), "a manifest is fetched once");
    assertNull(repo.chunkRef(t2m, new long[] {6, 0, 0}), "outside every extent: fill, no request");
    assertEquals(1, gets.size());
    assertEquals(1, repo.fetchedManifests().size());
    // values match the expected table: t2m at time index 6 (chunk 3), first row
    IcechunkCases.Table table = IcechunkCases.table("ic_split_manifests", "main.csv");
    NdBuffer chunk = IcechunkCases.decodeChunk(repo, t2m, new long[] {3, 0, 0});
    String v = table.rows().get(6 * 24)[table.column("t2m")];
    assertEquals(v.isEmpty() ? Float.NaN : (float) Double.parseDouble(v), chunk.getFloat(0));
  }

  @Test
  void virtualRefsNameTheirLocationOffsetAndLength() {
    IcechunkRepository repo = IcechunkRepository.open(IcechunkCases.store("ic_virtual"));
    Snapshot main = repo.snapshotOfBranch("main");
    Node t2m = main.node("/t2m");
    for (int k = 0; k < 3; k++) {
      ChunkRef.Virtual v = (ChunkRef.Virtual) repo.chunkRef(t2m, new long[] {k, 0, 0});
      assertEquals("file:///tmp/zarr-icechunk-virtual/ic_virtual/t2m.le.f32", v.location());
      assertEquals(k * 160L, v.offset());
      assertEquals(160L, v.length());
      assertNull(v.etag());
      assertNull(v.lastModified());
    }
    Node pr = main.node("/pr");
    assertInstanceOf(ChunkRef.Native.class, repo.chunkRef(pr, new long[] {0, 0, 0}));
    ChunkRef.Virtual blob = (ChunkRef.Virtual) repo.chunkRef(pr, new long[] {1, 0, 0});
    assertEquals("file:///tmp/zarr-icechunk-virtual/ic_virtual/blob.bin", blob.location());
    assertEquals(96L, blob.offset());
    assertEquals(160L, blob.length());
    assertNull(repo.chunkRef(pr, new long[] {2, 0, 0}), "never written: fill");
    assertThrows(IllegalArgumentException.class, () -> repo.readChunk(blob), "virtual chunks are read by the caller");
    assertEquals("corpus-files", repo.config().containerFor(blob.location()).name());
  }

  @Test
  void aMissingChunkObjectIsAnErrorNamingIt() {
    IcechunkRepository repo = IcechunkRepository.open(IcechunkCases.store("bad_missing_chunk"));
    Node t2m = repo.snapshotOfBranch("main").node("/t2m");
    ChunkRef ref = repo.chunkRef(t2m, new long[] {0, 0, 0});
    CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> repo.readChunk(ref));
    assertEquals("chunks/6C06EVMMQC472B4MR0G0", e.key());
    assertNotNull(repo.readChunk(repo.chunkRef(t2m, new long[] {1, 0, 0})));
  }

  /** A CSV cell: empty is NaN (the fill value / _FillValue). */
  private static double number(String cell) {
    return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
  }

  private static String[] row(IcechunkCases.Table table, int index, double y, int x) {
    String[] row = table.rows().get(index);
    assertEquals(y, Double.parseDouble(row[table.column("y")]), "row order");
    assertEquals(x, Integer.parseInt(row[table.column("x")]), "row order");
    return row;
  }

  /** A store that records the keys of whole-object reads. */
  static final class RecordingStore implements Store {
    private final Store inner;
    private final List<String> gets;

    RecordingStore(Store inner, List<String> gets) {
      this.inner = inner;
      this.gets = gets;
    }

    @Override
    public String describe() {
      return inner.describe();
    }

    @Override
    public byte[] get(String key) {
      gets.add(key);
      return inner.get(key);
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
      gets.add(key + "@" + offset);
      return inner.getRange(key, offset, length);
    }

    @Override
    public byte[] getSuffix(String key, int length) {
      gets.add(key + "@-" + length);
      return inner.getSuffix(key, length);
    }

    @Override
    public long size(String key) {
      return inner.size(key);
    }

    @Override
    public List<String> listChildren(String prefix) {
      return new ArrayList<>(inner.listChildren(prefix));
    }

    @Override
    public void put(String key, byte[] value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(String key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void deletePrefix(String prefix) {
      throw new UnsupportedOperationException();
    }
  }
}
