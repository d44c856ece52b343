package org.zarrspark.cli;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.zarrspark.spark.ZarrCatalog;

/** The local Spark session of the command line: all cores, UTC, quiet, zarr catalog ready. */
final class LocalSpark {
  private LocalSpark() {}

  /** Stops the session unless it was there before the command started (as in tests). */
  static void stop(SparkSession s, boolean owned) {
    if (owned) {
      s.stop();
    }
  }

  /** True when no session exists yet, so the command will own the one it starts. */
  static boolean willOwn() {
    return SparkSession.getDefaultSession().isEmpty();
  }

  static SparkSession start(Map<String, String> conf) {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "classpath:org/zarrspark/cli/log4j2-cli.properties");
    }
    SparkSession.Builder b = SparkSession.builder()
        .appName("zarr")
        .master("local[*]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.catalog.zarr", ZarrCatalog.class.getName());
    for (Map.Entry<String, String> e : conf.entrySet()) {
      b = b.config(e.getKey(), e.getValue());
    }
    SparkSession s = b.getOrCreate();
    s.sparkContext().setLogLevel("ERROR");
    return s;
  }
}
