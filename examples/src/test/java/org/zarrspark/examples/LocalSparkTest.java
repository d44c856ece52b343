package org.zarrspark.examples;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.zarrspark.spark.ZarrCatalog;

/** One small local Spark session (2 cores, UTC, loopback only) shared by the test classes. */
abstract class LocalSparkTest {
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    // getOrCreate: the session is shared by every test class of the JVM; Spark stops it at exit.
    spark = SparkSession.builder()
        .master("local[2]")
        .appName("zarr-examples-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.catalog.zarr", ZarrCatalog.class.getName())
        .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
  }
}
