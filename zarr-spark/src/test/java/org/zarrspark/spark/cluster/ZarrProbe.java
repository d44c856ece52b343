package org.zarrspark.spark.cluster;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.execution.metric.SQLMetric;

/**
 * The user's side of the cluster tests: a Spark application that knows zarr-spark only by its
 * format name and SQL catalog, run in a fresh JVM whose classpath is Spark's plus the shaded jar
 * (it must not reference any zarr-spark or zarr-core class). Spark settings come from system
 * properties or spark-submit.
 *
 * <p>Arguments: a jobs file and an output folder. Each job line is {@code name TAB kind TAB text
 * [TAB k=v;k=v]}; kinds: {@code sql} (a statement), {@code load} (a path read with format "zarr"
 * and the options), {@code partitions} (the same read, reporting per partition the JVM that read
 * it), {@code info}. A job writes {@code name.csv} (header, then rows), {@code name.metrics}
 * (scan metrics summed over the zarr scans, as seen by the driver) or, when it throws,
 * {@code name.error} (the chain of causes).
 */
public final class ZarrProbe {
  private ZarrProbe() {}

  public static void main(String[] args) throws Exception {
    Path jobs = Paths.get(args[0]);
    Path out = Files.createDirectories(Paths.get(args[1]));
    SparkSession spark = SparkSession.builder().appName("zarr-probe").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    int failures = 0;
    try {
      for (String line : Files.readAllLines(jobs, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        String name = f[0];
        try {
          run(spark, name, f[1], f.length > 2 ? f[2] : "", f.length > 3 ? f[3] : "", out);
        } catch (Exception e) {
          StringBuilder sb = new StringBuilder();
          for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
          }
          write(out.resolve(name + ".error"), sb.toString());
          failures++;
        }
      }
    } finally {
      spark.stop();
    }
    write(out.resolve("done"), "jobs with errors: " + failures + "\n");
    System.exit(0);
  }

  private static void run(SparkSession spark, String name, String kind, String text, String options, Path out)
      throws IOException {
    switch (kind) {
      case "info": {
        StringBuilder sb = new StringBuilder();
        sb.append("sparkVersion=").append(spark.version()).append('\n');
        sb.append("master=").append(spark.sparkContext().master()).append('\n');
        sb.append("driverPid=").append(ProcessHandle.current().pid()).append('\n');
        // Block managers: the driver's plus one per executor that has registered.
        sb.append("blockManagers=").append(spark.sparkContext().getExecutorMemoryStatus().size()).append('\n');
        sb.append("connectorSource=").append(connectorSource()).append('\n');
        sb.append("driverClassPathZarrEntries=").append(String.join(java.io.File.pathSeparator, zarrEntries()))
            .append('\n');
        write(out.resolve(name + ".info"), sb.toString());
        return;
      }
      case "sql":
        rows(spark.sql(text), name, out);
        return;
      case "load":
        rows(reader(spark, options).load(text), name, out);
        return;
      case "partitions": {
        Dataset<Row> df = reader(spark, options).load(text);
        List<String> parts = df.toJavaRDD().mapPartitions(new WhereRead()).collect();
        List<String> lines = new ArrayList<>();
        lines.add("pid,rows,connectorSource,classPathFreeOfZarr");
        lines.addAll(parts);
        write(out.resolve(name + ".csv"), String.join("\n", lines) + "\n");
        return;
      }
      default:
        throw new IllegalArgumentException("unknown job kind " + kind);
    }
  }

  private static DataFrameReader reader(SparkSession spark, String options) {
    DataFrameReader r = spark.read().format("zarr");
    for (String kv : options.split(";")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        r = r.option(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return r;
  }

  /** Where the class behind the format name "zarr" was loaded from, in this JVM. */
  static String connectorSource() {
    try {
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      Class<?> c = Class.forName("org.zarrspark.spark.ZarrDataSource", false, cl);
      CodeSource cs = c.getProtectionDomain().getCodeSource();
      URL u = cs == null ? null : cs.getLocation();
      return String.valueOf(u);
    } catch (ClassNotFoundException e) {
      return "absent";
    }
  }

  /** Entries of this JVM's own classpath named zarr-* (a jar or a classes folder of this project). */
  static List<String> zarrEntries() {
    List<String> out = new ArrayList<>();
    for (String e : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
      Path p = e.isEmpty() ? null : Paths.get(e);
      if (p != null && (p.getFileName() != null && p.getFileName().toString().startsWith("zarr")
          || p.endsWith(Paths.get("target", "classes")) || p.endsWith(Paths.get("target", "test-classes")))) {
        out.add(e);
      }
    }
    return out;
  }

  /** Per partition: the reading JVM, its row count and where it found the connector. */
  static final class WhereRead implements FlatMapFunction<Iterator<Row>, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<String> call(Iterator<Row> it) {
      long n = 0;
      while (it.hasNext()) {
        it.next();
        n++;
      }
      return Collections.singletonList(ProcessHandle.current().pid() + "," + n + "," + connectorSource() + ","
          + zarrEntries().isEmpty()).iterator();
    }
  }

  private static void rows(Dataset<Row> df, String name, Path out) throws IOException {
    List<Row> rows = df.collectAsList();
    StringBuilder sb = new StringBuilder();
    sb.append(String.join(",", df.columns())).append('\n');
    for (Row r : rows) {
      for (int i = 0; i < r.length(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(cell(r.get(i)));
      }
      sb.append('\n');
    }
    write(out.resolve(name + ".csv"), sb.toString());
    long chunksRead = 0;
    long chunksSkipped = 0;
    int scans = 0;
    for (BatchScanExec s : scans(df.queryExecution().executedPlan(), new ArrayList<>())) {
      scans++;
      chunksRead += metric(s, "chunksRead");
      chunksSkipped += metric(s, "chunksSkipped");
    }
    write(out.resolve(name + ".metrics"),
        "scans=" + scans + "\nchunksRead=" + chunksRead + "\nchunksSkipped=" + chunksSkipped + "\n");
  }

  private static long metric(BatchScanExec s, String name) {
    scala.Option<SQLMetric> m = s.metrics().get(name);
    return m.isDefined() ? m.get().value() : 0;
  }

  private static List<BatchScanExec> scans(SparkPlan p, List<BatchScanExec> acc) {
    if (p instanceof BatchScanExec) {
      acc.add((BatchScanExec) p);
    }
    scala.collection.Iterator<SparkPlan> it = p.children().iterator();
    while (it.hasNext()) {
      scans(it.next(), acc);
    }
    return acc;
  }

  private static String cell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Timestamp) {
      return ((Timestamp) v).toInstant().toString();
    }
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).toPlainString();
    }
    String s = v.toString();
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  private static void write(Path p, String text) throws IOException {
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
  }
}
