package org.zarrspark.spark.refs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.store.RangeRuns;
import org.zarrspark.core.testing.Csv;
import org.zarrspark.core.testing.RefCases;
import org.zarrspark.spark.SparkTestBase;
import org.zarrspark.spark.metrics.ScanMetrics;
import org.zarrspark.spark.icechunk.IcechunkCasesTest;
import org.zarrspark.spark.stores.CountingProxy.Request;
import org.zarrspark.spark.stores.S3Server;

/**
 * Kerchunk reference sets and a NetCDF file on a real S3 server (s3proxy behind the counting
 * proxy): the requests REFERENCES.md promises, counted at the server, with the values checked
 * against each case's expected tables. The expected reads are computed here from the case's
 * refs.json: per array, the ranges of the chunks a task reads, those that follow each other in one
 * file merged into one run.
 */
class ReferenceS3Test extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CASES = List.of("nc4_climate_v0", "nc4_multifile_v0");
  private static final int BLOCK = 1 << 16;
  /** A copy of climate.nc padded past three 64 KiB blocks: a read of the whole file would show. */
  private static final String PADDED = "padded/data/climate.nc";
  private static S3Server s3;
  private static String bucket;
  private static Path scratch;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3Server.start();
    bucket = s3.createBucket("refs");
    scratch = Files.createTempDirectory("refs-s3");
    for (String id : CASES) {
      // Targets as s3:// URLs (the reader maps them to s3a://), next to the set as in the corpus.
      Path set = Files.createDirectories(scratch.resolve("s3").resolve(id));
      String text = Files.readString(RefCases.corpus().resolve(id).resolve("refs.json"));
      Files.writeString(set.resolve("refs.json"), text.replace("@ROOT@", "s3://" + bucket + "/" + id));
      s3.upload(set, bucket, id);
      s3.upload(RefCases.corpus().resolve(id).resolve("data"), bucket, id + "/data");
      RefCases.materialize(id, scratch.resolve("local"));
    }
    Path nc = RefCases.corpus().resolve("nc4_climate_v0/data/climate.nc");
    Path padded = Files.createDirectories(scratch.resolve("padded"));
    byte[] bytes = Files.readAllBytes(nc);
    Files.write(padded.resolve("climate.nc"), java.util.Arrays.copyOf(bytes, 3 * BLOCK + 1000));
    s3.upload(padded, bucket, "padded/data");
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (s3 != null) {
      s3.close();
    }
    if (scratch != null) {
      try (Stream<Path> files = Files.walk(scratch)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @BeforeEach
  void reset() {
    s3.proxy().reset();
  }

  private static String refsUri(String id) {
    return "s3a://" + bucket + "/" + id + "/refs.json";
  }

  private static Dataset<Row> remote(String uri) {
    return spark.read().format("zarr").options(s3.s3aSettings()).load(uri);
  }

  private static List<String> log() {
    return s3.proxy().requests().stream()
        .map(r -> r.method + " " + r.target.replace("/" + bucket + "/", "/B/") + (r.ranged ? " " + r.range : ""))
        .collect(Collectors.toList());
  }

  private static long count(String method, String key) {
    return s3.proxy().requests().stream()
        .filter(r -> r.method.equals(method) && r.target.equals("/" + bucket + "/" + key)).count();
  }

  /** The Range headers of the GETs of each object under {@code prefix}/ (but {@code except}), sorted. */
  private static Map<String, List<String>> rangedGets(String prefix, String except) {
    String at = "/" + bucket + "/" + prefix + "/";
    Map<String, List<String>> out = new TreeMap<>();
    for (Request r : s3.proxy().requests()) {
      if (r.isGet() && r.target.startsWith(at) && !r.target.equals(at + except)) {
        out.computeIfAbsent(r.target.substring(at.length()), k -> new ArrayList<>()).add(r.range);
      }
    }
    out.values().forEach(l -> l.sort(null));
    return out;
  }

  private static void assertNoListAndAllGetsRanged() {
    assertTrue(s3.proxy().requests().stream().noneMatch(Request::isList), "no LIST: " + log());
    assertTrue(s3.proxy().requests().stream().filter(Request::isGet).allMatch(r -> r.ranged), "ranged: " + log());
  }

  /** Tasks of a query that has run, from its executed plan (asking the Dataset again would plan again). */
  private static int tasks(Dataset<Row> df) {
    return scans(df).stream().mapToInt(s -> s.inputPartitions().size()).sum();
  }

  private static JsonNode query(String id, int i) throws IOException {
    return RefCases.spec(id).get("queries").get(i);
  }

  private static void assertTable(String id, int i, Dataset<Row> df) throws IOException {
    JsonNode q = query(id, i);
    IcechunkCasesTest.compare(df, Csv.read(RefCases.corpus().resolve(id).resolve(q.get("expected").asText())),
        q.path("dtypes"));
  }

  /**
   * Opening a JSON set is one GET of the file; a full scan then reads it once per task, and each
   * target file with one ranged GET per run of adjacent chunks of an array (t2m of nc4_climate_v0:
   * 12 chunks, 2 reads, as REFERENCES.md says). No LIST, no HEAD.
   */
  @Test
  void aFullScanReadsOneRangedGetPerRunOfAdjacentChunks() throws Exception {
    for (String id : CASES) {
      s3.proxy().reset();
      Dataset<Row> df = remote(refsUri(id));
      assertEquals(1, s3.proxy().requests().size(), id + ": opening: " + log());
      assertEquals(1, count("GET", id + "/refs.json"), id + ": opening: " + log());
      s3.proxy().reset();
      assertTable(id, 0, df);
      int tasks = tasks(df);
      assertEquals(1, tasks, id + ": one partition, so that the runs below are the whole arrays'");
      assertEquals(tasks, count("GET", id + "/refs.json"), id + ": " + log());
      assertEquals(0, s3.proxy().requests().stream().filter(r -> r.method.equals("HEAD")).count(), log().toString());
      assertNoListAndAllGetsRanged();
      References refs = References.of(id);
      assertEquals(refs.runs(List.of(df.columns()), Map.of()), rangedGets(id, "refs.json"), id + ": " + log());

      // The scan's store-requests metric counts what the server answers: the set file and the runs.
      Dataset<Row> again = remote(refsUri(id));
      s3.proxy().reset();
      again.collectAsList();
      assertEquals(s3.proxy().requests().size(), metric(again, ScanMetrics.STORE_REQUESTS), id + ": " + log());
    }
    References climate = References.of("nc4_climate_v0");
    assertEquals(12, climate.chunks("t2m", Map.of()).size());
    assertEquals(2, climate.runs(List.of("t2m"), Map.of()).values().stream().mapToInt(List::size).sum());
  }

  /**
   * Several tasks: each reads the reference file once, and its own chunks in runs that stop at its
   * box (t2m alone: partitions of a few of its chunks). Values equal a local read's.
   */
  @Test
  void eachTaskReadsTheReferenceFileOnceAndTheRunsOfItsBox() throws Exception {
    String id = "nc4_climate_v0";
    Dataset<Row> df = spark.read().format("zarr").options(s3.s3aSettings()).option("variables", "t2m")
        .option("targetPartitionBytes", "12k").load(refsUri(id));
    s3.proxy().reset();
    List<String> rows = sorted(df);
    List<String> boxes = scala.jdk.javaapi.CollectionConverters.asJava(scans(df).get(0).inputPartitions())
        .stream().map(Object::toString).toList();
    List<String> dims = new ArrayList<>();
    RefCases.spec(id).get("table_dims").forEach(d -> dims.add(d.asText()));
    assertTrue(boxes.size() > 1, "several partitions: " + boxes);
    assertEquals(boxes.size(), count("GET", id + "/refs.json"), log().toString());
    assertNoListAndAllGetsRanged();
    References refs = References.of(id);
    Map<String, List<String>> want = new TreeMap<>();
    for (String b : boxes) {
      addAll(want, refs.runs(List.of(df.columns()), box(b, dims)));
    }
    assertEquals(want, rangedGets(id, "refs.json"), log().toString());
    assertEquals(sorted(spark.read().format("zarr").option("variables", "t2m")
        .load(scratch.resolve("local").resolve(id).resolve("refs.json").toString())), rows);
  }

  /**
   * A partition's box, as inclusive index bounds per dimension, from its toString
   * ("box [o0, o1, ..] + [s0, s1, ..]"): the partition class is not public.
   */
  private static Map<String, long[]> box(String text, List<String> dims) {
    Matcher m = Pattern.compile("box \\[(.*)\\] \\+ \\[(.*)\\]").matcher(text);
    assertTrue(m.matches(), text);
    String[] origin = m.group(1).split(", ");
    String[] shape = m.group(2).split(", ");
    Map<String, long[]> out = new HashMap<>();
    for (int d = 0; d < dims.size(); d++) {
      long o = Long.parseLong(origin[d]);
      out.put(dims.get(d), new long[] {o, o + Long.parseLong(shape[d]) - 1});
    }
    return out;
  }

  /** Adds reads per file to {@code into}, keeping each file's list sorted. */
  private static void addAll(Map<String, List<String>> into, Map<String, List<String>> reads) {
    reads.forEach((f, l) -> into.computeIfAbsent(f, k -> new ArrayList<>()).addAll(l));
    into.values().forEach(l -> l.sort(null));
  }

  private static List<String> sorted(Dataset<Row> df) {
    List<String> out = new ArrayList<>();
    df.collectAsList().forEach(r -> out.add(r.toString()));
    out.sort(null);
    return out;
  }

  /**
   * A WHERE on coordinates: planning reads the 1-D coordinates it names (on the driver, one GET per
   * chunk that is not inline), the task reads only the runs of the chunks that meet the selected
   * box: fewer bytes than the same columns' full scan. Values as xarray's.
   */
  @Test
  void aPushedDownQueryReadsOnlyTheRangesOfTheChunksItMeets() throws Exception {
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    Map<String, String> settings = s3.s3aSettings();
    settings.forEach(conf::set);
    try {
      for (String id : CASES) {
        String sql = query(id, 1).get("sql").asText();
        String where = sql.substring(sql.indexOf(" WHERE ") + " WHERE ".length());
        References refs = References.of(id);
        Map<String, long[]> box = selectedBox(id, where, refs);
        Dataset<Row> df = spark.sql(sql.replace("{loc}", refsUri(id)));
        s3.proxy().reset();
        assertTable(id, 1, df);
        int tasks = tasks(df);
        assertEquals(1, tasks, id);
        assertEquals(tasks, count("GET", id + "/refs.json"), id + ": " + log());
        assertNoListAndAllGetsRanged();
        // Planning: each coordinate the WHERE names, chunk by chunk (no runs: no task).
        Map<String, List<String>> want = new TreeMap<>();
        for (String dim : box.keySet()) {
          if (Pattern.compile("\\b" + dim + "\\b").matcher(where).find()) {
            refs.chunks(dim, Map.of()).forEach(c -> addAll(want, Map.of(c.file, List.of(c.header()))));
          }
        }
        List<String> columns = List.of(df.columns());
        addAll(want, refs.runs(columns, box));
        assertEquals(want, rangedGets(id, "refs.json"), id + ": " + log());
        // Pruned: fewer chunks and bytes than the same columns in full (not always fewer GETs: the
        // chunks left out may be those that joined two runs).
        long pushed = bytes(refs.runs(columns, box));
        long full = bytes(refs.runs(columns, Map.of()));
        assertTrue(pushed < full, id + ": " + pushed + " bytes of the selected box, " + full + " of all");
      }
    } finally {
      settings.keySet().forEach(conf::unset);
    }
  }

  /**
   * The index box a WHERE selects, per dimension, from a local read with index columns (the
   * reader's own pushdown cannot vouch for itself).
   */
  private static Map<String, long[]> selectedBox(String id, String where, References refs) throws IOException {
    Dataset<Row> local = spark.read().format("zarr").option("indexColumns", "true")
        .load(scratch.resolve("local").resolve(id).resolve("refs.json").toString()).where(where);
    Map<String, long[]> box = new HashMap<>();
    for (String dim : refs.dimensions()) {
      Row r = local.agg(functions.min(dim + "_index"), functions.max(dim + "_index")).first();
      box.put(dim, new long[] {((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue()});
    }
    return box;
  }

  /**
   * A NetCDF file on S3 read directly: opening it (once, on the driver) is one HEAD (its size) and
   * ranged GETs of 64 KiB blocks holding its headers and chunk index; each task then reads only its
   * chunks, as the same runs as the file's reference set. No GET of the whole file
   * (the padded copy is four blocks; only the first holds metadata), no LIST.
   */
  @Test
  void aNetcdfFileIsReadWithRangedGetsOfBlocksAndChunkRuns() throws Exception {
    String id = "nc4_climate_v0";
    long original = Files.size(RefCases.corpus().resolve(id).resolve("data/climate.nc"));
    for (String key : List.of(id + "/data/climate.nc", PADDED)) {
      long size = key.equals(PADDED) ? 3 * BLOCK + 1000 : original;
      s3.proxy().reset();
      Dataset<Row> df = remote("s3a://" + bucket + "/" + key);
      assertNoListAndAllGetsRanged();
      assertEquals(1, count("HEAD", key), key + ": " + log());
      String dir = key.substring(0, key.indexOf("/data/"));
      List<String> blocks = rangedGets(dir, "").getOrDefault("data/climate.nc", List.of());
      assertEquals(count("GET", key), blocks.size(), log().toString());
      for (String b : blocks) {
        long start = start(b);
        assertTrue(start % BLOCK == 0 && start < original && end(b) == Math.min(start + BLOCK, size),
            key + ": a 64 KiB block holding metadata: " + b);
      }
      assertEquals(blocks.stream().distinct().count(), blocks.size(), key + ": each block once: " + blocks);

      s3.proxy().reset();
      assertTable(id, 0, df);
      int tasks = tasks(df);
      assertEquals(1, tasks, key);
      assertNoListAndAllGetsRanged();
      // The driver's computed references travel with the scan: tasks read no header, only chunk runs.
      assertEquals(0, count("HEAD", key), key + ": " + log());
      Map<String, List<String>> want = References.of(id).runs(List.of(df.columns()), Map.of());
      List<String> got = new ArrayList<>(rangedGets(dir, "").getOrDefault("data/climate.nc", List.of()));
      got.sort(null);
      assertEquals(want.get("data/climate.nc"), got, key + ": " + log());
      assertEquals(got.size(), s3.proxy().requests().size(), log().toString());
      if (size > BLOCK) {
        assertTrue(s3.proxy().requests().stream().filter(Request::isGet)
            .noneMatch(r -> start(r.range) == 0 && end(r.range) >= size), key + ": no GET of the whole file");
      }
    }
  }

  private static long bytes(Map<String, List<String>> runs) {
    return runs.values().stream().flatMap(List::stream).mapToLong(r -> end(r) - start(r)).sum();
  }

  private static long start(String range) {
    return Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
  }

  /** The end of a range, exclusive. */
  private static long end(String range) {
    return Long.parseLong(range.substring(range.indexOf('-') + 1)) + 1;
  }

  /** A case's refs.json, read here on its own: chunk ranges, and the runs a reader should make of them. */
  private record References(JsonNode refs) {
    record Chunk(String file, long offset, long length) {
      String header() {
        return "bytes=" + offset + "-" + (offset + length - 1);
      }
    }

    static References of(String id) throws IOException {
      JsonNode root = JSON.readTree(RefCases.corpus().resolve(id).resolve("refs.json").toFile());
      return new References(root.has("refs") ? root.get("refs") : root);
    }

    private JsonNode doc(String key) throws IOException {
      JsonNode n = refs.get(key);
      return n == null ? null : n.isTextual() ? JSON.readTree(n.asText()) : n;
    }

    /** The names of the dimensions of every array. */
    List<String> dimensions() throws IOException {
      List<String> out = new ArrayList<>();
      for (String a : arrays()) {
        for (JsonNode d : doc(a + "/.zattrs").get("_ARRAY_DIMENSIONS")) {
          if (!out.contains(d.asText())) {
            out.add(d.asText());
          }
        }
      }
      return out;
    }

    List<String> arrays() {
      List<String> out = new ArrayList<>();
      refs.fieldNames().forEachRemaining(k -> {
        if (k.endsWith("/.zarray")) {
          out.add(k.substring(0, k.length() - "/.zarray".length()));
        }
      });
      return out;
    }

    /**
     * The referenced (not inline) chunks of an array that meet an index box (inclusive bounds per
     * dimension name; a dimension not named: all of it), in C order.
     */
    List<Chunk> chunks(String array, Map<String, long[]> box) throws IOException {
      JsonNode z = doc(array + "/.zarray");
      JsonNode dims = doc(array + "/.zattrs").get("_ARRAY_DIMENSIONS");
      int rank = z.get("shape").size();
      long[] first = new long[rank];
      long[] last = new long[rank];
      for (int d = 0; d < rank; d++) {
        long c = z.get("chunks").get(d).asLong();
        long[] b = box.get(dims.get(d).asText());
        first[d] = b == null ? 0 : b[0] / c;
        last[d] = b == null ? (z.get("shape").get(d).asLong() + c - 1) / c - 1 : b[1] / c;
      }
      List<Chunk> out = new ArrayList<>();
      long[] at = first.clone();
      while (true) {
        StringBuilder key = new StringBuilder(array).append('/');
        for (int d = 0; d < rank; d++) {
          key.append(d == 0 ? "" : ".").append(at[d]);
        }
        JsonNode r = refs.get(key.toString());
        if (r != null && r.isArray()) {
          assertEquals(3, r.size(), "a [url, offset, length] reference: " + key);
          out.add(new Chunk(r.get(0).asText().replace("@ROOT@/", ""), r.get(1).asLong(), r.get(2).asLong()));
        }
        int d = rank - 1;
        while (d >= 0 && at[d] == last[d]) {
          at[d] = first[d];
          d--;
        }
        if (d < 0) {
          return out;
        }
        at[d]++;
      }
    }

    /**
     * The reads of the given arrays' chunks in a box, per file (Range headers, sorted): per array,
     * ranges that follow each other in one file are one read (up to 16 MiB).
     */
    Map<String, List<String>> runs(List<String> arrays, Map<String, long[]> box) throws IOException {
      Map<String, List<String>> out = new TreeMap<>();
      for (String a : arrays) {
        Map<String, List<Chunk>> byFile = chunks(a, box).stream().collect(Collectors.groupingBy(Chunk::file));
        for (List<Chunk> cs : byFile.values()) {
          cs.sort(Comparator.comparingLong(Chunk::offset));
          Chunk run = null;
          for (Chunk c : cs) {
            if (run != null && c.offset == run.offset + run.length
                && run.length + c.length <= RangeRuns.MAX_RUN_BYTES) {
              run = new Chunk(run.file, run.offset, run.length + c.length);
            } else {
              if (run != null) {
                out.computeIfAbsent(run.file, k -> new ArrayList<>()).add(run.header());
              }
              run = c;
            }
          }
          out.computeIfAbsent(run.file, k -> new ArrayList<>()).add(run.header());
        }
      }
      out.values().forEach(l -> l.sort(null));
      return out;
    }
  }
}
