package org.zarrspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.spark.SparkTestBase;

/** bin/zarr sql: CSV output, timing lines, files of statements, errors. */
class SqlCommandTest extends SparkTestBase {
  @TempDir
  static Path dir;
  static String v2;

  @BeforeAll
  static void writeStore() {
    v2 = dir.resolve("v2.zarr").toString();
    SampleStore.write(new LocalStore(dir.resolve("v2.zarr")), 2);
  }

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = SqlCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(rc), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void csvResultsWithTiming() {
    String[] r = run("--format", "csv", "--timing",
        "SELECT time, lat, lon, t2m FROM zarr.`" + v2 + "` WHERE lat = 87.5 AND lon = 2.5 ORDER BY time LIMIT 2;"
            + " SELECT 'a,b' AS s, CAST(NULL AS INT) AS n");
    assertEquals("0", r[0], r[2]);
    List<String> lines = List.of(r[1].split("\n", -1));
    assertEquals("time,lat,lon,t2m", lines.get(0));
    assertTrue(lines.get(1).startsWith("2024-01-01T00:00:00Z,87.5,2.5,"), lines.get(1));
    assertTrue(lines.get(2).startsWith("2024-01-01T06:00:00Z,87.5,2.5,"), lines.get(2));
    assertEquals("", lines.get(3), "a blank line between results");
    assertEquals("s,n", lines.get(4));
    assertEquals("\"a,b\",", lines.get(5));
    long timings = r[2].lines().filter(l -> l.matches("time_ms=\\d+")).count();
    assertEquals(2, timings, r[2]);
  }

  @Test
  void statementsFromAFileAndTableFormat() throws Exception {
    Path f = dir.resolve("q.sql");
    Files.writeString(f, "-- a comment; with a semicolon\nSELECT count(*) AS n FROM zarr.`" + v2 + "`;\n");
    String[] r = run("-f", f.toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("124416"), r[1]);
    assertTrue(r[1].contains("(1 row)"), r[1]);
  }

  @Test
  void mountExposesAStoreAsACatalog() {
    String[] r = run("--mount", "sample=" + v2, "--format", "csv",
        "SHOW TABLES IN sample.ocean.surface; SELECT count(*) AS n FROM sample.time_level");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("ocean.surface,sst,false"), r[1]);
    assertTrue(r[1].contains("ocean.surface,time_lat_lon,false"), r[1]);
    assertTrue(r[1].endsWith("n\n192\n"), r[1]);
  }

  @Test
  void demoWritesTheSampleAndRunsShowcaseQueries() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc = DemoCommand.run(new String[] {"--dir", dir.resolve("demo").toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, rc);
    assertTrue(Files.exists(dir.resolve("demo/climate-v3.zarr/zarr.json")));
    assertTrue(Files.exists(dir.resolve("demo/climate-v2.zarr/.zmetadata")));
    assertEquals(5, text.lines().filter(l -> l.matches("chunks=\\d+/16 planned.*time_ms=\\d+")
        || l.matches("chunks=\\d+/4 planned.*time_ms=\\d+")).count(), text);
    assertTrue(text.contains("chunks=4/16 planned"), "the point time series reads one column of chunks: " + text);
  }

  @Test
  void aFailingStatementPrintsOneLineAndExitsNonZero() {
    String[] r = run("SELECT * FROM zarr.`" + dir.resolve("missing.zarr") + "`");
    assertEquals("1", r[0]);
    assertEquals(1, r[2].lines().count(), r[2]);
    assertTrue(r[2].startsWith("zarr: error: "), r[2]);
    String[] bad = run("--format", "xml", "SELECT 1");
    assertEquals("2", bad[0]);
  }
}
