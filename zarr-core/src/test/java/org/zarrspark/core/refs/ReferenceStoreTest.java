package org.zarrspark.core.refs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidReferencesException;
import org.zarrspark.core.error.MissingTargetException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.error.UnsupportedSchemeException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.CountingStore;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.store.RangeTargets;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.Stores;
import org.zarrspark.core.testing.RefCases;

/**
 * Reference sets read through {@link ReferenceStore} against the real NetCDF-4/HDF5 targets of
 * testdata/refs (materialised in a temp copy): every listed array equals the values read from the
 * original file; relative and remapped targets; the Parquet layout's indexing over an in-memory
 * record source; the bad inputs as typed errors naming the set, the key and the URL.
 */
class ReferenceStoreTest {
  @TempDir
  Path tmp;

  static ReferenceStore open(Path set) {
    ReferenceSets.Found f = ReferenceSets.locate(set.toString(), Stores::open);
    assertNotNull(f, set.toString());
    return ReferenceSets.open(f, Stores::open, Remap.NONE);
  }

  /** Target stores opened through it are counted (and collected in {@code opened}). */
  static RangeTargets.Opener counting(List<CountingStore> opened) {
    return d -> {
      CountingStore c = new CountingStore(Stores.open(d));
      opened.add(c);
      return c;
    };
  }

  /** Tells the store a reader is about to read every chunk of an array. */
  static void planWhole(ReferenceStore s, String path, org.zarrspark.core.read.ZarrArray a) {
    long[] shape = a.metadata().shape();
    int[] box = new int[shape.length];
    for (int d = 0; d < box.length; d++) {
      box[d] = (int) shape[d];
    }
    org.zarrspark.core.store.ChunkPlanning.plan(s, path, new long[shape.length], box, a.chunkGrid());
  }

  static void assertArrays(Path caseDir, JsonNode spec, Store store) throws Exception {
    Hierarchy h = Hierarchy.open(store);
    for (JsonNode c : spec.path("cat")) {
      byte[] want = Files.readAllBytes(RefCases.corpus().resolve(spec.get("id").asText()).resolve(c.get("bin").asText()));
      byte[] got = h.array(c.get("array").asText()).readAll().bytes();
      assertArrayEquals(want, got, spec.get("id").asText() + "/" + c.get("array").asText());
    }
  }

  @TestFactory
  Stream<DynamicTest> everyJsonCaseReadsTheOriginalValues() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (String id : RefCases.ids()) {
      JsonNode spec = RefCases.spec(id);
      if (spec.get("expect").asText().equals("ok") && !spec.get("format").asText().equals("parquet")) {
        tests.add(dynamicTest(id, () -> {
          Path dir = RefCases.materialize(id, tmp);
          assertArrays(dir, spec, open(dir.resolve("refs.json")));
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void theCommandLineFindsTheSetAboveAnArrayPath() throws Exception {
    Path dir = RefCases.materialize("nc4_climate_v0", tmp);
    ReferenceSets.Found f = ReferenceSets.locate(dir.resolve("refs.json").resolve("t2m").toString(), Stores::open);
    assertEquals(ReferenceSets.Kind.JSON, f.kind());
    assertEquals("t2m", f.node());
  }

  /** Targets relative to the set's directory; targets remapped from where the archive used to be. */
  @Test
  void relativeAndRemappedTargets() throws Exception {
    Path dir = RefCases.materialize("nc4_climate_v0", tmp);
    String text = Files.readString(dir.resolve("refs.json"));
    String abs = "file://" + dir.toAbsolutePath() + "/";
    Files.writeString(dir.resolve("relative.json"), text.replace(abs, ""));
    Files.writeString(dir.resolve("moved.json"), text.replace(abs, "s3://old-bucket/archive/"));
    JsonNode spec = RefCases.spec("nc4_climate_v0");
    assertArrays(dir, spec, open(dir.resolve("relative.json")));

    JsonReferences moved = ReferenceSets.readJson(dir.resolve("moved.json").toString(), Stores::open);
    ReferenceStore remapped = new ReferenceStore(moved, "moved.json", dir.toString(),
        Remap.parse("s3://old-bucket/archive/=" + abs + ", gs://other/=file:///nowhere/"), new RangeTargets(Stores::open));
    assertArrays(dir, spec, remapped);
    ReferenceStore plain = new ReferenceStore(moved, "moved.json", dir.toString(), Remap.NONE,
        new RangeTargets(Stores::open));
    ZarrException e = assertThrows(ZarrException.class, () -> Hierarchy.open(plain).array("t2m").readAll());
    assertTrue(e.getMessage().contains("s3a://old-bucket/archive/data/climate.nc"), e.getMessage());
    assertThrows(InvalidReferencesException.class, () -> Remap.parse("no-equals-sign"));
  }

  /** One ranged read per referenced chunk, one store per target directory. */
  @Test
  void oneRangedReadPerChunk() throws Exception {
    Path dir = RefCases.materialize("nc4_climate_v0", tmp);
    JsonReferences refs = ReferenceSets.readJson(dir.resolve("refs.json").toString(), Stores::open);
    List<CountingStore> opened = new ArrayList<>();
    RangeTargets.Opener counting = counting(opened);
    ReferenceStore s = new ReferenceStore(refs, "refs.json", dir.toString(), Remap.NONE, new RangeTargets(counting));
    Hierarchy h = Hierarchy.open(s);
    h.array("t2m").readAll();
    long chunks = refs.chunks().keySet().stream().filter(k -> k.startsWith("t2m/"))
        .filter(k -> refs.chunk(k) instanceof Ref.Range).count();
    assertEquals(1, opened.size());
    assertEquals(chunks, opened.get(0).requests());
  }

  /**
   * Planned chunks whose ranges follow each other in the file are one read per run: the reads
   * equal the runs counted here from the references, and the values the unplanned reads.
   */
  @Test
  void plannedAdjacentRangesAreOneReadPerRun() throws Exception {
    Path dir = RefCases.materialize("nc4_climate_v0", tmp);
    JsonReferences refs = ReferenceSets.readJson(dir.resolve("refs.json").toString(), Stores::open);
    List<CountingStore> opened = new ArrayList<>();
    RangeTargets.Opener counting = counting(opened);
    ReferenceStore plain = new ReferenceStore(refs, "refs.json", dir.toString(), Remap.NONE, new RangeTargets(Stores::open));
    var want = Hierarchy.open(plain).array("t2m").readAll();
    ReferenceStore s = new ReferenceStore(refs, "refs.json", dir.toString(), Remap.NONE, new RangeTargets(counting));
    var t2m = Hierarchy.open(s).array("t2m");
    planWhole(s, "t2m", t2m);
    var got = t2m.readAll();
    assertArrayEquals(want.bytes(), got.bytes());
    // Runs, counted independently: ranges of one file sorted by offset, a new run at each gap.
    Map<String, List<long[]>> byFile = new HashMap<>();
    for (String k : refs.chunks().keySet()) {
      if (k.startsWith("t2m/") && refs.chunk(k) instanceof Ref.Range r) {
        byFile.computeIfAbsent(r.url(), u -> new ArrayList<>()).add(new long[] {r.offset(), r.length()});
      }
    }
    long runs = 0;
    for (List<long[]> rs : byFile.values()) {
      rs.sort((a, b) -> Long.compare(a[0], b[0]));
      for (int i = 0; i < rs.size(); i++) {
        if (i == 0 || rs.get(i)[0] != rs.get(i - 1)[0] + rs.get(i - 1)[1]) {
          runs++;
        }
      }
    }
    long chunks = byFile.values().stream().mapToLong(List::size).sum();
    assertEquals(runs, opened.stream().mapToLong(CountingStore::requests).sum(),
        chunks + " chunks in " + runs + " runs of adjacent ranges");
  }

  /** The Parquet layout's indexing (record files of record_size rows, C-order chunk numbers). */
  @Test
  void parquetLayoutOverRecordFiles() throws Exception {
    Path dir = RefCases.materialize("parquet_ocean", tmp);
    JsonReferences json = ReferenceSets.readJson(dir.resolve("refs.json").toString(), Stores::open);
    int recordSize = 5;
    Map<String, Ref[]> files = new HashMap<>();
    Map<String, Object> meta = new HashMap<>();
    for (Map.Entry<String, byte[]> e : json.metadata().entrySet()) {
      meta.put(e.getKey(), org.zarrspark.core.json.Json.parse(e.getValue()));
      if (e.getKey().endsWith(".zarray")) {
        String array = e.getKey().substring(0, e.getKey().length() - "/.zarray".length());
        JsonNode z = org.zarrspark.core.json.Json.parse(e.getValue());
        int[] grid = new int[z.get("shape").size()];
        int n = 1;
        for (int d = 0; d < grid.length; d++) {
          grid[d] = (int) Math.max(1, Math.ceil(z.get("shape").get(d).asDouble() / z.get("chunks").get(d).asInt()));
          n *= grid[d];
        }
        for (int rec = 0; rec * recordSize < n; rec++) {
          Ref[] rows = new Ref[recordSize]; // padded, as fsspec writes them
          for (int j = 0; j < recordSize && rec * recordSize + j < n; j++) {
            int cn = rec * recordSize + j;
            StringBuilder key = new StringBuilder(array + "/");
            int rest = cn;
            int[] idx = new int[grid.length];
            for (int d = grid.length - 1; d >= 0; d--) {
              idx[d] = rest % grid[d];
              rest /= grid[d];
            }
            for (int d = 0; d < grid.length; d++) {
              key.append(d == 0 ? "" : ".").append(idx[d]);
            }
            if (grid.length == 0) {
              key.append('0');
            }
            rows[j] = json.chunk(key.toString());
          }
          files.put(array + "/" + rec, rows);
        }
      }
    }
    List<String> read = new ArrayList<>();
    RecordSource source = new RecordSource() {
      @Override
      public Ref[] records(String arrayPath, int index) {
        read.add(arrayPath + "/" + index);
        return files.get(arrayPath + "/" + index);
      }

      @Override
      public String describe() {
        return "memory";
      }
    };
    byte[] zmeta = org.zarrspark.core.json.Json.write(new com.fasterxml.jackson.databind.ObjectMapper()
        .valueToTree(Map.of("metadata", meta, "record_size", recordSize)));
    assertTrue(ParquetReferences.isReferenceMetadata(zmeta));
    ReferenceStore s = new ReferenceStore(ParquetReferences.of(zmeta, source), "refs.parq", dir.toString(), Remap.NONE,
        new RangeTargets(Stores::open));
    assertArrays(dir, RefCases.spec("parquet_ocean"), s);
    assertEquals(read.size(), new java.util.HashSet<>(read).size(), "each record file read once: " + read);

    // The bug of issue #15: such a directory is not a consolidated Zarr store of missing chunks.
    MemoryStore plain = new MemoryStore();
    plain.put(".zmetadata", zmeta);
    InvalidReferencesException e = assertThrows(InvalidReferencesException.class, () -> Hierarchy.open(plain));
    assertTrue(e.getMessage().contains("record_size"), e.getMessage());
  }

  @Test
  void badInputsAreTypedErrorsNamingTheSetTheKeyAndTheUrl() throws Exception {
    expectError("bad_missing_target", MissingTargetException.class, "absent.nc");
    expectError("bad_range_past_eof", TruncatedChunkException.class, "small.nc");
    expectError("bad_unsupported_protocol", UnsupportedSchemeException.class, "zzz://");
    expectError("bad_corrupt_zlib", CorruptChunkException.class, "small_damaged.nc");
    Path dir = RefCases.materialize("bad_malformed_json", tmp);
    InvalidReferencesException e = assertThrows(InvalidReferencesException.class, () -> open(dir.resolve("refs.json")));
    assertTrue(e.getMessage().contains("refs.json"), e.getMessage());
  }

  /**
   * A planned run whose last range runs past the end of the file: the run fails as a whole, so its
   * chunks are read one by one; the sound chunk before the damaged one reads, and the error names
   * the damaged chunk, not the first of its run.
   */
  @Test
  void aRunWithADamagedRangeFallsBackToChunkByChunk() throws Exception {
    Path dir = RefCases.materialize("bad_range_past_eof", tmp);
    ReferenceStore s = open(dir.resolve("refs.json"));
    var tas = Hierarchy.open(s).array("tas");
    planWhole(s, "tas", tas);
    byte[] first = s.get("tas/0.0.0");
    Ref.Range r0 = (Ref.Range) s.referenceSet().chunk("tas/0.0.0");
    assertEquals(r0.length(), first.length, "the sound chunk reads whole");
    TruncatedChunkException e = assertThrows(TruncatedChunkException.class, () -> s.get("tas/1.0.0"));
    assertTrue(e.getMessage().contains("tas/1.0.0") && e.getMessage().contains("small.nc"), e.getMessage());
  }

  private void expectError(String id, Class<? extends ZarrException> type, String url) throws Exception {
    Path dir = RefCases.materialize(id, tmp);
    Hierarchy h = Hierarchy.open(open(dir.resolve("refs.json")));
    ZarrException e = assertThrows(type, () -> h.array("tas").readAll(), id);
    String m = e.getMessage();
    assertTrue(m.contains("refs.json") && m.contains("tas/1.0.0") && m.contains(url), id + ": " + m);
  }

  @Test
  void inlineAndWholeFileReferences() {
    MemoryStore target = new MemoryStore();
    target.put("whole.bin", new byte[] {1, 2, 3, 4, 5});
    String json = "{\".zgroup\": {\"zarr_format\": 2}, \"x/.zarray\": {\"zarr_format\": 2, \"shape\": [5], \"chunks\": [5],"
        + " \"dtype\": \"|u1\", \"compressor\": null, \"filters\": null, \"fill_value\": 0, \"order\": \"C\"},"
        + " \"x/0\": [\"mem://t/whole.bin\"], \"y\": \"base64:" + Base64.getEncoder().encodeToString("hi".getBytes()) + "\"}";
    ReferenceStore s = new ReferenceStore(JsonReferences.parse(json.getBytes(StandardCharsets.UTF_8)), "set.json", "/",
        Remap.NONE, new RangeTargets(d -> target));
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Hierarchy.open(s).array("x").readAll().bytes());
    assertEquals(5, s.size("x/0"));
    assertArrayEquals(new byte[] {2, 3}, s.getRange("x/0", 1, 2));
    assertArrayEquals("hi".getBytes(), s.get("y"));
    assertEquals(List.of(".zgroup", "x"), s.listChildren(""));
  }
}
