package org.zarrspark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results as JSON (every number) and as a markdown page (the tables people read), plus the
 * targets of the benchmark issue, each with the measured value and whether it is met.
 */
final class Report {
  private static final ObjectMapper M = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One target of the issue: what was measured against which goal. */
  record Target(String name, String goal, String measured, boolean met) {}

  final Map<String, Object> machine;
  final Map<String, Object> dataset;
  final List<QueryBench.Query> queries;
  final List<QueryBench.Result> results;
  final List<DecodeBench.Result> decode;
  final WriteBench.Summary writes;
  final List<Target> targets;
  /** Partial Blosc decoding (set after the constructor; empty when not measured). */
  List<PartialDecodeBench.Result> partial = List.of();
  /** xarray + dask on the same v2 store (set after the constructor; null when not run). */
  XarrayQueries.Outcome xarrayQueries;
  /** Spark's floor in the same session: median ms of SELECT count(*) FROM range(100) (NaN: not measured). */
  double floorMs = Double.NaN;

  Report(Map<String, Object> machine, Map<String, Object> dataset, List<QueryBench.Query> queries,
      List<QueryBench.Result> results, List<DecodeBench.Result> decode, WriteBench.Summary writes, long boxChunks,
      long fullScanDecodedBytes) {
    this.machine = machine;
    this.dataset = dataset;
    this.queries = queries;
    this.results = results;
    this.decode = decode;
    this.writes = writes;
    this.targets = targets(boxChunks, fullScanDecodedBytes);
  }

  QueryBench.Result result(String query, String format) {
    for (QueryBench.Result r : results) {
      if (r.query().equals(query) && r.format().equals(format)) {
        return r;
      }
    }
    throw new IllegalArgumentException(query + "/" + format);
  }

  /** Median time of a Zarr format over Parquet's for one query. */
  double ratio(String query, String format) {
    return result(query, format).median() / result(query, "parquet").median();
  }

  /**
   * c-blosc's speed without blosc-java's JNI copies (input copied out of the heap, output malloc'd,
   * then copied into a new Java array), estimated from the uncompressed row, where both sides
   * only copy: the native side's extra seconds per MB there are subtracted. NaN when unknown.
   */
  double bloscWithoutJni(DecodeBench.Result d) {
    DecodeBench.Result u = decode("uncompressed");
    if (!d.nativeImpl().equals(DecodeBench.BLOSC_NATIVE) || d == u || Double.isNaN(u.nativeMBps())) {
      return Double.NaN;
    }
    double overhead = Math.max(0, 1 / u.nativeMBps() - 1 / u.oursMBps());
    return 1 / (1 / d.nativeMBps() - overhead);
  }

  DecodeBench.Result decode(String codec) {
    return decode.stream().filter(d -> d.codec().equals(codec)).findFirst().orElseThrow();
  }

  private List<Target> targets(long boxChunks, long fullScanBytes) {
    List<Target> t = new ArrayList<>();
    for (String f : new String[] {"zarr-v2", "zarr-v3"}) {
      double r = ratio("full_scan", f);
      t.add(new Target("full-scan aggregate, " + f + " / Parquet", "<= 0.35x", fmt("%.2fx", r), r <= 0.35));
    }
    for (String f : new String[] {"zarr-v2", "zarr-v3"}) {
      QueryBench.Result b = result("box_1pct", f);
      t.add(new Target("1% box plans only intersecting chunks, " + f, boxChunks + " chunks",
          b.chunksPlanned() + "/" + b.chunksTotal() + " planned", b.chunksPlanned() == boxChunks));
      double r = b.median() / result("full_scan", f).median();
      double cpu = b.medianCpu() / result("full_scan", f).medianCpu();
      t.add(new Target("1% box time / full-scan time, " + f, "<= 3%", fmt("%.1f%% (CPU time %.1f%%; the box's chunks"
          + " are %.1f%% of all: the chunk grid's floor)", 100 * r, 100 * cpu, 100.0 * boxChunks / b.chunksTotal()),
          r <= 0.03));
    }
    for (String c : new String[] {"blosc-lz4", "zstd"}) {
      DecodeBench.Result d = decode(c);
      // Round two's goals: Blosc-lz4 at c-blosc's speed, zstd at libzstd's (the JNI libraries).
      double goal = c.equals("blosc-lz4") ? 1.0 : 0.95;
      t.add(new Target("decode " + c + ", ours / " + d.nativeImpl(), fmt(">= %.2fx", goal),
          Double.isNaN(d.nativeMBps()) ? "native unavailable" : fmt("%.2fx", d.ratio()),
          !Double.isNaN(d.nativeMBps()) && d.ratio() >= goal));
    }
    // Decoded MB per CPU-second on both sides (the machine may be shared); wall clock shown too.
    String[][] pairs = {{"zarr-v2", "blosc-lz4"}, {"zarr-v3", "zstd"}};
    for (String q : new String[] {"scan_minmax", "full_scan"}) {
      for (String[] p : pairs) {
        QueryBench.Result r = result(q, p[0]);
        double spark = fullScanBytes / 1e6 / (r.medianCpu() / 1e3);
        double sparkWall = fullScanBytes / 1e6 / (r.median() / 1e3);
        DecodeBench.Result d = decode(p[1]);
        t.add(new Target("Spark " + q + " (" + p[0] + ") vs single-thread " + p[1] + " decode, MB per CPU-second",
            ">= 0.50x (within 2x)", fmt("%.0f vs %.0f = %.2fx (wall, local[2]: %.0f vs %.0f MB/s = %.2fx)", spark,
                d.oursMBps(), spark / d.oursMBps(), sparkWall, d.oursWallMBps(), sparkWall / d.oursWallMBps()),
            spark / d.oursMBps() >= 0.5));
      }
    }
    for (WriteBench.Result w : writes.results()) {
      if (!w.format().equals(WriteBench.PARQUET)) {
        double r = writes.ratio(w);
        t.add(new Target("write: " + w.format() + " / Parquet (zstd), " + writes.rows() + " rows", "<= 1.0x",
            fmt("%.3fx (%.0f vs %.0f ms)", r, w.median(), writes.result(WriteBench.PARQUET).median()), r <= 1.0));
      }
    }
    return t;
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("latest.json"), M.writeValueAsString(json()), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("latest.md"), markdown(), StandardCharsets.UTF_8);
  }

  ObjectNode json() {
    ObjectNode root = M.createObjectNode();
    root.set("machine", M.valueToTree(machine));
    root.set("dataset", M.valueToTree(dataset));
    ArrayNode qs = root.putArray("queries");
    for (QueryBench.Query q : queries) {
      ObjectNode o = qs.addObject().put("name", q.name()).put("description", q.description()).put("sql", q.sql());
      ObjectNode by = o.putObject("formats");
      for (String f : QueryBench.FORMATS) {
        QueryBench.Result r = result(q.name(), f);
        ObjectNode x = by.putObject(f).put("min_ms", r.min()).put("median_ms", r.median())
            .put("median_jvm_cpu_ms", r.medianCpu());
        ArrayNode runs = x.putArray("runs_ms");
        ArrayNode cpus = x.putArray("runs_jvm_cpu_ms");
        for (int i = 0; i < r.millis().length; i++) {
          runs.add(r.millis()[i]);
          cpus.add(r.cpuMillis()[i]);
        }
        if (!f.equals("parquet")) {
          x.put("ratio_to_parquet", ratio(q.name(), f)).put("chunks_planned", r.chunksPlanned())
              .put("chunks_total", r.chunksTotal()).put("chunks_read", r.chunksRead()).put("bytes_fetched", r.bytesRead());
        } else {
          x.put("files_read", r.filesRead()).put("bytes_read", r.bytesRead());
        }
        x.put("result_rows", r.resultRows()).put("agrees_with_parquet", r.agrees());
      }
    }
    if (xarrayQueries != null) {
      ObjectNode xq = root.putObject("xarray_queries");
      if (xarrayQueries.skipped() != null) {
        xq.put("skipped", xarrayQueries.skipped());
      } else {
        xq.put("versions", xarrayQueries.versions());
        for (XarrayQueries.Result x : xarrayQueries.results()) {
          ArrayNode runs = xq.putObject(x.query()).put("median_ms", x.median()).put("checksum", x.checksum())
              .putArray("runs_ms");
          for (double m : x.millis()) {
            runs.add(m);
          }
        }
      }
    }
    ArrayNode pd = root.putArray("partial_decode");
    for (PartialDecodeBench.Result r : partial) {
      pd.addObject().put("box", r.name()).put("origin", java.util.Arrays.toString(r.origin()))
          .put("shape", java.util.Arrays.toString(r.box())).put("blocks", r.blocks()).put("total_blocks", r.totalBlocks())
          .put("decoded_bytes", r.decodedBytes()).put("chunk_bytes", r.chunkBytes())
          .put("whole_us", r.wholeMicros()).put("partial_us", r.partMicros());
    }
    ArrayNode ds = root.putArray("decode");
    for (DecodeBench.Result d : decode) {
      ObjectNode o = ds.addObject().put("codec", d.codec()).put("native", d.nativeImpl()).put("encoded_by", d.encodedBy())
          .put("chunks", d.chunks()).put("decoded_bytes", d.decodedBytes()).put("encoded_bytes", d.encodedBytes())
          .put("ours_mb_per_cpu_s", d.oursMBps()).put("ours_mb_per_wall_s", d.oursWallMBps());
      if (Double.isNaN(d.nativeMBps())) {
        o.putNull("native_mb_per_cpu_s").putNull("native_mb_per_wall_s").putNull("ours_over_native");
      } else {
        o.put("native_mb_per_cpu_s", d.nativeMBps()).put("native_mb_per_wall_s", d.nativeWallMBps())
            .put("ours_over_native", d.ratio());
        double est = bloscWithoutJni(d);
        if (!Double.isNaN(est)) {
          o.put("native_without_jni_copies_est_mb_per_cpu_s", est).put("ours_over_native_without_jni_est", d.oursMBps() / est);
        }
      }
      o.put("note", d.note());
    }
    root.set("write", writeJson());
    ArrayNode ts = root.putArray("targets");
    for (Target t : targets) {
      ts.addObject().put("target", t.name()).put("goal", t.goal()).put("measured", t.measured()).put("met", t.met());
    }
    return root;
  }

  String markdown() {
    StringBuilder b = new StringBuilder("# zarr-spark benchmark\n\n");
    b.append("Machine: ").append(join(machine)).append("\n\n");
    b.append("Dataset: ").append(join(dataset)).append("\n\n");
    b.append("## Queries (ms over ").append(result("count", "parquet").millis().length)
        .append(" runs after one warm-up; ratio = median / Parquet's median)\n\n");
    b.append("| query | format | min ms | median ms | x Parquet | CPU s | chunks planned/total | chunks read | MB read | rows | same result |\n");
    b.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (QueryBench.Query q : queries) {
      for (String f : QueryBench.FORMATS) {
        QueryBench.Result r = result(q.name(), f);
        boolean zarr = !f.equals("parquet");
        b.append(fmt("| %s | %s | %.0f | %.0f | %s | %.2f | %s | %s | %.1f | %d | %s |\n", q.name(), f, r.min(),
            r.median(), zarr ? fmt("%.2f", ratio(q.name(), f)) : "1", r.medianCpu() / 1e3,
            zarr ? r.chunksPlanned() + "/" + r.chunksTotal() : r.filesRead() + " files",
            zarr ? Long.toString(r.chunksRead()) : "", r.bytesRead() / 1e6, r.resultRows(),
            zarr ? (r.agrees() ? "yes" : "NO") : "ref"));
      }
    }
    b.append("\n");
    for (QueryBench.Query q : queries) {
      b.append("- `").append(q.name()).append("` (").append(q.description()).append("): `").append(q.sql()).append("`\n");
    }
    b.append("\nCPU s: median CPU time of the whole JVM per run (both executor threads, driver, JIT, GC). Zarr: chunks planned/total are those of the most finely chunked variable read (EXPLAIN's chunks=); chunks read counts the decoded chunks of"
        + " every array read, 1-D coordinates included (scan metric chunksRead); MB read is the scan metric bytesFetched. Parquet: files read"
        + " (numFiles) and bytes the tasks read from the files (task input metrics).\n\n");
    b.append("## Single-thread chunk decode (MB of decoded data per second of the thread's CPU time)\n\n");
    b.append("| codec | compression ratio | ours MB/s | native MB/s | ours / native | native w/o JNI copies (est.) |"
        + " wall MB/s ours, native | native | encoded by | note |\n");
    b.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |\n");
    for (DecodeBench.Result d : decode) {
      boolean nat = !Double.isNaN(d.nativeMBps());
      double est = bloscWithoutJni(d);
      b.append(fmt("| %s | %.2f | %.0f | %s | %s | %s | %.0f, %s | %s | %s | %s |\n", d.codec(),
          (double) d.decodedBytes() / d.encodedBytes(), d.oursMBps(), nat ? fmt("%.0f", d.nativeMBps()) : "unavailable",
          nat ? fmt("%.2f", d.ratio()) : "", Double.isNaN(est) ? "" : fmt("%.0f (ours %.2fx)", est, d.oursMBps() / est),
          d.oursWallMBps(), nat ? fmt("%.0f", d.nativeWallMBps()) : "-", d.nativeImpl(), d.encodedBy(), d.note()));
    }
    DecodeBench.Result any = decode.get(0);
    b.append(fmt("\n%d chunks of the dataset (t2m and u10), %.1f MB decoded per round. blosc-java's JNI copies the"
        + " input out of the Java heap, mallocs the output and copies it into a new Java array; zstd-jni decodes in"
        + " place (no copies). The estimate without JNI copies subtracts the native side's extra cost per MB measured"
        + " on the uncompressed (copy-only) row.\n\n", any.chunks(), any.decodedBytes() / 1e6));
    writeXarrayMarkdown(b);
    writePartialMarkdown(b);
    writeMarkdown(b);
    b.append("## Targets\n\n| target | goal | measured | met |\n| --- | --- | --- | --- |\n");
    for (Target t : targets) {
      b.append(fmt("| %s | %s | %s | %s |\n", t.name(), t.goal(), t.measured(), t.met() ? "yes" : "no"));
    }
    return b.toString();
  }

  private ObjectNode writeJson() {
    ObjectNode w = M.createObjectNode().put("rows", writes.rows()).put("hours", writes.hours())
        .put("columns", WriteInput.COLUMNS).put("partitions", writes.partitions());
    ObjectNode by = w.putObject("formats");
    List<WriteBench.Result> all = new ArrayList<>(writes.results());
    if (writes.xarray().result() != null) {
      all.add(writes.xarray().result());
    }
    for (WriteBench.Result r : all) {
      ObjectNode x = by.putObject(r.format()).put("description", r.description()).put("min_ms", r.min())
          .put("median_ms", r.median()).put("median_cpu_ms", r.medianCpu());
      ArrayNode runs = x.putArray("runs_ms");
      ArrayNode cpus = x.putArray("runs_cpu_ms");
      for (int i = 0; i < r.millis().length; i++) {
        runs.add(r.millis()[i]);
        cpus.add(r.cpuMillis()[i]);
      }
      x.put("ratio_to_parquet", writes.ratio(r)).put("bytes", r.bytes()).put("files", r.files())
          .put("same_data", r.sameData());
    }
    if (writes.xarray().result() == null) {
      by.putObject("xarray").put("skipped", writes.xarray().skipped());
    }
    return w;
  }

  /** Adds the goals against xarray + dask and Spark's floor (after {@link #xarrayQueries} is set). */
  void addXarrayTargets() {
    if (xarrayQueries != null && xarrayQueries.skipped() == null) {
      for (XarrayQueries.Result x : xarrayQueries.results()) {
        if (x.query().equals("full_scan")) {
          double r = result("full_scan", "zarr-v2").median() / x.median();
          targets.add(new Target("full scan, zarr-v2 / xarray + dask (same threads)", "<= 1.0x", fmt("%.2fx", r), r <= 1.0));
        }
      }
    }
    for (String q : new String[] {"point_series", "box_1pct", "spatial_box"}) {
      for (String f : new String[] {"zarr-v2", "zarr-v3"}) {
        double z = result(q, f).median();
        targets.add(new Target(q + " (" + f + ") vs Spark's floor (count(*) over range(100), same session)",
            "<= floor + 30 ms", fmt("%.0f ms vs %.0f ms", z, floorMs), z <= floorMs + 30));
      }
    }
  }

  private void writeXarrayMarkdown(StringBuilder b) {
    if (xarrayQueries == null) {
      return;
    }
    b.append("## Spark (local[2]) against xarray + dask on the same Zarr v2 store\n\n");
    if (xarrayQueries.skipped() != null) {
      b.append(xarrayQueries.skipped()).append("\n\n");
      return;
    }
    b.append("| query | xarray + dask median ms | zarr-spark (zarr-v2) median ms | zarr-spark / xarray |\n"
        + "| --- | ---: | ---: | ---: |\n");
    for (XarrayQueries.Result x : xarrayQueries.results()) {
      QueryBench.Result z = result(x.query(), "zarr-v2");
      b.append(fmt("| %s | %.0f | %.0f | %.2fx |\n", x.query(), x.median(), z.median(), z.median() / x.median()));
    }
    b.append("\n").append(xarrayQueries.versions()).append(": the store opened once (xr.open_zarr, dask chunks = Zarr"
        + " chunks), each query computed once untimed, then timed inside Python; Spark's times include opening the"
        + " store and planning, every run. Spark's floor in the same session, `SELECT count(*) FROM range(100)`: "
        + fmt("%.0f ms", floorMs) + ".\n\n");
  }

  private void writePartialMarkdown(StringBuilder b) {
    if (partial.isEmpty()) {
      return;
    }
    b.append("## Partial decode of a Blosc chunk (24 x 91 x 180 float32, lz4 clevel 5, byte shuffle; single thread,"
        + " CPU time)\n\n| box read | origin, shape | Blosc blocks decoded | MB decoded (before: whole chunk) |"
        + " us per chunk before (whole decode) | us after | speed-up |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (PartialDecodeBench.Result r : partial) {
      b.append(fmt("| %s | %s, %s | %d of %d | %.2f (%.2f) | %.0f | %.0f | %.1fx |\n", r.name(),
          java.util.Arrays.toString(r.origin()), java.util.Arrays.toString(r.box()), r.blocks(), r.totalBlocks(),
          r.decodedBytes() / 1e6, r.chunkBytes() / 1e6, r.wholeMicros(), r.partMicros(), r.wholeMicros() / r.partMicros()));
    }
    b.append("\n");
  }

  private void writeMarkdown(StringBuilder b) {
    b.append(writesMarkdown(writes));
  }

  /** The write section: every writer's times against Parquet's. */
  static String writesMarkdown(WriteBench.Summary writes) {
    StringBuilder b = new StringBuilder();
    WriteBench.Result p = writes.result(WriteBench.PARQUET);
    b.append(fmt("## Write (one cached DataFrame: the first %d hour%s, %,d rows, %s; %d partitions; ms over %d runs"
        + " after one warm-up; ratio = median / Parquet's median)\n\n", writes.hours(), writes.hours() == 1 ? "" : "s",
        writes.rows(), WriteInput.COLUMNS, writes.partitions(), p.millis().length));
    b.append("| writer | format | settings | min ms | median ms | x Parquet | CPU s | MB written | files | same data |\n");
    b.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (WriteBench.Result r : writes.results()) {
      writeRow(b, writes, "Spark", r);
    }
    if (writes.xarray().result() != null) {
      writeRow(b, writes, "xarray", writes.xarray().result());
    } else {
      b.append("| xarray | zarr-v2 | to_zarr | | | | | | | ").append(writes.xarray().skipped()).append(" |\n");
    }
    b.append("\nSpark: `save()` into a fresh directory, wall time (planning, jobs, commit), CPU s of the whole JVM."
        + " xarray: `to_zarr(mode=\"w\")` of the same hours loaded into memory (NumPy), timed inside Python"
        + " (CPU s of the process). MB written and files: everything under the output directory (Parquet's"
        + " Hadoop .crc files and _SUCCESS included). Same data: each run's output read back has the DataFrame's rows, count of"
        + " non-missing t2m and sum(t2m).\n\n");
    return b.toString();
  }

  private static void writeRow(StringBuilder b, WriteBench.Summary writes, String writer, WriteBench.Result r) {
    boolean ref = r.format().equals(WriteBench.PARQUET);
    String format = writer.equals("xarray") ? "zarr-v2" : r.format();
    b.append(fmt("| %s | %s | %s | %.0f | %.0f | %s | %.2f | %.1f | %d | %s |\n", writer, format, r.description(),
        r.min(), r.median(), ref ? "1" : fmt("%.2f", writes.ratio(r)), r.medianCpu() / 1e3, r.bytes() / 1e6, r.files(),
        r.sameData() ? "yes" : "NO"));
  }

  private static String join(Map<String, Object> m) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      parts.add(e.getKey() + " " + e.getValue());
    }
    return String.join(", ", parts);
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static String fmt(String f, Object... args) {
    return String.format(Locale.ROOT, f, args);
  }
}
