package org.zarrspark.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One real local Spark session (2 cores, UTC, no AQE so plans are final) shared by a test class. */
public abstract class SparkTestBase {
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder()
        .master("local[2]")
        .appName("zarr-spark-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.catalog.zarr", ZarrCatalog.class.getName())
        .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
  }

  @AfterAll
  static void stopSpark() {
    // The session is shared by every test class of the JVM; Spark stops it at exit.
  }

  /** The zarr scan nodes of an executed query. */
  protected static List<BatchScanExec> scans(Dataset<Row> df) {
    List<BatchScanExec> out = new ArrayList<>();
    collect(df.queryExecution().executedPlan(), out);
    return out;
  }

  private static void collect(SparkPlan p, List<BatchScanExec> out) {
    if (p instanceof BatchScanExec) {
      out.add((BatchScanExec) p);
    }
    scala.collection.Iterator<SparkPlan> it = p.children().iterator();
    while (it.hasNext()) {
      collect(it.next(), out);
    }
  }

  /** Sum of a scan metric over the zarr scans of a query that has run. */
  protected static long metric(Dataset<Row> df, String name) {
    long n = 0;
    for (BatchScanExec s : scans(df)) {
      scala.Option<SQLMetric> m = s.metrics().get(name);
      if (m.isDefined()) {
        n += m.get().value();
      }
    }
    return n;
  }

  /** Whether the physical plan still filters rows after the scan. */
  protected static boolean hasPostScanFilter(Dataset<Row> df) {
    return df.queryExecution().executedPlan().toString().contains("Filter ");
  }
}
