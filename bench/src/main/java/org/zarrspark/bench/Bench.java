package org.zarrspark.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.spark.ZarrCatalog;

/**
 * {@code bin/zarr bench [--scale S] [--runs N] [--out DIR] [--dir DIR] [--decode-seconds S] [--keep]
 * [--install-xarray] [--writes-only]}: writes the ERA5-like dataset as Zarr v2, Zarr v3 and Parquet,
 * times the queries on all three in one local Spark session, times single-thread chunk decoding
 * against native C, times Spark writing one DataFrame in each format (and xarray's {@code to_zarr}
 * of the same array when installed), and writes {@code latest.json} and {@code latest.md} to the
 * output directory. {@code --writes-only} times the writes alone (for a large scale) and writes
 * {@code writes.md}.
 */
public final class Bench {
  private Bench() {}

  /** Options, with their defaults. */
  static final class Options {
    double scale = 1;
    int runs = 5;
    Path out = Paths.get("bench", "results");
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "zarr-bench-data");
    double decodeSeconds = 2;
    boolean keep;
    /** Lets the write benchmark apt-get install xarray when it is missing; never done otherwise. */
    boolean installXarray;
    /** Only the write benchmark (after writing the dataset it reads its input from). */
    boolean writesOnly;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--keep")) {
          o.keep = true;
          continue;
        }
        if (a.equals("--install-xarray")) {
          o.installXarray = true;
          continue;
        }
        if (a.equals("--writes-only")) {
          o.writesOnly = true;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("usage: bench [--scale S] [--runs N] [--out DIR] [--dir DIR]"
              + " [--decode-seconds S] [--keep] [--install-xarray] [--writes-only]");
        }
        String v = args[++i];
        switch (a) {
          case "--scale" -> o.scale = Double.parseDouble(v);
          case "--runs" -> o.runs = Integer.parseInt(v);
          case "--out" -> o.out = Paths.get(v);
          case "--dir" -> o.dir = Paths.get(v);
          case "--decode-seconds" -> o.decodeSeconds = Double.parseDouble(v);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (o.runs < 1) {
        throw new IllegalArgumentException("--runs must be at least 1");
      }
      return o;
    }
  }

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("zarr bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    Report r = run(o);
    if (r == null) {
      System.err.println("bench: wrote " + o.out.resolve("writes.md"));
      return;
    }
    System.out.print(r.markdown());
    System.err.println("bench: wrote " + o.out.resolve("latest.json") + " and " + o.out.resolve("latest.md"));
  }

  static Report run(Options o) throws Exception {
    long start = System.nanoTime();
    String loadBefore = load();
    Era5Dataset data = new Era5Dataset(o.scale, o.dir);
    SparkSession spark = session();
    try {
      long t0 = System.nanoTime();
      data.write(spark);
      double writeSeconds = (System.nanoTime() - t0) / 1e9;
      System.err.printf("bench: wrote %,d rows as Zarr v2, Zarr v3 and Parquet in %.1f s%n", data.rows(), writeSeconds);
      if (o.writesOnly) {
        WriteBench.Summary writes = writes(spark, data, o);
        String md = "# zarr-spark write benchmark\n\nMachine: " + join(machine(spark)) + "\n\nScale " + o.scale
            + ", total seconds " + Math.round((System.nanoTime() - start) / 1e9) + "\n\n" + Report.writesMarkdown(writes);
        Files.createDirectories(o.out);
        Files.writeString(o.out.resolve("writes.md"), md);
        System.out.print(md);
        return null;
      }

      DecodeBench decode = new DecodeBench(corpus(data), o.decodeSeconds, o.decodeSeconds);
      List<DecodeBench.Result> decoded = decode.run();
      List<PartialDecodeBench.Result> partial = PartialDecodeBench.run(o.decodeSeconds);

      QueryBench queries = new QueryBench(spark, data);
      List<QueryBench.Result> results = queries.run(o.runs);

      WriteBench.Summary writes = writes(spark, data, o);
      double floor = floorMillis(spark, o.runs);
      XarrayQueries.Outcome xq = XarrayQueries.run(data, o.runs,
          Math.max(1, spark.sparkContext().defaultParallelism()));

      long fullScanBytes = data.rows() * 4L * Era5Dataset.VARIABLES.length;
      Map<String, Object> dataset = Report.map(
          "scale", o.scale, "rows", data.rows(),
          "shape (time, lat, lon)", data.nt + " x " + data.nlat + " x " + data.nlon,
          "variables", String.join(",", Era5Dataset.VARIABLES) + " (float32, ~0.8% NaN)",
          "chunks", data.chunks[0] + " x " + data.chunks[1] + " x " + data.chunks[2]
              + " (" + String.format("%.1f", data.chunkBytes() / 1e6) + " MB)",
          "decoded MB", Math.round(fullScanBytes / 1e6),
          "zarr-v2 (Blosc lz4 clevel 5, byte shuffle) MB", mb(data.v2),
          "zarr-v3 (sharded 2x2x2 chunks, zstd 3) MB", mb(data.v3),
          "parquet (Spark, snappy) MB", mb(data.parquet),
          "write seconds (all three)", Math.round(writeSeconds * 10) / 10.0,
          "runs", o.runs,
          "total seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
      Map<String, Object> machine = machine(spark);
      machine.put("load before, after (loadavg 1 min; CPU pressure some avg60)", loadBefore + "; " + load());
      Report report = new Report(machine, dataset, queries.queries(), results, decoded, writes, queries.boxChunks(),
          fullScanBytes);
      report.partial = partial;
      report.xarrayQueries = xq;
      report.floorMs = floor;
      report.addXarrayTargets();
      report.write(o.out);
      return report;
    } finally {
      spark.stop();
      if (!o.keep) {
        Era5Dataset.deleteTree(o.dir);
      }
    }
  }

  /** Spark's writes of one cached DataFrame, then xarray's of the same hours (the Spark session idle meanwhile). */
  /** Spark's own floor for a query in this session: median ms of {@code SELECT count(*) FROM range(100)}. */
  static double floorMillis(SparkSession spark, int runs) {
    spark.sql("SELECT count(*) FROM range(100)").collectAsList();
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      spark.sql("SELECT count(*) FROM range(100)").collectAsList();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    java.util.Arrays.sort(ms);
    return ms[runs / 2];
  }

  static WriteBench.Summary writes(SparkSession spark, Era5Dataset data, Options o) throws IOException {
    WriteInput input = new WriteInput(spark, data, o.scale);
    System.err.printf("bench: write input: first %d hour(s), %,d rows (%s), %d partitions, cached%n", input.hours,
        input.rows, WriteInput.COLUMNS, input.partitions);
    Path dir = o.dir.resolve("writes");
    try {
      List<WriteBench.Result> timed = new WriteBench(spark, data, input, dir).run(o.runs);
      XarrayWrite.Outcome xarray = XarrayWrite.run(data, input, dir, o.runs, o.installXarray);
      System.err.println("bench: xarray to_zarr: " + (xarray.result() != null
          ? String.format("%.0f ms", xarray.result().median()) : xarray.skipped()));
      return new WriteBench.Summary(input.rows, input.hours, input.partitions, timed, xarray);
    } finally {
      input.release();
      Era5Dataset.deleteTree(dir);
    }
  }

  private static String join(Map<String, Object> m) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
    }
    return b.toString();
  }

  /** Up to 8 whole chunks of each variable from the middle of the dataset: what the store holds. */
  static List<byte[]> corpus(Era5Dataset data) {
    List<byte[]> out = new ArrayList<>();
    int[] c = data.chunks;
    for (int i = 0; i < 8; i++) {
      long y = Math.min(i / 2 + 1, data.nlat / c[1] - 1) * (long) c[1];
      long x = Math.min(i % 4 + 1, data.nlon / c[2] - 1) * (long) c[2];
      NdBuffer b = data.values(i % 2, new long[] {0, y, x}, c);
      out.add(b.bytes());
    }
    return out;
  }

  static SparkSession session() {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "classpath:org/zarrspark/cli/log4j2-cli.properties");
    }
    SparkSession s = SparkSession.builder()
        .appName("zarr-bench")
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.catalog.zarr", ZarrCatalog.class.getName())
        .getOrCreate();
    s.sparkContext().setLogLevel("ERROR");
    return s;
  }

  static Map<String, Object> machine(SparkSession spark) {
    Runtime rt = Runtime.getRuntime();
    long physical = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
    return Report.map(
        "cpu", cpuModel(),
        "cores", rt.availableProcessors(),
        "memory GiB", Math.round(physical / (double) (1L << 30)),
        "max heap GiB", Math.round(rt.maxMemory() / (double) (1L << 28)) / 4.0,
        "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        "jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        "spark", spark.version() + " (" + spark.sparkContext().master() + ")",
        "date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /** The 1-minute load average and the kernel's CPU pressure: is anything else running? */
  private static String load() {
    try {
      String avg = Files.readString(Paths.get("/proc/loadavg")).split(" ")[0];
      String psi = Files.readAllLines(Paths.get("/proc/pressure/cpu")).get(0).split(" ")[2].replace("avg60=", "");
      return avg + " " + psi + "%";
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }

  private static long mb(Path p) throws IOException {
    return Math.round(Era5Dataset.sizeOnDisk(p) / 1e6);
  }
}
