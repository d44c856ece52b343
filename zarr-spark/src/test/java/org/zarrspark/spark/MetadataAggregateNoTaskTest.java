package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.LocalTableScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.cli.SampleStore;
import org.zarrspark.core.store.LocalStore;

/**
 * Aggregates answered from metadata are computed on the driver: a local scan (Spark's
 * LocalTableScan), no batch scan, no scan task, no broadcast of a scan spec.
 */
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

  /** Tasks started while running {@code work}. */
  private static int tasksDuring(Runnable work) throws Exception {
    spark.sparkContext().listenerBus().waitUntilEmpty(TimeUnit.SECONDS.toMillis(30));
    int before = TASKS.get();
    work.run();
    spark.sparkContext().listenerBus().waitUntilEmpty(TimeUnit.SECONDS.toMillis(30));
    return TASKS.get() - before;
  }

  /** The plan's local scan; fails when the plan has a batch scan or no local scan. */
  private static LocalTableScanExec localScan(Dataset<Row> df) {
    SparkPlan plan = df.queryExecution().executedPlan();
    assertTrue(scans(df).isEmpty(), "no batch scan: " + plan);
    List<LocalTableScanExec> local = new ArrayList<>();
    plan.foreach(p -> {
      if (p instanceof LocalTableScanExec l) {
        local.add(l);
      }
      return null;
    });
    assertEquals(1, local.size(), plan.toString());
    return local.get(0);
  }

  @Test
  void countMinMaxOfDimensionsAreComputedOnTheDriver() throws Exception {
    Dataset<Row> df = spark.sql("SELECT count(*), min(lat), max(time) FROM zarr.`" + v3 + "` WHERE lat < 0");
    Row r = df.collectAsList().get(0);
    assertEquals(48L * 18 * 72, r.getLong(0));
    assertEquals(-87.5f, r.getFloat(1));
    assertEquals(Timestamp.valueOf("2024-01-12 18:00:00"), r.getTimestamp(2));
    // The scan's rows exist on the driver: producing them starts no task. (Spark still runs the
    // query's projection over them as one task of its own, as for any local relation.)
    LocalTableScanExec local = localScan(df);
    InternalRow[][] rows = new InternalRow[1][];
    assertEquals(0, tasksDuring(() -> rows[0] = local.executeCollect()));
    assertEquals(1, rows[0].length);
    assertEquals(48L * 18 * 72, rows[0][0].getLong(0));
    // The query's column names are Spark's, whatever the scan calls its columns.
    assertArrayEquals(new String[] {"count(1)", "min(lat)", "max(time)"}, df.columns());
  }

  @Test
  void emptySelectionIsAnsweredOnTheDriver() throws Exception {
    Dataset<Row> df = spark.sql("SELECT count(*), min(lat) FROM zarr.`" + v3 + "` WHERE lat > 1000");
    Row r = df.collectAsList().get(0);
    assertEquals(0L, r.getLong(0));
    assertTrue(r.isNullAt(1));
    LocalTableScanExec local = localScan(df);
    assertEquals(0, tasksDuring(local::executeCollect));
  }

  @Test
  void anAggregateOfDataStillRunsTasks() throws Exception {
    Dataset<Row> df = spark.sql("SELECT max(t2m) FROM zarr.`" + v3 + "` WHERE lat < 0");
    Row[] r = new Row[1];
    assertTrue(tasksDuring(() -> r[0] = df.collectAsList().get(0)) > 0, "the listener sees scan tasks");
    assertTrue(r[0].getFloat(0) > 250);
    assertTrue(!scans(df).isEmpty());
  }
}
