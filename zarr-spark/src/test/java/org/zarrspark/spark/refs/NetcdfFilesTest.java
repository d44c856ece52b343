package org.zarrspark.spark.refs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.zarrspark.spark.SparkTestBase;

/**
 * Several NetCDF-4 files read directly as one table (a glob or a directory), concatenated along
 * their record dimension: the rows are those of the files one after another, time predicates
 * plan only the chunks that meet them, and files that disagree fail naming the difference. The
 * files are zarr-core's test sets, written by netCDF4-python ({@code interop/make_netcdf_sets.py}).
 */
class NetcdfFilesTest extends SparkTestBase {
  static Path sets() {
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path s = p.resolve("zarr-core/src/test/resources/netcdf-sets");
      if (Files.isDirectory(s)) {
        return s;
      }
    }
    throw new IllegalStateException("zarr-core/src/test/resources/netcdf-sets not found");
  }

  private static List<String> rows(Dataset<Row> df) {
    return df.collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
  }

  @Test
  void aDirectoryIsItsFilesOneAfterAnother() {
    Path dir = sets().resolve("ok_record");
    Dataset<Row> all = spark.read().format("zarr").load(dir.toString());
    assertEquals(List.of("record", "lat", "lon", "pr", "tas"), List.of(all.columns()));
    Dataset<Row> a = spark.read().format("zarr").load(dir.resolve("a.nc").toString());
    Dataset<Row> b = spark.read().format("zarr").load(dir.resolve("b.nc").toString());
    List<String> want = rows(a.union(b));
    assertEquals(7 * 3 * 4, want.size());
    assertEquals(want, rows(all));
    // pr holds its fill value in each file's first cell: NULL at records 0 and 4 (hours since 2020-01-01).
    assertEquals(List.of("[1577836800]", "[1577851200]"), rows(all.where("pr IS NULL").selectExpr("CAST(record AS LONG)")));
  }

  @Test
  void aTimePredicatePlansOnlyTheChunksThatMeetIt() {
    String glob = sets().resolve("ok_static").resolve("f*.nc").toString();
    String from = "zarr.`" + glob + "`";
    assertEquals("2/2", planned("SELECT tas FROM " + from));
    assertEquals("1/2", planned("SELECT tas FROM " + from + " WHERE time >= TIMESTAMP '2020-01-01 12:00:00'"));
    List<Row> r = spark.sql("SELECT time, count(*), round(avg(tas), 4) FROM " + from
        + " WHERE time >= TIMESTAMP '2020-01-01 12:00:00' GROUP BY time ORDER BY time").collectAsList();
    assertEquals(2, r.size());
    assertEquals("2020-01-01T12:00:00Z", r.get(0).getTimestamp(0).toInstant().toString());
    assertEquals(12L, r.get(0).getLong(1));
    // tas = 280 + hours/10 + lat index + lon index/4: the mean over 3 x 4 points adds 1 + 0.375.
    assertEquals(280 + 1.2 + 1.375, r.get(0).getDouble(2), 1e-4);
    assertEquals(280 + 1.8 + 1.375, r.get(1).getDouble(2), 1e-4);
  }

  private static String planned(String sql) {
    String plan = spark.sql("EXPLAIN " + sql).collectAsList().get(0).getString(0);
    Matcher m = Pattern.compile("chunks=(\\d+/\\d+)").matcher(plan);
    assertTrue(m.find(), plan);
    return m.group(1);
  }

  /** Files counting hours from their own day: the table's times are the real instants. */
  @Test
  void timesCountedFromDifferentDatesAreTheRealInstants() {
    Dataset<Row> df = spark.read().format("zarr").load(sets().resolve("units_differ").toString());
    assertEquals(List.of("[1577836800]", "[1577858400]", "[1577923200]", "[1577944800]"),
        rows(df.selectExpr("CAST(time AS LONG)").distinct()));
    assertEquals(4 * 3 * 4, df.count());
  }

  @Test
  void filesThatDisagreeFailNamingBoth() {
    Path dir = sets().resolve("lat_differs");
    Exception e = assertThrows(Exception.class, () -> spark.sql("SELECT * FROM zarr.`" + dir + "`").collectAsList());
    String m = String.valueOf(e.getMessage());
    assertTrue(m.contains("lat differs between") && m.contains("a.nc") && m.contains("b.nc"), m);
  }
}
