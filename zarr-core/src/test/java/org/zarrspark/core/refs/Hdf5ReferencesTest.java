package org.zarrspark.core.refs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.core.cli.ZarrCli;
import org.zarrspark.core.error.InvalidReferencesException;
import org.zarrspark.core.error.MissingTargetException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.store.Stores;
import org.zarrspark.core.testing.RefCases;

/**
 * References computed in the JVM from the NetCDF-4 / HDF5 files of testdata/refs equal kerchunk's
 * refs.json for every single-file case (same chunk keys; same offsets and lengths, or, where
 * kerchunk inlined a chunk, the same bytes at the computed range; same shape, chunks, dtype,
 * filters, fill_value and attributes), and the arrays read through them equal the original values.
 */
class Hdf5ReferencesTest {
  /** Single-file cases (the multi-file one needs concatenation; Parquet/bad cases have their own tests). */
  static final List<String> CASES = List.of("nc4_climate_v0", "nc4_hourly_v1", "h5_plain_v0", "nc4_inline_v0");

  @TempDir
  Path tmp;

  static Path file(String id) throws Exception {
    try (Stream<Path> s = Files.list(RefCases.corpus().resolve(id).resolve("data"))) {
      return s.filter(p -> Hdf5References.isHdf5Name(p.toString())).findFirst().orElseThrow();
    }
  }

  static Hdf5References compute(Path f) {
    return (Hdf5References) ReferenceSets.readHdf5(f.toString(), Stores::open);
  }

  @TestFactory
  Stream<DynamicTest> computedReferencesEqualKerchunks() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (String id : CASES) {
      tests.add(dynamicTest(id, () -> {
        Path f = file(id);
        byte[] bytes = Files.readAllBytes(f);
        Hdf5References got = compute(f);
        JsonReferences want = JsonReferences.parse(Files.readAllBytes(RefCases.corpus().resolve(id).resolve("refs.json")));
        assertEquals(new TreeSet<>(want.chunks().keySet()), new TreeSet<>(got.chunks().keySet()), id + ": chunk keys");
        for (Map.Entry<String, Ref> e : want.chunks().entrySet()) {
          Ref.Range mine = (Ref.Range) got.chunk(e.getKey());
          assertEquals(f.getFileName().toString(), mine.url(), id + " " + e.getKey());
          if (e.getValue() instanceof Ref.Range r) {
            assertTrue(r.url().endsWith("/data/" + f.getFileName()) || r.url().equals("{{src}}"), r.url());
            assertEquals(r.offset(), mine.offset(), id + " " + e.getKey() + " offset");
            assertEquals(r.length(), mine.length(), id + " " + e.getKey() + " length");
          } else {
            byte[] inline = ((Ref.Inline) e.getValue()).data();
            assertArrayEquals(inline, Arrays.copyOfRange(bytes, (int) mine.offset(), (int) (mine.offset() + mine.length())),
                id + " " + e.getKey() + " (inline in kerchunk's set)");
          }
        }
        Map<String, byte[]> wm = want.metadata();
        Map<String, byte[]> gm = got.metadata();
        assertEquals(new TreeSet<>(wm.keySet()), new TreeSet<>(gm.keySet()), id + ": metadata keys");
        for (String k : wm.keySet()) {
          JsonNode w = Json.parse(wm.get(k));
          JsonNode g = Json.parse(gm.get(k));
          if (k.endsWith(".zarray")) {
            for (String field : List.of("shape", "chunks", "dtype", "filters", "fill_value", "compressor", "order", "zarr_format")) {
              assertEquals(w.get(field), g.get(field), id + " " + k + " " + field);
            }
          } else {
            assertEquals(w, g, id + " " + k);
          }
        }
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> arraysReadFromTheFileEqualTheOriginalValues() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (String id : CASES) {
      tests.add(dynamicTest(id, () -> {
        ReferenceSets.Found found = ReferenceSets.locate(file(id).toString(), Stores::open);
        assertNotNull(found);
        assertEquals(ReferenceSets.Kind.HDF5, found.kind());
        ReferenceStoreTest.assertArrays(null, RefCases.spec(id), ReferenceSets.open(found, Stores::open, Remap.NONE));
      }));
    }
    return tests.stream();
  }

  @Test
  void aPathBelowTheFileNamesANodeInsideIt() throws Exception {
    Path f = file("nc4_climate_v0");
    ReferenceSets.Found found = ReferenceSets.locate(f.resolve("t2m").toString(), Stores::open);
    assertEquals(ReferenceSets.Kind.HDF5, found.kind());
    assertEquals(f.toString(), found.location());
    assertEquals("t2m", found.node());
  }

  @Test
  void theCommandLineCatsAnArrayOfTheFile() throws Exception {
    Path f = file("nc4_climate_v0");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = ZarrCli.run(new String[] {"tree", f.toString()}, new PrintStream(out), new PrintStream(err));
    assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
    String tree = out.toString(StandardCharsets.UTF_8);
    assertTrue(tree.contains("t2m") && tree.contains("wspd"), tree);
    out.reset();
    rc = ZarrCli.run(new String[] {"cat", f.resolve("time").toString()}, new PrintStream(out), new PrintStream(err));
    assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
    assertTrue(out.size() > 0);
  }

  /** Any store: ranged reads in small blocks (every read crossing block edges) give the same references. */
  @TestFactory
  Stream<DynamicTest> smallBlocksOfAnotherStoreGiveTheSameReferences() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (String id : CASES) {
      tests.add(dynamicTest(id, () -> {
        Path f = file(id);
        org.zarrspark.core.store.MemoryStore mem = new org.zarrspark.core.store.MemoryStore();
        String name = f.getFileName().toString();
        mem.put(name, Files.readAllBytes(f));
        Hdf5References local = compute(f);
        Hdf5References remote = Hdf5References.read(mem, name, "mem://" + name, 97);
        assertEquals(local.chunks(), remote.chunks(), id);
        assertEquals(local.metadata().keySet(), remote.metadata().keySet(), id);
        for (String k : local.metadata().keySet()) {
          assertEquals(Json.parse(local.metadata().get(k)), Json.parse(remote.metadata().get(k)), id + " " + k);
        }
      }));
    }
    return tests.stream();
  }

  @Test
  void aDamagedFileIsATypedErrorNamingIt() throws Exception {
    Path bad = tmp.resolve("broken.nc");
    byte[] good = Files.readAllBytes(file("nc4_climate_v0"));
    Files.write(bad, Arrays.copyOf(good, 1500)); // headers cut off
    InvalidReferencesException e = assertThrows(InvalidReferencesException.class, () -> compute(bad));
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    Path junk = tmp.resolve("junk.h5");
    Files.write(junk, "not an HDF5 file at all".getBytes(StandardCharsets.UTF_8));
    e = assertThrows(InvalidReferencesException.class, () -> compute(junk));
    assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
    MissingTargetException m = assertThrows(MissingTargetException.class, () -> compute(tmp.resolve("none.nc")));
    assertTrue(m.getMessage().contains("none.nc"), m.getMessage());
  }
}
