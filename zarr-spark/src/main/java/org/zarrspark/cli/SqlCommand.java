package org.zarrspark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.zarrspark.spark.ZarrCatalog;

/**
 * {@code bin/zarr sql}: runs ';'-separated statements in a local Spark session (UTC) with the
 * zarr source and catalog ready, printing each result as a table or as CSV.
 */
public final class SqlCommand {
  private SqlCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> conf = new LinkedHashMap<>();
    String format = "table";
    boolean timing = false;
    String file = null;
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--conf":
        case "--mount": {
          if (i + 1 >= args.length || !args[i + 1].contains("=")) {
            return usage(err, a + " needs KEY=VALUE");
          }
          String kv = args[++i];
          int eq = kv.indexOf('=');
          if (a.equals("--conf")) {
            conf.put(kv.substring(0, eq), kv.substring(eq + 1));
          } else {
            String cat = kv.substring(0, eq);
            conf.put("spark.sql.catalog." + cat, ZarrCatalog.class.getName());
            conf.put("spark.sql.catalog." + cat + ".root", kv.substring(eq + 1));
          }
          break;
        }
        case "--format":
          if (i + 1 >= args.length || !(args[i + 1].equals("table") || args[i + 1].equals("csv"))) {
            return usage(err, "--format takes table or csv");
          }
          format = args[++i];
          break;
        case "--timing":
          timing = true;
          break;
        case "-f":
          if (i + 1 >= args.length) {
            return usage(err, "-f needs a file");
          }
          file = args[++i];
          break;
        default:
          if (a.startsWith("--")) {
            return usage(err, "unknown option " + a);
          }
          texts.add(a);
      }
    }
    String sql;
    try {
      sql = file != null ? new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8) : String.join(" ", texts);
    } catch (IOException e) {
      err.println("zarr: error: cannot read " + file + ": " + e.getMessage());
      return 1;
    }
    List<String> statements = Statements.split(sql);
    if (statements.isEmpty()) {
      return usage(err, "no statement given");
    }
    boolean owned = LocalSpark.willOwn();
    SparkSession spark = LocalSpark.start(conf);
    try {
      boolean first = true;
      for (String stmt : statements) {
        long t0 = System.nanoTime();
        List<Row> rows;
        Dataset<Row> df;
        try {
          df = spark.sql(stmt);
          rows = df.collectAsList();
        } catch (Exception e) {
          err.println("zarr: error: " + Errors.oneLine(e));
          if ("1".equals(System.getenv("ZARR_DEBUG"))) {
            e.printStackTrace(err);
          }
          return 1;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // DDL and commands without a result print nothing.
        if (df.schema().fields().length > 0) {
          if (!first) {
            out.println();
          }
          first = false;
          if (format.equals("csv")) {
            ResultPrinter.csv(df.schema(), rows, out);
          } else {
            ResultPrinter.table(df.schema(), rows, out);
          }
          out.flush();
        }
        if (timing) {
          err.println("time_ms=" + ms);
        }
      }
      return 0;
    } finally {
      LocalSpark.stop(spark, owned);
    }
  }

  private static int usage(PrintStream err, String why) {
    err.println("zarr: " + why);
    err.println("usage: zarr sql [--conf KEY=VALUE]... [--mount NAME=URI]... [--format table|csv] [--timing]"
        + " (-f FILE | STATEMENTS)");
    return 2;
  }
}
