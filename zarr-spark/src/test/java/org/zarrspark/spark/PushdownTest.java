package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zarrspark.cli.SampleStore;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.spark.metrics.ScanMetrics;

/**
 * Pushdown proven by counting: the sample store (48 x 36 x 72, chunks 12 x 18 x 36, so a read
 * grid of 4 x 2 x 2 = 16 chunks; v2 Blosc and v3 sharded with the same inner chunks) is queried
 * with index, coordinate (ascending lon, descending lat, time) and combined predicates, and the
 * chunks read are counted through the scan metrics.
 */
class PushdownTest extends SparkTestBase {
  @TempDir
  static Path dir;
  static String v2;
  static String v3;

  @BeforeAll
  static void writeStores() {
    v2 = dir.resolve("v2.zarr").toString();
    v3 = dir.resolve("v3.zarr").toString();
    SampleStore.write(new LocalStore(dir.resolve("v2.zarr")), 2);
    SampleStore.write(new LocalStore(dir.resolve("v3.zarr")), 3);
  }

  private static String store(int format) {
    return format == 3 ? v3 : v2;
  }

  private static Dataset<Row> sql(int format, String select, String where) {
    String view = "s" + format;
    spark.read().format("zarr").option("indexColumns", "true").load(store(format)).createOrReplaceTempView(view);
    return spark.sql(select + " FROM " + view + (where.isEmpty() ? "" : " WHERE " + where));
  }

  /** Runs a query of t2m and returns [rows, chunks read]. */
  private static long[] run(int format, String where) {
    Dataset<Row> df = sql(format, "SELECT t2m", where);
    long rows = df.collectAsList().size();
    return new long[] {rows, metric(df, ScanMetrics.CHUNKS_READ)};
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {2, 3})
  void indexPredicatesSelectChunks(int format) {
    long[] r = run(format, "time_index < 12");
    assertEquals(12L * 36 * 72, r[0]);
    assertEquals(4, r[1], "one time chunk x 2 x 2");
    r = run(format, "time_index = 13 AND lat_index BETWEEN 20 AND 21 AND lon_index >= 70");
    assertEquals(2L * 2, r[0]);
    assertEquals(1, r[1]);
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {2, 3})
  void coordinatePredicatesAscendingDescendingAndTime(int format) {
    long[] r = run(format, "lon < 180");  // lon = 2.5 + 5i ascending: i < 36, the first lon chunk
    assertEquals(48L * 36 * 36, r[0]);
    assertEquals(8, r[1]);
    r = run(format, "lat > 0");           // lat = 87.5 - 5i descending: i < 18, the first lat chunk
    assertEquals(48L * 18 * 72, r[0]);
    assertEquals(8, r[1]);
    r = run(format, "lat <= -60 AND lat > -80");  // i in 30..33: second lat chunk
    assertEquals(48L * 4 * 72, r[0]);
    assertEquals(8, r[1]);
    // time = 6 h steps from 2024-01-01: [72 h, 144 h) is steps 12..23, the second time chunk
    r = run(format, "time >= TIMESTAMP '2024-01-04 00:00:00' AND time < TIMESTAMP '2024-01-07 00:00:00'");
    assertEquals(12L * 36 * 72, r[0]);
    assertEquals(4, r[1]);
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {2, 3})
  void andOrInCombinations(int format) {
    long[] r = run(format, "(lat > 0 AND lon < 180) OR time_index IN (47)");
    assertEquals(48L * 18 * 36 + 36L * 72 - 18L * 36, r[0]);
    assertEquals(4 + 4 - 1, r[1], "two boxes sharing one chunk");
    r = run(format, "lon IN (2.5, 357.5) AND NOT (lat < 0)");
    assertEquals(48L * 18 * 2, r[0]);
    assertEquals(4 * 1 * 2, r[1]);
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {2, 3})
  void exactPredicatesAreNotEvaluatedAgainInexactOnesAre(int format) {
    Dataset<Row> exact = sql(format, "SELECT t2m", "lat > 0 AND time_index < 24");
    exact.collectAsList();
    assertFalse(hasPostScanFilter(exact), exact.queryExecution().executedPlan().toString());

    Dataset<Row> data = sql(format, "SELECT t2m", "t2m > 280");
    List<Row> rows = data.collectAsList();
    assertTrue(hasPostScanFilter(data), "a predicate on a data variable is Spark's to evaluate");
    assertTrue(rows.stream().allMatch(x -> x.getFloat(0) > 280));

    // Half of the OR can be pushed only as a superset: chunks are pruned but rows re-checked.
    Dataset<Row> mixed = sql(format, "SELECT t2m, lat", "(lat > 0 AND t2m > 280) OR lat < -80");
    List<Row> m = mixed.collectAsList();
    assertTrue(hasPostScanFilter(mixed));
    assertTrue(metric(mixed, ScanMetrics.CHUNKS_READ) <= 16 + 4 /* t2m + lat */);
    assertTrue(m.stream().allMatch(x -> x.getFloat(1) < -80 || (x.getFloat(1) > 0 && x.getFloat(0) > 280)));
    long expected = sql(format, "SELECT count(*)", "lat < -80").collectAsList().get(0).getLong(0)
        + sql(format, "SELECT count(*)", "lat > 0 AND t2m > 280").collectAsList().get(0).getLong(0);
    assertEquals(expected, m.size());
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {2, 3})
  void explainShowsPlannedChunks(int format) {
    Dataset<Row> df = spark.sql("EXPLAIN SELECT t2m FROM zarr.`" + store(format) + "` WHERE lat > 0 AND lon < 180");
    String plan = df.collectAsList().get(0).getString(0);
    assertTrue(plan.contains("chunks=4/16"), plan);
    assertTrue(plan.contains("pushed="), plan);
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {2, 3})
  void countReadsNoChunkAndLimitPlansLittle(int format) {
    Dataset<Row> count = sql(format, "SELECT count(*)", "");
    assertEquals(48L * 36 * 72, count.collectAsList().get(0).getLong(0));
    assertEquals(0, metric(count, ScanMetrics.CHUNKS_READ));
    Dataset<Row> coords = sql(format, "SELECT DISTINCT lat", "");
    assertEquals(36, coords.collectAsList().size());
    assertEquals(1, metric(coords, ScanMetrics.CHUNKS_READ), "only the lat coordinate is read, once");
    Dataset<Row> limited = sql(format, "SELECT t2m", "lat > 0 LIMIT 10");
    assertEquals(10, limited.collectAsList().size());
    assertEquals(1, metric(limited, ScanMetrics.CHUNKS_READ));
  }
}
