package org.zarrspark.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.cli.SampleStore;
import org.zarrspark.cli.SqlCommand;
import org.zarrspark.core.store.LocalStore;

/**
 * Runs examples/sql/climate.sql as {@code bin/zarr sql --format csv -f} does, on a sample store
 * in a temporary directory (the script's store path replaced), and checks every result.
 */
class ClimateSqlTest extends LocalSparkTest {
  @TempDir
  static Path dir;
  static SampleArrays sample;
  /** The results of the script: one list of CSV lines (header first) per result. */
  static List<List<String>> results;

  @BeforeAll
  static void runScript() throws Exception {
    Path store = dir.resolve("climate-v3.zarr");
    SampleStore.write(new LocalStore(store), 3);
    sample = new SampleArrays(store);
    // Surefire runs in the module directory.
    String script = Files.readString(Paths.get("sql", "climate.sql"));
    assertTrue(script.contains("zarr.`" + ClimateExample.DEFAULT_STORE + "`"), "the script queries the demo store");
    Path copy = dir.resolve("climate.sql");
    Files.writeString(copy, script.replace(ClimateExample.DEFAULT_STORE, store.toString()));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = SqlCommand.run(new String[] {"--format", "csv", "-f", copy.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
    // Results are separated by one blank line.
    results = new ArrayList<>();
    for (String block : out.toString(StandardCharsets.UTF_8).split("\n\n")) {
      results.add(block.lines().toList());
    }
    assertEquals(5, results.size(), out.toString(StandardCharsets.UTF_8));
  }

  private static String[] row(List<String> result, int i) {
    return result.get(i + 1).split(",", -1);
  }

  @Test
  void sizeAndTimeRange() {
    List<String> r = results.get(0);
    assertEquals("points,first_time,last_time", r.get(0));
    assertEquals(List.of((long) sample.nt * sample.nlat * sample.nlon + "," + sample.time[0] + "," + sample.time[sample.nt - 1]),
        r.subList(1, r.size()));
  }

  @Test
  void europeDailyMean() {
    List<String> r = results.get(1);
    assertEquals("day,t2m_c,samples", r.get(0));
    LocalDate[] days = sample.days();
    assertEquals(days.length, r.size() - 1);
    for (int i = 0; i < days.length; i++) {
      String[] f = row(r, i);
      double[] expected = sample.europeDay(days[i]);
      assertEquals(days[i].toString(), f[0]);
      assertEquals(expected[0] - 273.15, Double.parseDouble(f[1]), 0.005 + 1e-9, "rounded to 2 decimals on " + f[0]);
      assertEquals((long) expected[1], Long.parseLong(f[2]));
    }
  }

  @Test
  void landMeanInTheTropics() {
    double sum = 0;
    long values = 0;
    long points = 0;
    for (int t = 0; t < sample.nt; t++) {
      for (int y = 0; y < sample.nlat; y++) {
        for (int x = 0; x < sample.nlon; x++) {
          if (sample.lsm[y * sample.nlon + x] == 1 && Math.abs(sample.lat[y]) <= 20) {
            points++;
            float v = sample.t2m[sample.at(t, y, x)];
            if (!Float.isNaN(v)) {
              sum += v;
              values++;
            }
          }
        }
      }
    }
    List<String> r = results.get(2);
    assertEquals("land_t2m,points", r.get(0));
    String[] f = row(r, 0);
    assertTrue(points > 0);
    assertEquals(sum / values, Double.parseDouble(f[0]), 0.0005 + 1e-9);
    assertEquals(points, Long.parseLong(f[1]));
  }

  @Test
  void warmestSeaSurfaceInTheNorth() {
    // The three largest non-NaN sst values north of the equator.
    List<Float> north = new ArrayList<>();
    for (int t = 0; t < sample.nt; t++) {
      for (int y = 0; y < sample.nlat; y++) {
        for (int x = 0; x < sample.nlon; x++) {
          float v = sample.sst[sample.at(t, y, x)];
          if (sample.lat[y] > 0 && !Float.isNaN(v)) {
            north.add(v);
          }
        }
      }
    }
    north.sort(null);
    List<String> r = results.get(3);
    assertEquals("time,lat,lon,sst", r.get(0));
    assertEquals(3, r.size() - 1);
    for (int i = 0; i < 3; i++) {
      String[] f = row(r, i);
      float sst = Float.parseFloat(f[3]);
      assertEquals(north.get(north.size() - 1 - i), sst, "rank " + i);
      // Each row's coordinates point at that value (ties may come in any order).
      int t = Arrays.asList(sample.time).indexOf(Instant.parse(f[0]));
      int y = SampleArrays.indexOf(sample.lat, Double.parseDouble(f[1]));
      int x = SampleArrays.indexOf(sample.lon, Double.parseDouble(f[2]));
      assertEquals(sst, sample.sst[sample.at(t, y, x)], String.join(",", f));
    }
  }

  @Test
  void co2Profile() {
    List<String> r = results.get(4);
    assertEquals("level,mean_co2", r.get(0));
    assertEquals(sample.level.length, r.size() - 1);
    int[] ascending = Arrays.stream(sample.level).sorted().toArray();
    for (int i = 0; i < ascending.length; i++) {
      String[] f = row(r, i);
      int level = ascending[i];
      int l = Arrays.stream(sample.level).boxed().toList().indexOf(level);
      assertEquals(Integer.toString(level), f[0]);
      assertEquals(sample.co2Mean(l), Double.parseDouble(f[1]), 0.005 + 1e-9, "level " + level);
    }
  }
}
