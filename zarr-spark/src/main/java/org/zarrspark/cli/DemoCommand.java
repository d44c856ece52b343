package org.zarrspark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.zarrspark.core.cli.TreeCommand;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.LocalStore;

/**
 * {@code bin/zarr demo [--dir DIR]}: writes the sample climate store (v3 sharded and v2 Blosc)
 * with zarr-core, then runs showcase queries in local Spark and prints each result with the
 * chunks read out of the total and the time taken.
 */
public final class DemoCommand {
  private DemoCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    Path dir = Paths.get("demo-output");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--dir") && i + 1 < args.length) {
        dir = Paths.get(args[++i]);
      } else {
        err.println("usage: zarr demo [--dir DIR]");
        return 2;
      }
    }
    Path v3 = dir.resolve("climate-v3.zarr").toAbsolutePath();
    Path v2 = dir.resolve("climate-v2.zarr").toAbsolutePath();
    for (Path p : new Path[] {v3, v2}) {
      LocalStore s = new LocalStore(p);
      s.deletePrefix("");
      Files.createDirectories(p);
      SampleStore.write(s, p == v3 ? 3 : 2);
    }
    out.println("Wrote the sample store: " + v3 + " (Zarr v3, sharded, zstd)");
    out.println("                   and " + v2 + " (Zarr v2, Blosc lz4)");
    out.println();
    out.println("== The hierarchy (bin/zarr tree, abridged) ==");
    java.io.StringWriter tree = new java.io.StringWriter();
    TreeCommand.run(Hierarchy.open(new LocalStore(v3)), tree);
    for (String line : tree.toString().split("\n")) {
      if (!line.trim().startsWith(":")) {
        out.println(line);
      }
    }
    boolean owned = LocalSpark.willOwn();
    SparkSession spark = LocalSpark.start(new LinkedHashMap<>());
    try {
      String a = "zarr.`" + v3 + "`";
      String b = "zarr.`" + v2 + "`";
      query(spark, out, "Time series at a point (Berlin-ish: lat 52.5, lon 12.5), first 8 steps",
          "SELECT time, t2m, u10, sp FROM " + a + " WHERE lat = 52.5 AND lon = 12.5 ORDER BY time LIMIT 8");
      query(spark, out, "Regional mean over Europe per time step (v2 Blosc store)",
          "SELECT time, round(avg(t2m), 2) AS mean_t2m, round(avg(sp), 2) AS mean_sp FROM " + b
              + " WHERE lat BETWEEN 35 AND 70 AND lon BETWEEN 0 AND 40"
              + " AND time BETWEEN TIMESTAMP '2024-01-03' AND TIMESTAMP '2024-01-04' GROUP BY time ORDER BY time");
      query(spark, out, "Land-only mean temperature (the 2-D mask broadcast over time) in the tropics",
          "SELECT round(avg(t2m), 3) AS land_t2m, count(*) AS points FROM " + a
              + " WHERE lsm = 1 AND lat BETWEEN -20 AND 20");
      query(spark, out, "A nested group: warmest sea surface, northern hemisphere",
          "SELECT time, lat, lon, sst FROM zarr.`" + v3 + "/ocean/surface` WHERE lat > 0 ORDER BY sst DESC LIMIT 3");
      out.println();
      out.println("spark.read.format(\"zarr\").option(\"dimensions\", \"time,level\").load(\"" + v2
          + "\").createOrReplaceTempView(\"profile\")");
      spark.read().format("zarr").option("dimensions", "time,level").load(v2.toString())
          .createOrReplaceTempView("profile");
      query(spark, out, "Another dimension set of the same group: the (time, level) CO2 profile",
          "SELECT level, round(avg(co2), 2) AS mean_co2 FROM profile GROUP BY level ORDER BY level");
      return 0;
    } finally {
      LocalSpark.stop(spark, owned);
    }
  }

  private static void query(SparkSession spark, PrintStream out, String title, String sql) {
    out.println();
    out.println("== " + title + " ==");
    out.println(sql);
    long t0 = System.nanoTime();
    Dataset<Row> df = spark.sql(sql);
    List<Row> rows = df.collectAsList();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    ResultPrinter.table(df.schema(), rows, out);
    out.println(QueryStats.of(df) + ", time_ms=" + ms);
  }
}
