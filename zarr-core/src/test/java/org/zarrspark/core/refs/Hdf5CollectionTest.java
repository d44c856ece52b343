package org.zarrspark.core.refs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.error.InconsistentFilesException;
import org.zarrspark.core.error.MissingTargetException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.RangeTargets;
import org.zarrspark.core.store.Stores;
import org.zarrspark.core.testing.RefCases;

/**
 * Several NetCDF-4 files read as one set: a glob or a directory, concatenated along the record
 * dimension. The sets under {@code src/test/resources/netcdf-sets} were written by netCDF4-python
 * ({@code interop/make_netcdf_sets.py}); {@code nc4_multifile_v0} is the shared corpus' case whose
 * references kerchunk's way of concatenating produced.
 */
class Hdf5CollectionTest {
  static Path sets() {
    return Paths.get("src/test/resources/netcdf-sets").toAbsolutePath();
  }

  static ConcatenatedReferences read(String location) {
    return Hdf5Collection.read(location, Stores::open);
  }

  static NdBuffer values(ReferenceSet set, String base, String array) {
    ReferenceStore store = new ReferenceStore(set, base, base, Remap.NONE, new RangeTargets(Stores::open));
    return Hierarchy.open(store, true, 2).array(array).readAll();
  }

  /** The data arrays' chunk references equal those of the corpus' set (time is inline there). */
  @Test
  void aGlobGivesTheReferencesOfKerchunksMultiFileSet() throws Exception {
    Path data = RefCases.corpus().resolve("nc4_multifile_v0").resolve("data");
    ConcatenatedReferences got = read(data.resolve("day_*.nc").toString());
    assertEquals("time", got.dimension());
    JsonReferences want = JsonReferences.parse(Files.readAllBytes(data.getParent().resolve("refs.json")));
    for (String array : List.of("tas", "uas", "psl")) {
      TreeSet<String> keys = new TreeSet<>();
      want.chunks().keySet().stream().filter(k -> k.startsWith(array + "/")).forEach(keys::add);
      TreeSet<String> mine = new TreeSet<>();
      got.chunks().keySet().stream().filter(k -> k.startsWith(array + "/")).forEach(mine::add);
      assertEquals(keys, mine, array);
      for (String k : keys) {
        Ref.Range w = (Ref.Range) want.chunk(k);
        Ref.Range g = (Ref.Range) got.chunk(k);
        assertTrue(w.url().endsWith("/data/" + g.url()), k + ": " + w.url() + " vs " + g.url());
        assertEquals(w.offset(), g.offset(), k);
        assertEquals(w.length(), g.length(), k);
      }
      JsonNode wz = Json.parse(want.metadata().get(array + "/.zarray"));
      JsonNode gz = Json.parse(got.metadata().get(array + "/.zarray"));
      for (String field : List.of("shape", "chunks", "dtype", "filters", "fill_value")) {
        assertEquals(wz.get(field), gz.get(field), array + " " + field);
      }
    }
    // time: the same values kerchunk's set holds inline.
    String base = data.getParent().toString();
    String wantSet = Files.readString(data.getParent().resolve("refs.json")).replace("@ROOT@", "file://" + base);
    NdBuffer wt = values(JsonReferences.parse(wantSet.getBytes()), base, "time");
    NdBuffer gt = values(got, data.toString(), "time");
    assertEquals(12, gt.size());
    for (int i = 0; i < 12; i++) {
      assertEquals(wt.getAsLong(i), gt.getAsLong(i), "time " + i);
    }
  }

  /** A directory of files: URLs relative to its parent; values those of the files one after another. */
  @Test
  void aDirectoryAlongAnUnlimitedDimensionNotNamedTime() {
    Path dir = sets().resolve("ok_record");
    ConcatenatedReferences got = read(dir.toString());
    assertEquals("record", got.dimension());
    assertTrue(((Ref.Range) got.chunk("tas/3.0.0")).url().equals("ok_record/b.nc"), "the 4th record chunk is b's 2nd");
    NdBuffer all = values(got, sets().toString(), "tas");
    NdBuffer a = values(ReferenceSets.readHdf5(dir.resolve("a.nc").toString(), Stores::open), dir.toString(), "tas");
    NdBuffer b = values(ReferenceSets.readHdf5(dir.resolve("b.nc").toString(), Stores::open), dir.toString(), "tas");
    assertArrayEquals(new int[] {7, 3, 4}, all.shape());
    assertEquals(a.size() + b.size(), all.size());
    for (int i = 0; i < all.size(); i++) {
      float want = i < a.size() ? a.getFloat(i) : b.getFloat(i - a.size());
      assertEquals(want, all.getFloat(i), "element " + i);
    }
    NdBuffer record = values(got, sets().toString(), "record");
    for (int i = 0; i < 7; i++) {
      assertEquals(i, record.getInt(i));
    }
  }

  /** Arrays outside the record dimension come from the first file, checked against the others. */
  @Test
  void staticArraysAreTakenOnceAndChecked() throws Exception {
    ConcatenatedReferences got = read(sets().resolve("ok_static").resolve("f*.nc").toString());
    JsonNode orog = Json.parse(got.metadata().get("orog/.zarray"));
    assertEquals("[3,4]", orog.get("shape").toString());
    assertTrue(got.chunks().keySet().stream().filter(k -> k.startsWith("orog/")).allMatch(k ->
        ((Ref.Range) got.chunk(k)).url().equals("f1.nc")), "static arrays point into the first file");
    assertEquals("[4,3,4]", Json.parse(got.metadata().get("pr/.zarray")).get("shape").toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "lat_differs|lat differs between|element 2: 30.0 vs 35.0",
      "misaligned|a.nc has 3 steps of time|not a multiple of its chunk length 2",
      "missing_var|b.nc lacks [pr]|do not hold the same variables",
      "dtype_differs|tas has dtype \"<f4\"|\"<f8\" in",
      "units_fraction|value 12 of time|is not a whole number of 'hours since 2020-01-01'",
  })
  void filesThatDisagreeAreRefusedNamingTheDifference(String set, String part1, String part2) {
    String loc = sets().resolve(set).toString();
    InconsistentFilesException e = assertThrows(InconsistentFilesException.class, () -> read(loc));
    assertTrue(e.getMessage().contains(part1) && e.getMessage().contains(part2), e.getMessage());
    assertTrue(e.getMessage().contains(loc), "names the set: " + e.getMessage());
    assertEquals("inconsistent-files", e.kind());
  }

  /** Each file counts hours from its own day: the times are re-counted from the first file's date, inline. */
  @Test
  void timeCountedFromAnotherDateIsRecounted() {
    ConcatenatedReferences got = read(sets().resolve("units_differ").toString());
    NdBuffer time = values(got, sets().toString(), "time");
    assertArrayEquals(new int[] {4}, time.shape());
    int[] want = {0, 6, 24, 30};
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], time.getInt(i), "time " + i);
    }
    JsonNode z = Json.parse(got.metadata().get("time/.zarray"));
    assertEquals("<i4", z.get("dtype").asText());
    assertEquals("[4]", z.get("chunks").toString());
    assertTrue(got.chunk("time/0") instanceof Ref.Inline, "held inline");
    assertEquals("hours since 2020-01-01", Json.parse(got.metadata().get("time/.zattrs")).get("units").asText());
    assertEquals("[4,3,4]", Json.parse(got.metadata().get("tas/.zarray")).get("shape").toString());
  }

  @Test
  void aGlobMatchingNothingIsAMissingTarget() {
    String loc = sets().resolve("ok_static").resolve("nothing_*.nc").toString();
    MissingTargetException e = assertThrows(MissingTargetException.class, () -> read(loc));
    assertTrue(e.getMessage().contains("no file matches nothing_*.nc"), e.getMessage());
  }

  /** What {@code bin/zarr refs} writes parses back to the same references. */
  @Test
  void writtenReferencesParseBack() {
    ConcatenatedReferences got = read(sets().resolve("ok_static").toString());
    JsonReferences back = JsonReferences.parse(ReferenceWriter.write(got.metadata(), got.chunks(), u -> "/abs/" + u));
    assertEquals(got.metadata().keySet(), back.metadata().keySet());
    for (Map.Entry<String, byte[]> e : got.metadata().entrySet()) {
      assertEquals(Json.parse(e.getValue()), Json.parse(back.metadata().get(e.getKey())), e.getKey());
    }
    assertEquals(got.chunks().keySet(), back.chunks().keySet());
    for (Map.Entry<String, Ref> e : got.chunks().entrySet()) {
      Ref.Range r = (Ref.Range) e.getValue();
      assertEquals(new Ref.Range("/abs/" + r.url(), r.offset(), r.length()), back.chunk(e.getKey()));
    }
  }
}
