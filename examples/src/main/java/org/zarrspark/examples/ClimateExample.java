package org.zarrspark.examples;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.to_date;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.zarrspark.cli.SampleStore;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.spark.ZarrCatalog;

/**
 * zarr-spark on the sample climate store that {@code bin/zarr demo} writes: the DataFrame API,
 * SQL on {@code zarr.`path`}, and another dimension set of the same group.
 *
 * <p>Run from the repository root: {@code examples/run-java.sh [STORE]}; STORE is a local path
 * or a Hadoop URI, by default {@value #DEFAULT_STORE}, where the sample is written when that
 * local path does not exist.
 */
public final class ClimateExample {
  /** Where {@code bin/zarr demo} writes its Zarr v3 store, relative to the working directory. */
  public static final String DEFAULT_STORE = "demo-output/climate-v3.zarr";

  private ClimateExample() {}

  public static void main(String[] args) {
    String store = args.length > 0 ? args[0] : DEFAULT_STORE;
    // Only a local path can receive the sample; URIs (s3a://, hdfs://) are read as they are.
    if (!store.contains("://") && writeSampleIfMissing(Paths.get(store))) {
      System.out.println("Wrote the sample store " + store);
    }
    SparkSession spark = SparkSession.builder()
        .appName("zarr-climate-example")
        .master("local[*]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC") // times are stored as UTC; print them so
        .config("spark.driver.host", "127.0.0.1") // local only: no network interface needed
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.catalog.zarr", ZarrCatalog.class.getName()) // enables zarr.`path` in SQL
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      printAll(spark, store, System.out);
    } finally {
      spark.stop();
    }
  }

  /** Writes the sample store (Zarr v3, sharded) at {@code store} unless something is there. */
  public static boolean writeSampleIfMissing(Path store) {
    if (Files.exists(store)) {
      return false;
    }
    SampleStore.write(new LocalStore(store), 3);
    return true;
  }

  /**
   * Daily mean 2 m temperature (degrees C) over Europe with the DataFrame API. The lat/lon filter
   * is pushed down, so only the chunks over Europe are read; NaN gaps are NULL and left out of
   * the mean ({@code samples} counts the points that were averaged).
   */
  public static List<Row> europeDailyMean(SparkSession spark, String store) {
    Dataset<Row> climate = spark.read().format("zarr").load(store);
    return climate
        .where(col("lat").between(35, 70).and(col("lon").between(0, 40)))
        .groupBy(to_date(col("time")).as("day"))
        .agg(avg("t2m").minus(273.15).as("t2m_c"), count("t2m").as("samples"))
        .orderBy("day")
        .collectAsList();
  }

  /**
   * The time series at one grid point with SQL: the table is the store's path in the zarr
   * catalog. {@code sp} is stored as packed int16 and comes back decoded (hPa).
   */
  public static List<Row> pointSeries(SparkSession spark, String store, double lat, double lon) {
    String sql = "SELECT time, t2m, u10, sp FROM zarr.`" + store + "`"
        + " WHERE lat = :lat AND lon = :lon ORDER BY time";
    return spark.sql(sql, Map.<String, Object>of("lat", lat, "lon", lon)).collectAsList();
  }

  /**
   * Mean CO2 per pressure level: co2 is over (time, level), not the (time, lat, lon) of the
   * default table, so it is read by choosing that dimension set.
   */
  public static List<Row> co2Profile(SparkSession spark, String store) {
    return spark.read().format("zarr").option("dimensions", "time,level").load(store)
        .groupBy("level")
        .agg(avg("co2").as("mean_co2"))
        .orderBy("level")
        .collectAsList();
  }

  /** Runs the three queries and prints their results. */
  public static void printAll(SparkSession spark, String store, PrintStream out) {
    out.println("== The table of " + store + " ==");
    out.print(spark.read().format("zarr").load(store).schema().treeString());

    out.println();
    out.println("== Daily mean 2 m temperature over Europe (35..70 N, 0..40 E) ==");
    out.println("day         t2m_c  samples");
    for (Row r : europeDailyMean(spark, store)) {
      out.printf("%s  %6.2f  %6d%n", r.get(0), r.getDouble(1), r.getLong(2));
    }

    out.println();
    out.println("== Time series at lat 52.5, lon 12.5 (first 8 steps) ==");
    out.println("time                  t2m (K)     u10 (m/s)   sp (hPa)");
    pointSeries(spark, store, 52.5, 12.5).stream().limit(8).forEach(r ->
        out.printf("%-20s  %-10s  %-10s  %s%n", r.getTimestamp(0).toInstant(), r.get(1), r.get(2),
            r.isNullAt(3) ? "NULL" : String.format("%.2f", r.getDouble(3))));

    out.println();
    out.println("== Mean CO2 per level (dimensions time,level) ==");
    out.println("level  mean_co2");
    for (Row r : co2Profile(spark, store)) {
      out.printf("%5d  %8.3f%n", r.getInt(0), r.getDouble(1));
    }
  }
}
