package org.zarrspark.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ClimateExample's queries against values computed from the arrays with zarr-core. */
class ClimateExampleTest extends LocalSparkTest {
  @TempDir
  static Path dir;
  static String store;
  static SampleArrays sample;

  @BeforeAll
  static void writeStore() {
    Path p = dir.resolve("climate-v3.zarr");
    assertTrue(ClimateExample.writeSampleIfMissing(p), "writes the sample where nothing is");
    assertFalse(ClimateExample.writeSampleIfMissing(p), "leaves an existing store alone");
    store = p.toString();
    sample = new SampleArrays(p);
  }

  @Test
  void europeDailyMean() {
    List<Row> rows = ClimateExample.europeDailyMean(spark, store);
    LocalDate[] days = sample.days();
    assertEquals(days.length, rows.size());
    for (int i = 0; i < days.length; i++) {
      Row r = rows.get(i);
      double[] expected = sample.europeDay(days[i]);
      assertEquals(days[i], r.getDate(0).toLocalDate());
      assertEquals(expected[0] - 273.15, r.getDouble(1), 1e-9, "mean on " + days[i]);
      assertEquals((long) expected[1], r.getLong(2), "non-NaN points on " + days[i]);
    }
    long cells = 0;
    for (int y = 0; y < sample.nlat; y++) {
      for (int x = 0; x < sample.nlon; x++) {
        cells += sample.inEurope(y, x) ? 1 : 0;
      }
    }
    long averaged = rows.stream().mapToLong(r -> r.getLong(2)).sum();
    assertTrue(averaged > 0 && averaged < cells * sample.nt, "NaN gaps are left out of the mean");
  }

  @Test
  void pointSeries() {
    int y = SampleArrays.indexOf(sample.lat, 52.5);
    int x = SampleArrays.indexOf(sample.lon, 12.5);
    assertTrue(y >= 0 && x >= 0);
    List<Row> rows = ClimateExample.pointSeries(spark, store, 52.5, 12.5);
    assertEquals(sample.nt, rows.size());
    for (int t = 0; t < sample.nt; t++) {
      Row r = rows.get(t);
      int i = sample.at(t, y, x);
      assertEquals(sample.time[t], r.getTimestamp(0).toInstant());
      assertEquals(nullIfNaN(sample.t2m[i]), r.get(1), "t2m at step " + t);
      assertEquals(nullIfNaN(sample.u10[i]), r.get(2), "u10 at step " + t);
      Double sp = sample.spDecoded(i);
      if (sp == null) {
        assertNull(r.get(3));
      } else {
        assertEquals(sp, r.getDouble(3), 1e-9, "sp at step " + t);
      }
    }
  }

  @Test
  void co2Profile() {
    List<Row> rows = ClimateExample.co2Profile(spark, store);
    assertEquals(sample.level.length, rows.size());
    for (Row r : rows) {
      // Ordered by level value; find its index in the stored (descending) level coordinate.
      int l = java.util.stream.IntStream.range(0, sample.level.length)
          .filter(k -> sample.level[k] == r.getInt(0)).findFirst().orElseThrow();
      assertEquals(sample.co2Mean(l), r.getDouble(1), 1e-9, "level " + r.getInt(0));
    }
  }

  @Test
  void printsEachResult() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ClimateExample.printAll(spark, store, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("|-- t2m: float"), out);
    assertTrue(out.contains(sample.days()[0].toString()), out);
    assertTrue(out.contains(sample.time[7].toString()), out);
    assertNotNull(out.lines().filter(l -> l.startsWith(" 1000 ")).findFirst().orElse(null), out);
  }

  private static Float nullIfNaN(float v) {
    return Float.isNaN(v) ? null : v;
  }
}
