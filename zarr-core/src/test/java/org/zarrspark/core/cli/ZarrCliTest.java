package org.zarrspark.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.testing.Csv;
import org.zarrspark.core.testing.Fixtures;

/** bin/zarr tree and cat: output formats, exit statuses and one-line errors. */
class ZarrCliTest {
  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = ZarrCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(rc), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void catPrintsCsvWithDimensionNamesAndRawValues() {
    Path a = Fixtures.python().resolve("xr_climate_v3/store.zarr/sp");
    String[] r = run("cat", a.toString());
    assertEquals("0", r[0], r[2]);
    List<List<String>> rows = Csv.parse(r[1]);
    assertEquals(List.of("time", "lat", "lon", "sp"), rows.get(0));
    assertEquals(24 * 13 * 16 + 1, rows.size());
    assertEquals(List.of("0", "0", "1"), rows.get(2).subList(0, 3), "C order");
    assertTrue(rows.stream().skip(1).anyMatch(x -> x.get(3).equals("-32767")), "no CF decoding: packed fill values stay");
  }

  @Test
  void catFormatsTimesStringsAndSpecialFloats() {
    Path store = Fixtures.python().resolve("zp_arrays_v3/store.zarr");
    String[] t = run("cat", store.resolve("zp_v3_datetime64_s").toString());
    assertEquals("0", t[0], t[2]);
    assertTrue(t[1].contains("NaT") || t[1].matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ.*"), t[1]);
    String[] s = run("cat", store.resolve("zp_v3_fixed_utf32").toString());
    assertTrue(s[1].lines().skip(1).allMatch(l -> l.matches("\\d+,\".*\"")), s[1]);
    String[] f = run("cat", Fixtures.zarrita().resolve("cases/v2_fill_values/store.zarr/fill_inf").toString());
    assertTrue(f[1].contains("Infinity"), f[1]);
    String[] d = run("cat", Fixtures.python().resolve("zp_arrays_v2/store.zarr/zp_v2_scalar_i4").toString());
    assertEquals(2, d[1].lines().count(), "a 0-d array: a header and one value");
  }

  @Test
  void treeOfAnIcechunkRepositoryShowsItsRefsThenMain() {
    for (String[] c : new String[][] {{"ic_v2_climate", "2"}, {"ic_v1_climate", "1"}}) {
      String[] r = run("tree", Fixtures.root().resolve("icechunk/" + c[0] + "/repo").toString());
      assertEquals("0", r[0], r[2]);
      assertTrue(r[1].startsWith("Icechunk repository (spec " + c[1] + ")\nbranches:\n"), r[1]);
      assertTrue(r[1].contains("hierarchy at main ("), r[1]);
      assertTrue(r[1].contains("/t2m (array)") && r[1].contains("zarr format 3"), r[1]);
    }
    String[] r = run("tree", Fixtures.root().resolve("icechunk/ic_v2_climate/repo").toString());
    assertTrue(r[1].contains("  main -> RQ1KTE289XSRRZ66W080\n") && r[1].contains("  dev -> 53TQ4J7TY606KGMJ9070\n")
        && r[1].contains("tags:\n  v1 -> VW7G3BMSBJVWH3QQ4AAG\n"), r[1]);
  }

  @Test
  void treeShowsGroupsArraysCodecsAndAttributes() {
    String[] r = run("tree", Fixtures.python().resolve("xr_climate_v3/store.zarr").toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].startsWith("zarr format 3, consolidated metadata"), r[1]);
    assertTrue(r[1].contains("/t2m (array)"), r[1]);
    assertTrue(r[1].contains("shards: [12, 14, 16]"), r[1]);
    assertTrue(r[1].contains("codecs: [bytes, zstd] (inside shards)"), r[1]);
    assertTrue(r[1].contains("dimensions: [time, lat, lon]"), r[1]);
    assertTrue(r[1].contains(":units = \"K\""), r[1]);
  }

  @Test
  void badInputExitsNonZeroWithOneLine() {
    Path bad = Fixtures.python().resolve("bad_v2_blosc_hostile_nbytes/store.zarr/a");
    String[] r = run("cat", bad.toString());
    assertEquals("1", r[0]);
    assertEquals(1, r[2].lines().count(), r[2]);
    assertTrue(r[2].contains("key '0.1'") && r[2].contains("[corrupt-chunk]"), r[2]);
    assertFalse(r[2].contains("Exception"), "no stack trace: " + r[2]);
    String[] g = run("cat", Fixtures.python().resolve("xr_climate_v3/store.zarr").toString());
    assertEquals("1", g[0]);
    assertTrue(g[2].contains("is a group"), g[2]);
    assertEquals("2", run("frobnicate", "x")[0]);
  }
}
