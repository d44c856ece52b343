package org.zarrspark.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark writing one cached DataFrame ({@link WriteInput}) as Parquet (zstd), Zarr v2 (Blosc lz4),
 * Zarr v3 (zstd) and Zarr v3 sharded: one untimed warm-up per format, then N timed runs interleaved
 * across the formats. A run is the wall time of {@code save()} into a fresh directory (planning,
 * job and commit included) and the JVM's CPU time meanwhile; afterwards, untimed, the directory's
 * bytes are counted, the store is read back and compared with the DataFrame, and it is deleted.
 */
final class WriteBench {
  static final String PARQUET = "parquet";

  /** One way of writing: the format's name, what it writes, and the writer's format and options. */
  record Format(String name, String description, String source, Map<String, String> options) {}

  /** What one format's writes measured. */
  record Result(String format, String description, double[] millis, double[] cpuMillis, long bytes, long files,
      boolean sameData) {
    double min() {
      return Arrays.stream(millis).min().orElse(Double.NaN);
    }

    double median() {
      return QueryBench.Result.median(millis);
    }

    double medianCpu() {
      return QueryBench.Result.median(cpuMillis);
    }
  }

  /** The whole write benchmark: the input, Spark's formats (Parquet first), and xarray's write. */
  record Summary(long rows, int hours, int partitions, List<Result> results, XarrayWrite.Outcome xarray) {
    Result result(String format) {
      return results.stream().filter(r -> r.format().equals(format)).findFirst().orElseThrow();
    }

    /** Median time of a format over Parquet's. */
    double ratio(Result r) {
      return r.median() / result(PARQUET).median();
    }
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final SparkSession spark;
  private final Era5Dataset data;
  private final WriteInput input;
  private final Path dir;

  WriteBench(SparkSession spark, Era5Dataset data, WriteInput input, Path dir) {
    this.spark = spark;
    this.data = data;
    this.input = input;
    this.dir = dir;
  }

  List<Format> formats() {
    String chunks = csv(input.chunks(data));
    String dims = "time,lat,lon";
    return List.of(
        new Format(PARQUET, "Spark Parquet, zstd (level 3)", PARQUET, Map.of("compression", "zstd")),
        new Format("zarr-v2", "Blosc lz4 5, byte shuffle; chunks " + chunks.replace(",", " x "), "zarr",
            Map.of("dimensions", dims, "zarrFormat", "2", "codec", "blosc", "chunks", chunks)),
        new Format("zarr-v3", "zstd 3, unsharded; chunks " + chunks.replace(",", " x "), "zarr",
            Map.of("dimensions", dims, "zarrFormat", "3", "codec", "zstd", "level", "3", "chunks", chunks)),
        new Format("zarr-v3-sharded", "zstd 3; shards " + csv(input.shards(data)).replace(",", " x ") + " of chunks "
            + chunks.replace(",", " x "), "zarr", Map.of("dimensions", dims, "zarrFormat", "3", "codec", "zstd",
            "level", "3", "chunks", chunks, "shards", csv(input.shards(data)))));
  }

  List<Result> run(int runs) throws IOException {
    List<Format> formats = formats();
    Map<String, double[]> times = new LinkedHashMap<>();
    Map<String, double[]> cpu = new LinkedHashMap<>();
    Map<String, Boolean> same = new LinkedHashMap<>();
    Map<String, long[]> size = new LinkedHashMap<>();
    for (Format f : formats) {
      write(f, "warmup"); // JIT, Spark's planning caches, the codecs' native libraries
      times.put(f.name(), new double[runs]);
      cpu.put(f.name(), new double[runs]);
      same.put(f.name(), true);
    }
    for (int r = 0; r < runs; r++) {
      for (Format f : formats) {
        double[] t = write(f, "run" + r);
        times.get(f.name())[r] = t[0];
        cpu.get(f.name())[r] = t[1];
        Path out = dir.resolve(f.name() + "-run" + r);
        size.put(f.name(), new long[] {Era5Dataset.sizeOnDisk(out), fileCount(out)});
        // Every run's output is read back: a fast write of the wrong data would be no result.
        same.put(f.name(), same.get(f.name())
            && WriteInput.Checksum.of(spark.read().format(f.source()).load(out.toString())).matches(input.checksum));
        Era5Dataset.deleteTree(out);
      }
    }
    List<Result> out = new ArrayList<>();
    for (Format f : formats) {
      long[] s = size.get(f.name());
      out.add(new Result(f.name(), f.description(), times.get(f.name()), cpu.get(f.name()), s[0], s[1],
          same.get(f.name())));
    }
    System.err.printf("bench: write %,d rows: %s%n", input.rows,
        out.stream().map(x -> String.format("%s %.0f ms", x.format(), x.median())).collect(Collectors.joining("  ")));
    return out;
  }

  /** One write into {@code dir/FORMAT-TAG}: {wall ms, JVM CPU ms}. A warm-up's output is deleted at once. */
  private double[] write(Format f, String tag) throws IOException {
    Path out = dir.resolve(f.name() + "-" + tag);
    Era5Dataset.deleteTree(out);
    DataFrameWriter<Row> w = input.df.write().format(f.source()).options(f.options());
    long c0 = OS.getProcessCpuTime();
    long t0 = System.nanoTime();
    w.save(out.toString());
    double[] t = {(System.nanoTime() - t0) / 1e6, (OS.getProcessCpuTime() - c0) / 1e6};
    if (tag.equals("warmup")) {
      Era5Dataset.deleteTree(out);
    }
    return t;
  }

  private static long fileCount(Path p) throws IOException {
    try (Stream<Path> walk = Files.walk(p)) {
      return walk.filter(Files::isRegularFile).count();
    }
  }

  private static String csv(int[] v) {
    return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(","));
  }
}
