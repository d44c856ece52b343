package org.zarrspark.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.cli.ValueFormat;
import org.zarrspark.core.testing.Csv;
import org.zarrspark.core.testing.Expected;
import org.zarrspark.core.testing.Fixtures;

/**
 * Every store under testdata/ (the shared conformance sets), written by other implementations, read through
 * zarr-core and compared with the values its writer recorded; every bad store must raise the
 * matching typed error.
 */
class FixtureConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  List<DynamicTest> pythonWrittenArrays() throws IOException {
    Path root = Fixtures.python();
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : JSON.readTree(root.resolve("manifest.json").toFile()).get("cases")) {
      String id = c.get("id").asText();
      Path caseDir = root.resolve(c.get("path").asText());
      Path store = caseDir.resolve("store.zarr");
      String expect = c.get("expect").asText();
      if (expect.startsWith("error:")) {
        if (!expect.equals("error:inconsistent-dimensions")) { // a dataset-level error: Spark tests
          tests.add(dynamicTest(id, () -> assertBadStore(store, expect.substring(6))));
        }
        continue;
      }
      JsonNode info = JSON.readTree(caseDir.resolve("case.json").toFile());
      JsonNode arrays = info.get("arrays");
      if (arrays == null || arrays.isNull()) {
        tests.add(dynamicTest(id + ": every array reads", () -> readEveryArray(store)));
        continue;
      }
      for (JsonNode a : arrays) {
        String path = a.get("path").asText();
        JsonNode e = a.get("expected");
        tests.add(dynamicTest(id + ":" + path, () -> {
          NdBuffer got = Hierarchy.open(new LocalStore(store)).array(path).readAll();
          if (e.hasNonNull("bin")) {
            Expected.assertSameElements(id + ":" + path, Expected.bin(caseDir.resolve(e.get("bin").asText())), got);
          } else {
            assertStringsMatchCsv(caseDir.resolve(e.get("csv").asText()), got);
          }
        }));
      }
    }
    return tests;
  }

  @TestFactory
  List<DynamicTest> zarritaAndZarrPython2Arrays() throws IOException {
    Path root = Fixtures.zarrita();
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : JSON.readTree(root.resolve("manifest.json").toFile()).get("cases")) {
      String id = c.get("case").asText();
      Path caseDir = root.resolve(c.get("dir").asText());
      JsonNode exp = JSON.readTree(caseDir.resolve("expected.json").toFile());
      Path store = caseDir.resolve(exp.path("store").asText("store.zarr"));
      if (exp.get("expect").asText().equals("error")) {
        JsonNode err = exp.get("error");
        tests.add(dynamicTest(id, () -> assertZarritaError(caseDir, store, exp, err)));
        continue;
      }
      for (JsonNode a : exp.get("arrays")) {
        JsonNode e = a.get("expected");
        if (e == null || !e.hasNonNull("bin")) {
          continue;
        }
        String path = a.get("path").asText();
        tests.add(dynamicTest(id + ":" + (path.isEmpty() ? "/" : path), () -> {
          NdBuffer got = Hierarchy.open(new LocalStore(store)).array(path).readAll();
          Expected.assertSameElements(id + ":" + path, Expected.bin(caseDir.resolve(e.get("bin").asText())), got);
        }));
      }
    }
    return tests;
  }

  private static void readEveryArray(Path store) {
    Hierarchy h = Hierarchy.open(new LocalStore(store));
    int arrays = 0;
    for (String p : h.walk("")) {
      if (h.kind(p) == Hierarchy.Kind.ARRAY) {
        NdBuffer b = h.array(p).readAll();
        assertEquals(h.arrayMetadata(p).elementCount(), b.size(), p);
        arrays++;
      }
    }
    assertTrue(arrays > 0, "the store holds arrays");
  }

  /** Opening or reading some array of the store must raise the expected kind of error. */
  private static void assertBadStore(Path store, String kind) {
    ZarrException e = assertThrows(ZarrException.class, () -> {
      Hierarchy h = Hierarchy.open(new LocalStore(store));
      for (String p : h.walk("")) {
        if (h.kind(p) == Hierarchy.Kind.ARRAY) {
          h.array(p).readAll();
        }
      }
    });
    assertKind(kind, e);
    assertTrue(e.getMessage().contains(store.toString()), "message names the store: " + e.getMessage());
    assertTrue(e.key() != null && !e.key().isEmpty(), "message names the key: " + e.getMessage());
  }

  private static void assertKind(String kind, ZarrException e) {
    boolean ok = e.kind().equals(kind)
        || (kind.equals("corrupt-chunk") && e instanceof CorruptChunkException);
    assertTrue(ok, "expected a " + kind + " error, got " + e.kind() + ": " + e.getMessage());
  }

  private static void assertZarritaError(Path caseDir, Path store, JsonNode exp, JsonNode err) throws IOException {
    String kind = err.get("category").asText().replace('_', '-');
    String path = err.path("array").asText("");
    if (err.path("when").asText().equals("open")) {
      ZarrException e = assertThrows(ZarrException.class, () -> Hierarchy.open(new LocalStore(store)).arrayMetadata(path));
      assertKind(kind, e);
      return;
    }
    ZarrArray array = Hierarchy.open(new LocalStore(store)).array(path);
    ArrayMetadata m = array.metadata();
    List<String> bad = new ArrayList<>();
    for (JsonNode b : err.get("bad_chunks")) {
      long[] coords = new long[b.size()];
      for (int i = 0; i < coords.length; i++) {
        coords[i] = b.get(i).asLong();
      }
      ZarrException e = assertThrows(ZarrException.class, () -> array.readChunk(coords));
      assertKind(kind, e);
      bad.add(array.chunkKey(coords));
    }
    // Every other chunk still decodes to the recorded values.
    JsonNode a = null;
    for (JsonNode x : exp.get("arrays")) {
      if (x.get("path").asText().equals(path)) {
        a = x;
      }
    }
    byte[] want = Expected.bin(caseDir.resolve(a.get("expected").get("bin").asText()));
    NdBuffer all = NdBuffer.wrap(m.dataType(), toInt(m.shape()), want);
    long[] grid = m.gridShape();
    int[] cs = m.chunkShape();
    for (long i = 0; i < grid[0]; i++) {
      for (long j = 0; j < (grid.length > 1 ? grid[1] : 1); j++) {
        long[] coords = grid.length > 1 ? new long[] {i, j} : new long[] {i};
        if (bad.contains(array.chunkKey(coords))) {
          continue;
        }
        long[] origin = new long[coords.length];
        int[] ext = new int[coords.length];
        for (int d = 0; d < coords.length; d++) {
          origin[d] = coords[d] * cs[d];
          ext[d] = (int) Math.min(cs[d], m.shape()[d] - origin[d]);
        }
        NdBuffer got = array.read(origin, ext);
        NdBuffer exp2 = NdBuffer.allocate(m.dataType(), ext);
        org.zarrspark.core.chunk.Strides.copyBox(all, toIntL(origin), exp2, new int[ext.length], ext);
        Expected.assertSameElements(array.chunkKey(coords), exp2.bytes(), got);
      }
    }
  }

  private static int[] toInt(long[] v) {
    int[] o = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = (int) v[i];
    }
    return o;
  }

  private static int[] toIntL(long[] v) {
    return toInt(v);
  }

  /** Text arrays are recorded as CSV only: compare the value column with what cat would print. */
  private static void assertStringsMatchCsv(Path csv, NdBuffer got) throws IOException {
    List<List<String>> rows = Csv.read(csv);
    assertEquals(rows.size() - 1, got.size(), "element count");
    for (int i = 0; i < got.size(); i++) {
      List<String> row = rows.get(i + 1);
      assertEquals(row.get(row.size() - 1), ValueFormat.format(got, i), "element " + i);
    }
  }
}
