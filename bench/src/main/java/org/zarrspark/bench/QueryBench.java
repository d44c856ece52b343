package org.zarrspark.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.zarrspark.spark.metrics.ScanMetrics;
import org.zarrspark.spark.scan.ZarrScan;

/**
 * The queries of the issue (plus a plain min/max scan), each run against Zarr v2, Zarr v3 and Parquet: one untimed warm-up, then N
 * timed runs interleaved across the formats. A run is the wall time of {@code collectAsList()}
 * (planning included), and the CPU time the whole JVM spent meanwhile (robust to other load on a
 * shared machine). After the last run the executed plan gives what was read.
 */
final class QueryBench {
  static final String[] FORMATS = {"zarr-v2", "zarr-v3", "parquet"};

  /** One query's SQL, with {@code T} standing for the table. */
  record Query(String name, String description, String sql) {}

  /** What one format did for one query. */
  record Result(String query, String format, double[] millis, double[] cpuMillis, long chunksPlanned, long chunksTotal,
      long chunksRead, long bytesRead, long filesRead, long resultRows, boolean agrees) {
    double min() {
      return Arrays.stream(millis).min().orElse(Double.NaN);
    }

    double median() {
      return median(millis);
    }

    /** Median CPU time of the whole JVM (driver and both executor threads) per run. */
    double medianCpu() {
      return median(cpuMillis);
    }

    static double median(double[] v) {
      double[] s = v.clone();
      Arrays.sort(s);
      return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final SparkSession spark;
  private final Era5Dataset data;
  private final AtomicLong inputBytes = new AtomicLong();
  /** The 1% box as inclusive index ranges {from, to} per axis (time, lat, lon). */
  final int[][] box;

  QueryBench(SparkSession spark, Era5Dataset data) {
    this.spark = spark;
    this.data = data;
    // 0.01^(1/3) = 21.5% of each axis: 1% of the points, placed so that it is not chunk-aligned.
    double f = Math.cbrt(0.01);
    int t1 = (int) (0.25 * data.nt);
    int ya = (int) (0.19 * data.nlat);
    int xa = (int) (0.03 * data.nlon);
    this.box = new int[][] {{t1, t1 + Math.max(0, (int) Math.round(f * data.nt) - 1)},
        {ya, ya + (int) Math.round(f * data.nlat) - 1}, {xa, xa + (int) Math.round(f * data.nlon) - 1}};
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
          inputBytes.addAndGet(end.taskMetrics().inputMetrics().bytesRead());
        }
      }
    });
  }

  /** Read-grid chunks the 1% box intersects: what an exact pushdown plans. */
  long boxChunks() {
    long n = 1;
    for (int d = 0; d < 3; d++) {
      n *= box[d][1] / data.chunks[d] - box[d][0] / data.chunks[d] + 1;
    }
    return n;
  }

  /** The queries, with literals taken from the dataset's own grid so that they fit any scale. */
  List<Query> queries() {
    int y0 = (int) Math.round((90 - 52.5) / 180 * (data.nlat - 1)); // Berlin-ish
    int x0 = (int) Math.round(13.5 / 360 * data.nlon);
    return List.of(
        new Query("full_scan", "aggregate per time step over everything",
            "SELECT time, avg(t2m), max(u10) FROM T GROUP BY time ORDER BY time"),
        new Query("spatial_box", "35..70N, 0..40E, all times, per time step",
            "SELECT time, avg(t2m) FROM T WHERE lat BETWEEN 35 AND 70 AND lon BETWEEN 0 AND 40 GROUP BY time ORDER BY time"),
        new Query("one_time_step", "one hour, whole globe",
            "SELECT avg(t2m), min(u10), max(u10) FROM T WHERE time = " + ts(data.nt / 2)),
        new Query("point_series", "one grid point, all times",
            "SELECT time, t2m, u10 FROM T WHERE lat = " + flt(data.lat(y0)) + " AND lon = " + flt(data.lon(x0))
                + " ORDER BY time"),
        new Query("box_1pct", "1% space-time box (21.5% of each axis)",
            "SELECT avg(t2m), avg(u10), count(*) FROM T WHERE time BETWEEN " + ts(box[0][0]) + " AND " + ts(box[0][1])
                + " AND lat BETWEEN " + flt(data.lat(box[1][1])) + " AND " + flt(data.lat(box[1][0]))
                + " AND lon BETWEEN " + flt(data.lon(box[2][0])) + " AND " + flt(data.lon(box[2][1]))),
        new Query("count", "COUNT(*)", "SELECT count(*) FROM T"),
        new Query("scan_minmax", "whole-table min/max without grouping: the scan's own throughput",
            "SELECT min(t2m), max(u10) FROM T"));
  }

  String table(String format) {
    switch (format) {
      case "zarr-v2": return "zarr.`" + data.v2 + "`";
      case "zarr-v3": return "zarr.`" + data.v3 + "`";
      default: return "parquet.`" + data.parquet + "`";
    }
  }

  List<Result> run(int runs) throws TimeoutException {
    List<Result> out = new ArrayList<>();
    for (Query q : queries()) {
      Map<String, double[]> times = new LinkedHashMap<>();
      Map<String, double[]> cpu = new LinkedHashMap<>();
      Map<String, List<Row>> answers = new LinkedHashMap<>();
      for (String f : FORMATS) {
        answers.put(f, collect(q, f)); // warm-up (JIT, metadata caches)
        times.put(f, new double[runs]);
        cpu.put(f, new double[runs]);
      }
      Map<String, Result> last = new LinkedHashMap<>();
      for (int r = 0; r < runs; r++) {
        for (String f : FORMATS) {
          inputBytes.set(0);
          long c0 = OS.getProcessCpuTime();
          long t0 = System.nanoTime();
          org.apache.spark.sql.Dataset<Row> df = spark.sql(q.sql().replace("FROM T", "FROM " + table(f)));
          List<Row> rows = df.collectAsList();
          times.get(f)[r] = (System.nanoTime() - t0) / 1e6;
          cpu.get(f)[r] = (OS.getProcessCpuTime() - c0) / 1e6;
          spark.sparkContext().listenerBus().waitUntilEmpty();
          last.put(f, stats(q, f, df.queryExecution().executedPlan(), rows, answers.get("parquet")));
        }
      }
      for (String f : FORMATS) {
        Result s = last.get(f);
        out.add(new Result(s.query, f, times.get(f), cpu.get(f), s.chunksPlanned, s.chunksTotal, s.chunksRead, s.bytesRead,
            s.filesRead, s.resultRows, s.agrees));
      }
      System.err.printf("bench: %-14s %s%n", q.name(), summary(out.subList(out.size() - FORMATS.length, out.size())));
    }
    return out;
  }

  private List<Row> collect(Query q, String f) {
    return spark.sql(q.sql().replace("FROM T", "FROM " + table(f))).collectAsList();
  }

  private Result stats(Query q, String format, SparkPlan plan, List<Row> rows, List<Row> reference) {
    List<SparkPlan> scans = new ArrayList<>();
    collectScans(plan, scans);
    long planned = 0;
    long total = 0;
    long chunks = 0;
    long bytes = 0;
    long files = 0;
    for (SparkPlan p : scans) {
      if (p instanceof BatchScanExec b && b.scan() instanceof ZarrScan z) {
        planned += z.plannedChunks();
        total += z.totalChunks();
        chunks += metric(b.metrics(), ScanMetrics.CHUNKS_READ);
        bytes += metric(b.metrics(), ScanMetrics.BYTES_FETCHED);
      } else if (p instanceof FileSourceScanExec fs) {
        files += metric(fs.metrics(), "numFiles");
      }
    }
    if (format.equals("parquet")) {
      bytes = inputBytes.get(); // bytes Spark's tasks read from the Parquet files
    }
    return new Result(q.name(), format, null, null, planned, total, chunks, bytes, files, rows.size(),
        agree(rows, reference));
  }

  /** Same rows in the same order; numbers equal to 1e-6 relative (sums differ in order only). */
  static boolean agree(List<Row> a, List<Row> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      Row x = a.get(i);
      Row y = b.get(i);
      if (x.length() != y.length()) {
        return false;
      }
      for (int j = 0; j < x.length(); j++) {
        Object u = x.get(j);
        Object v = y.get(j);
        if (u instanceof Number n && v instanceof Number m) {
          double p = n.doubleValue();
          double q = m.doubleValue();
          if (!(p == q || Math.abs(p - q) <= 1e-6 * Math.max(Math.abs(p), Math.abs(q)))) {
            return false;
          }
        } else if (u == null ? v != null : !u.equals(v)) {
          return false;
        }
      }
    }
    return true;
  }

  private static String summary(List<Result> rs) {
    StringBuilder b = new StringBuilder();
    for (Result r : rs) {
      b.append(String.format("%s %.0f ms  ", r.format(), r.median()));
    }
    return b.toString();
  }

  private static long metric(scala.collection.immutable.Map<String, SQLMetric> metrics, String name) {
    scala.Option<SQLMetric> m = metrics.get(name);
    return m.isDefined() ? m.get().value() : 0;
  }

  private static void collectScans(SparkPlan p, List<SparkPlan> out) {
    if (p instanceof AdaptiveSparkPlanExec a) {
      collectScans(a.executedPlan(), out);
      return;
    }
    if (p instanceof QueryStageExec s) {
      collectScans(s.plan(), out);
      return;
    }
    if (p instanceof BatchScanExec || p instanceof FileSourceScanExec) {
      out.add(p);
    }
    scala.collection.Iterator<SparkPlan> it = p.children().iterator();
    while (it.hasNext()) {
      collectScans(it.next(), out);
    }
  }

  private static String ts(int hour) {
    return "TIMESTAMP '" + Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * hour).toString()
        .replace('T', ' ').replace("Z", "") + "'";
  }

  /** A float literal that is exactly the stored coordinate value (no cast of the column). */
  private static String flt(float v) {
    return "CAST('" + v + "' AS FLOAT)";
  }
}
