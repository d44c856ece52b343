package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zarrspark.spark.metrics.ScanMetrics;

/**
 * Small queries are one task, and a task's small result is kept for the second run Spark makes
 * of the scan under ORDER BY (its range exchange samples the input first): each chunk is read
 * once, the rows are those of the whole table, and nothing kept is served to another query.
 */
class SmallQueryTest extends SampleStoresTest {
  private static void view(Path store) {
    spark.read().format("zarr").load(store.toString()).createOrReplaceTempView("T");
  }

  /** The 8th latitude and 20th longitude of the store, as exact float literals. */
  private static String[] point() {
    float lat = spark.sql("SELECT DISTINCT lat FROM T ORDER BY lat").collectAsList().get(7).getFloat(0);
    float lon = spark.sql("SELECT DISTINCT lon FROM T ORDER BY lon").collectAsList().get(19).getFloat(0);
    return new String[] {"CAST('" + lat + "' AS FLOAT)", "CAST('" + lon + "' AS FLOAT)", Float.toString(lat),
        Float.toString(lon)};
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void sortedPointSeriesIsOneTaskReadingEachChunkOnce(int format) {
    view(dir.resolve("v" + format + ".zarr"));
    String[] p = point();
    String where = " FROM T WHERE lat = " + p[0] + " AND lon = " + p[1];
    Dataset<Row> sorted = spark.sql("SELECT time, t2m, u10" + where + " ORDER BY time DESC");
    List<Row> got = sorted.collectAsList();
    Dataset<Row> plain = spark.sql("SELECT time, t2m, u10" + where);
    plain.collectAsList();
    assertEquals(1, scans(sorted).get(0).inputPartitions().size());
    String plan = sorted.queryExecution().executedPlan().toString();
    assertTrue(plan.contains("rangepartitioning"), "Spark sorts through a range exchange: " + plan);
    long once = metric(plain, ScanMetrics.CHUNKS_READ);
    assertTrue(once >= 4, "4 time chunks of two variables and the coordinates: " + once);
    assertEquals(once, metric(sorted, ScanMetrics.CHUNKS_READ), "chunks read again for the sampling run");

    // The rows: those of the whole table (read as batches, nothing kept) at that point, latest first.
    List<Row> want = new ArrayList<>();
    for (Row r : spark.sql("SELECT time, lat, lon, t2m, u10 FROM T").collectAsList()) {
      if (Float.toString(r.getFloat(1)).equals(p[2]) && Float.toString(r.getFloat(2)).equals(p[3])) {
        want.add(r);
      }
    }
    want.sort((a, b) -> b.getTimestamp(0).compareTo(a.getTimestamp(0)));
    assertEquals(48, want.size());
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i).getTimestamp(0), got.get(i).getTimestamp(0));
      assertEquals(want.get(i).get(3), got.get(i).get(1));
      assertEquals(want.get(i).get(4), got.get(i).get(2));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void sortedSmallGroupedAggregateReadsEachChunkOnce(int format) {
    view(dir.resolve("v" + format + ".zarr"));
    String q = "SELECT time, avg(t2m), max(u10) FROM T WHERE lat > 60 AND lon < 40 GROUP BY time";
    Dataset<Row> plain = spark.sql(q);
    List<Row> unsorted = plain.collectAsList();
    Dataset<Row> sorted = spark.sql(q + " ORDER BY time");
    List<Row> got = sorted.collectAsList();
    assertEquals(metric(plain, ScanMetrics.CHUNKS_READ), metric(sorted, ScanMetrics.CHUNKS_READ));
    unsorted.sort((a, b) -> a.getTimestamp(0).compareTo(b.getTimestamp(0)));
    assertEquals(48, got.size());
    assertEquals(unsorted, got);
  }

  /** A kept result belongs to one executed query: after an overwrite the same query sees the new values. */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void keptResultsAreNeverServedToAnotherQuery(int format) {
    Path store = dir.resolve("rewritten-v" + format + ".zarr");
    write(format, store, 0);
    view(store);
    String q = "SELECT t, v FROM T WHERE x = 3 ORDER BY t";
    List<Row> before = spark.sql(q).collectAsList();
    assertEquals(5, before.size());
    assertEquals(3.0, before.get(2).getDouble(1));
    write(format, store, 100);
    view(store);
    List<Row> after = spark.sql(q).collectAsList();
    assertEquals(5, after.size());
    assertEquals(103.0, after.get(2).getDouble(1));
    assertNotEquals(before, after);
  }

  private static void write(int format, Path store, int offset) {
    spark.sql("SELECT CAST(id DIV 8 AS TIMESTAMP) AS t, id % 8 AS x, CAST(id % 8 + " + offset
        + " AS DOUBLE) AS v FROM range(40)").write().format("zarr").mode("overwrite")
        .option("dimensions", "t,x").option("zarrFormat", Integer.toString(format)).save(store.toString());
  }
}
