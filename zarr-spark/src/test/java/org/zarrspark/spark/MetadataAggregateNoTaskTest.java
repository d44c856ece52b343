package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LocalTableScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.cli.SampleStore;
import org.zarrspark.core.store.LocalStore;

/** Aggregates answered from metadata are computed on the driver: a local scan, no task. */
class MetadataAggregateNoTaskTest extends SparkTestBase {
  @TempDir
  static Path dir;
  static String v3;
  static final AtomicInteger TASKS = new AtomicInteger();
  static final SparkListener COUNTER = new SparkListener() {
    @Override
    public void onTaskStart(SparkListenerTaskStart taskStart) {
      TASKS.incrementAndGet();
    }
  };

  @BeforeAll
  static void writeStore() {
    v3 = dir.resolve("v3.zarr").toString();
    SampleStore.write(new LocalStore(dir.resolve("v3.zarr")), 3);
    spark.sparkContext().addSparkListener(COUNTER);
  }

  @AfterAll
  static void removeListener() {
    spark.sparkContext().removeSparkListener(COUNTER);
  }

  /** Tasks started while collecting the query. */
  private static int tasksOf(Dataset<Row> df, Row[] out) throws Exception {
    spark.sparkContext().listenerBus().waitUntilEmpty(TimeUnit.SECONDS.toMillis(30));
    int before = TASKS.get();
    out[0] = df.collectAsList().get(0);
    spark.sparkContext().listenerBus().waitUntilEmpty(TimeUnit.SECONDS.toMillis(30));
    return TASKS.get() - before;
  }

  @Test
  void countMinMaxOfDimensionsRunNoTask() throws Exception {
    Dataset<Row> df = spark.sql("SELECT count(*), min(lat), max(time) FROM zarr.`" + v3 + "` WHERE lat < 0");
    Row[] r = new Row[1];
    assertEquals(0, tasksOf(df, r));
    assertEquals(48L * 18 * 72, r[0].getLong(0));
    assertEquals(-87.5f, r[0].getFloat(1));
    assertEquals(Timestamp.valueOf("2024-01-12 18:00:00"), r[0].getTimestamp(2));
    SparkPlan plan = df.queryExecution().executedPlan();
    assertTrue(scans(df).isEmpty(), plan.toString());
    assertTrue(!plan.collectFirst(new scala.PartialFunction<SparkPlan, SparkPlan>() {
      @Override
      public boolean isDefinedAt(SparkPlan p) {
        return p instanceof LocalTableScanExec;
      }

      @Override
      public SparkPlan apply(SparkPlan p) {
        return p;
      }
    }).isEmpty(), plan.toString());
    // The query's column names are Spark's, whatever the scan calls its columns.
    assertArrayEquals(new String[] {"count(1)", "min(lat)", "max(time)"}, df.columns());
  }

  @Test
  void emptySelectionStillAnswersWithoutTask() throws Exception {
    Row[] r = new Row[1];
    assertEquals(0, tasksOf(spark.sql("SELECT count(*), min(lat) FROM zarr.`" + v3 + "` WHERE lat > 1000"), r));
    assertEquals(0L, r[0].getLong(0));
    assertTrue(r[0].isNullAt(1));
  }

  @Test
  void anAggregateOfDataStillRunsTasks() throws Exception {
    Row[] r = new Row[1];
    assertTrue(tasksOf(spark.sql("SELECT max(t2m) FROM zarr.`" + v3 + "` WHERE lat < 0"), r) > 0,
        "the listener sees tasks");
    assertTrue(r[0].getFloat(0) > 250);
  }
}
