package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zarrspark.spark.metrics.ScanMetrics;

/**
 * Aggregates the tasks compute (partial, merged by Spark) give what Spark computes from the rows
 * (the same reader with aggregatePushdown=false): grouped and global, with NULLs, NaN, pushed
 * predicates, empty selections; and they are not taken where they would not be exact.
 */
class AggregatePushdownTest extends SampleStoresTest {
  private static Dataset<Row> query(int format, boolean pushdown, boolean cf, String sql) {
    return query(format, pushdown, cf, sql, "128m");
  }

  /** With a partition target of {@code target} bytes (small: several tasks, partial aggregates). */
  private static Dataset<Row> query(int format, boolean pushdown, boolean cf, String sql, String target) {
    spark.read().format("zarr").option("indexColumns", "true").option("aggregatePushdown", Boolean.toString(pushdown))
        .option("cfDecode", Boolean.toString(cf)).option("targetPartitionBytes", target)
        .load(dir.resolve("v" + format + ".zarr").toString())
        .createOrReplaceTempView("T");
    return spark.sql(sql);
  }

  private static String scanText(Dataset<Row> df) {
    return scans(df).get(0).scan().description();
  }

  /** Pushed and not pushed give the same rows (sums to rounding); returns the pushed plan's scan text. */
  private static String assertSame(int format, boolean cf, String sql) {
    return assertSame(format, cf, sql, "128m");
  }

  private static String assertSame(int format, boolean cf, String sql, String target) {
    Dataset<Row> pushed = query(format, true, cf, sql, target);
    List<Row> got = pushed.collectAsList();
    List<Row> want = query(format, false, cf, sql, target).collectAsList();
    assertEquals(want.size(), got.size(), sql);
    for (int i = 0; i < want.size(); i++) {
      Row w = want.get(i);
      Row g = got.get(i);
      for (int f = 0; f < w.size(); f++) {
        Object a = w.get(f);
        Object b = g.get(f);
        if (a instanceof Double && b instanceof Double && !((Double) a).isNaN()) {
          assertEquals((Double) a, (Double) b, 1e-9 * Math.max(1, Math.abs((Double) a)), sql + " row " + i);
        } else {
          assertEquals(a, b, sql + " row " + i + " field " + f);
        }
      }
    }
    return scanText(pushed);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void groupedAndGlobalAggregatesEqualSparks(int format) {
    String[] queries = {
        "SELECT time, avg(t2m), max(u10), min(u10), count(t2m), count(*), sum(sp) FROM T GROUP BY time ORDER BY time",
        "SELECT lat, min(t2m), max(t2m), count(u10) FROM T WHERE lon > 100 GROUP BY lat ORDER BY lat",
        "SELECT min(t2m), max(u10), count(*), avg(sp) FROM T",
        "SELECT time, lat, max(t2m), avg(u10) FROM T WHERE lon BETWEEN 10 AND 40 GROUP BY time, lat ORDER BY time, lat",
        "SELECT lon_index, min(time), max(time), avg(t2m) FROM T GROUP BY lon_index ORDER BY lon_index",
    };
    for (String q : queries) {
      // This small store is one task, whose aggregates are complete (AVG included); with small
      // partitions the tasks return partials (AVG as SUM and COUNT) that Spark merges.
      String scan = assertSame(format, true, q);
      assertTrue(scan.contains("complete in one task"), q + ": " + scan);
      String partial = assertSame(format, true, q, "16k");
      assertTrue(partial.contains("partial per task"), q + ": " + partial);
      Dataset<Row> small = query(format, true, true, q, "16k");
      small.collectAsList();
      assertTrue(scans(small).get(0).inputPartitions().size() > 1, q);
    }
  }

  /**
   * A global aggregate over a small one-box selection is computed whole by one task: Spark merges
   * nothing, so the plan has no exchange (one stage). Two boxes (an OR) stay partial per task.
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void smallGlobalAggregatesAreOneTaskWithoutAShuffle(int format) {
    String q = "SELECT max(t2m), count(*), sum(u10), min(time) FROM T WHERE lat > 60 AND lon < 20";
    String scan = assertSame(format, true, q);
    assertTrue(scan.contains("complete in one task"), scan);
    Dataset<Row> df = query(format, true, true, q);
    df.collectAsList();
    String plan = df.queryExecution().executedPlan().toString();
    assertTrue(!plan.contains("Exchange"), plan);
    String two = assertSame(format, true, "SELECT max(t2m), count(u10) FROM T WHERE lat > 60 OR lat < -60");
    assertTrue(two.contains("partial per task"), two);
  }

  /**
   * A grouped aggregate over a small selection is one task too: every group whole, AVG computed
   * by the task, so Spark adds no aggregate and no hash exchange (only ORDER BY's range exchange).
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void smallGroupedAggregatesAreOneTaskWithoutAnAggregateExchange(int format) {
    String q = "SELECT time, avg(t2m), max(u10), count(*) FROM T WHERE lat > 60 GROUP BY time ORDER BY time";
    String scan = assertSame(format, true, q);
    assertTrue(scan.contains("complete in one task") && scan.contains("avg(t2m)"), scan);
    Dataset<Row> df = query(format, true, true, q);
    List<Row> rows = df.collectAsList();
    String plan = df.queryExecution().executedPlan().toString();
    assertTrue(!plan.contains("HashAggregate") && !plan.contains("hashpartitioning"), plan);
    // Checked against the rows themselves: the average of each time step's non-NULL values.
    List<Row> want = query(format, false, true,
        "SELECT time, sum(CAST(t2m AS DOUBLE)) / count(t2m), count(*) FROM T WHERE lat > 60 GROUP BY time ORDER BY time")
        .collectAsList();
    assertEquals(want.size(), rows.size());
    assertTrue(rows.size() > 1);
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i).get(0), rows.get(i).get(0));
      assertEquals(want.get(i).getDouble(1), rows.get(i).getDouble(1), 1e-9 * Math.abs(want.get(i).getDouble(1)));
      assertEquals(want.get(i).getLong(2), rows.get(i).getLong(3));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void emptySelectionsAnswerOneRowWithCountZero(int format) {
    String q = "SELECT count(*), max(t2m), sum(u10), count(u10) FROM T WHERE lat > 1000";
    assertSame(format, true, q);
    Row r = query(format, true, true, q).collectAsList().get(0);
    assertEquals(0L, r.getLong(0));
    assertTrue(r.isNullAt(1) && r.isNullAt(2));
    assertEquals(0L, r.getLong(3));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void nanIsTheLargestValueAsInSpark(int format) {
    // Raw values: t2m's NaNs stay NaN (no NULLs), so MAX is NaN and MIN is not.
    String q = "SELECT time, max(t2m), min(t2m), count(t2m) FROM T GROUP BY time ORDER BY time";
    assertSame(format, false, q);
    List<Row> rows = query(format, true, false, q).collectAsList();
    assertTrue(rows.stream().anyMatch(r -> Float.isNaN(r.getFloat(1))), "the sample has NaNs");
    assertTrue(rows.stream().noneMatch(r -> Float.isNaN(r.getFloat(2))));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void inexactOrUnsupportedAggregatesStaySparks(int format) {
    // A predicate on a variable is evaluated by Spark after the scan: nothing can be pushed.
    String filtered = assertSame(format, true,
        "SELECT time, max(t2m) FROM T WHERE t2m > 280 GROUP BY time ORDER BY time");
    assertTrue(!filtered.contains("partial"), filtered);
    // Integer sums keep Spark's overflow rules: raw int16 sp is summed by Spark.
    String intSum = assertSame(format, false, "SELECT sum(sp), max(sp) FROM T");
    assertTrue(!intSum.contains("partial"), intSum);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void tasksReturnOneRowPerGroupAndReadOnlyTheSelectedChunks(int format) {
    Dataset<Row> df = query(format, true, true,
        "SELECT time, max(t2m) FROM T WHERE lat > 60 AND lon < 20 GROUP BY time");
    long groups = df.collectAsList().size();
    long plain = query(format, false, true, "SELECT time, max(t2m) FROM T WHERE lat > 60 AND lon < 20 GROUP BY time")
        .collectAsList().size();
    assertEquals(plain, groups);
    Dataset<Row> all = query(format, true, true, "SELECT max(t2m) FROM T");
    all.collectAsList();
    assertTrue(metric(df, ScanMetrics.CHUNKS_READ) < metric(all, ScanMetrics.CHUNKS_READ));
  }
}
