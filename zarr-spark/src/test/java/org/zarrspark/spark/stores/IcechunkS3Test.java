package org.zarrspark.spark.stores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.icechunk.ChunkRef;
import org.zarrspark.core.icechunk.IcechunkRepository;
import org.zarrspark.core.icechunk.Manifest;
import org.zarrspark.core.icechunk.ManifestRef;
import org.zarrspark.core.icechunk.Node;
import org.zarrspark.core.icechunk.Snapshot;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.spark.SparkTestBase;
import org.zarrspark.spark.stores.CountingProxy.Request;

/**
 * Icechunk repositories on a real S3 server (s3proxy behind the {@link CountingProxy}): the
 * requests of opening a branch (spec 2: the {@code repo} object, spec 1: the ref, then one
 * snapshot), planning (no LIST), reading (each needed manifest once per task, one ranged GET per
 * native chunk, nothing for inline chunks), split manifests (only those whose extents meet the
 * chunks a query reads), and the same rows as a local read of the same repository.
 */
class IcechunkS3Test extends SparkTestBase {
  private static final List<String> CASES = List.of("ic_v2_climate", "ic_split_manifests", "ic_v1_climate");
  private static S3Server s3;
  private static String bucket;
  private static Path corpus;

  @BeforeAll
  static void startS3() throws Exception {
    corpus = Fixtures.root().resolve("icechunk");
    s3 = S3Server.start();
    bucket = s3.createBucket("icechunk");
    for (String c : CASES) {
      s3.upload(corpus.resolve(c).resolve("repo"), bucket, c + "/repo");
    }
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (s3 != null) {
      s3.close();
    }
  }

  @BeforeEach
  void reset() {
    s3.proxy().reset();
    s3.proxy().faults(r -> CountingProxy.Fault.NONE);
  }

  private static String uri(String c) {
    return "s3a://" + bucket + "/" + c + "/repo";
  }

  private static String local(String c) {
    return corpus.resolve(c).resolve("repo").toString();
  }

  /** The requests so far, with the bucket as B. */
  private static List<String> log() {
    return s3.proxy().requests().stream().map(r -> r.toString().replace("/" + bucket + "/", "/B/"))
        .collect(Collectors.toList());
  }

  private static Dataset<Row> remote(String c) {
    return spark.read().format("zarr").options(s3.s3aSettings()).load(uri(c));
  }

  private static String main(String c) throws Exception {
    return new ObjectMapper().readTree(corpus.resolve(c).resolve("case.json").toFile())
        .get("refs").get("branches").get("main").asText();
  }

  private static IcechunkRepository localRepo(String c) {
    return IcechunkRepository.open(new LocalStore(corpus.resolve(c).resolve("repo")));
  }

  /** Keys of the native chunk objects main's tip references for the arrays of its root group. */
  private static Set<String> nativeChunksOfMain(String c) {
    IcechunkRepository repo = localRepo(c);
    Snapshot s = repo.snapshotOfBranch("main");
    Set<String> out = new TreeSet<>();
    for (Node n : s.children("/")) {
      if (!n.isArray()) {
        continue;
      }
      for (ManifestRef m : n.array().manifests()) {
        for (Manifest.Entry e : repo.manifest(m.manifestId()).entries(n.id())) {
          if (e.ref() instanceof ChunkRef.Native nat) {
            out.add(nat.key());
          }
        }
      }
    }
    return out;
  }

  /** GETs per object key (relative to the repository), of the requests so far. */
  private static Map<String, Long> getsPerKey(String c) {
    String prefix = "/" + bucket + "/" + c + "/repo/";
    return s3.proxy().requests().stream().filter(Request::isGet).filter(r -> r.target.startsWith(prefix))
        .collect(Collectors.groupingBy(r -> r.target.substring(prefix.length()), TreeMap::new, Collectors.counting()));
  }

  /**
   * Keys of the manifests main's tip references for the arrays {@code arrays} (empty: every array
   * of the root group, those of its table).
   */
  private static Set<String> manifestsOfMain(String c, Set<String> arrays) {
    Set<String> out = new TreeSet<>();
    for (Node n : localRepo(c).snapshotOfBranch("main").children("/")) {
      if (n.isArray() && (arrays.isEmpty() || arrays.contains(n.name()))) {
        n.array().manifests().forEach(m -> out.add("manifests/" + m.manifestId()));
      }
    }
    return out;
  }

  /** Number of chunks of the root group's arrays that main's tip stores inline (in its manifests). */
  private static long inlineChunksOfMain(String c) {
    IcechunkRepository repo = localRepo(c);
    long n = 0;
    for (Node node : repo.snapshotOfBranch("main").children("/")) {
      if (node.isArray()) {
        for (ManifestRef m : node.array().manifests()) {
          n += repo.manifest(m.manifestId()).entries(node.id()).stream()
              .filter(e -> e.ref() instanceof ChunkRef.Inline).count();
        }
      }
    }
    return n;
  }

  /**
   * Opening main of a spec 2 repository: the probe for a kerchunk Parquet set ({@code .zmetadata}:
   * missing), then the {@code repo} object (recognition and branches, tags, snapshots in one GET)
   * and main's snapshot: three requests, no LIST.
   */
  @Test
  void openingMainOfSpec2CostsTheRepoObjectThenOneSnapshot() throws Exception {
    for (String c : List.of("ic_v2_climate", "ic_split_manifests")) {
      s3.proxy().reset();
      remote(c).schema();
      String at = "/B/" + c + "/repo/";
      assertEquals(List.of("GET " + at + ".zmetadata (ranged)", "GET " + at + "repo (ranged)",
          "GET " + at + "snapshots/" + main(c) + " (ranged)"), log(), c);
    }
  }

  /**
   * Spec 1: the {@code .zmetadata} probe (missing), {@code repo} (missing), main's ref (recognition
   * and main's tip in one GET), then main's snapshot: four requests, no LIST.
   */
  @Test
  void openingMainOfSpec1CostsTheRefThenOneSnapshot() throws Exception {
    remote("ic_v1_climate").schema();
    String at = "/B/ic_v1_climate/repo/";
    assertEquals(List.of("GET " + at + ".zmetadata (ranged)",
        "GET " + at + "repo (ranged)", "GET " + at + "refs/branch.main/ref.json (ranged)",
        "GET " + at + "snapshots/" + main("ic_v1_climate") + " (ranged)"), log());
  }

  /**
   * Reading a whole table: each task reads the snapshot once and each manifest it needs once;
   * each native chunk is one ranged GET (no HEAD: the manifest gives offset and length); inline
   * chunks cost nothing. No LIST, no HEAD. The rows are those of a local read.
   */
  @Test
  void readingFetchesEachManifestOncePerTaskAndOneRangedGetPerNativeChunk() throws Exception {
    for (String c : List.of("ic_v2_climate", "ic_v1_climate")) {
      Dataset<Row> df = remote(c);
      s3.proxy().reset();
      List<String> rows = SparkRows.sorted(df);
      List<Request> reading = s3.proxy().requests();
      int tasks = df.rdd().getNumPartitions();
      assertTrue(reading.stream().allMatch(r -> r.isGet() && r.ranged), c + ": " + log());
      Map<String, Long> gets = getsPerKey(c);
      assertEquals(Map.of("snapshots/" + main(c), (long) tasks), filter(gets, "snapshots/"), c + ": " + log());
      Map<String, Long> manifests = filter(gets, "manifests/");
      assertEquals(manifestsOfMain(c, Set.of()), manifests.keySet(), c + ": " + log());
      assertTrue(manifests.values().stream().allMatch(n -> n <= tasks), c + ": " + log());
      Set<String> natives = nativeChunksOfMain(c);
      Map<String, Long> chunks = filter(gets, "chunks/");
      assertEquals(natives, chunks.keySet(), c + ": " + log());
      assertTrue(chunks.values().stream().allMatch(n -> n == 1), c + ": " + log());
      assertTrue(inlineChunksOfMain(c) > 0, c + " has inline chunks");
      assertEquals(tasks + manifests.values().stream().mapToLong(Long::longValue).sum() + natives.size(),
          reading.size(), c + ": " + log());
      assertEquals(SparkRows.sorted(spark.read().format("zarr").load(local(c))), rows, c);
    }
  }

  private static Map<String, Long> filter(Map<String, Long> gets, String prefix) {
    Map<String, Long> out = new TreeMap<>();
    gets.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /**
   * Split manifests (t2m and sp: one manifest per time chunk): a query whose WHERE selects one
   * time step fetches, of those two arrays, only the manifests whose extents hold that time chunk.
   */
  @Test
  void aQueryOnOneTimeChunkFetchesOnlyTheManifestsWhoseExtentsHoldIt() throws Exception {
    String c = "ic_split_manifests";
    List<Row> times = spark.read().format("zarr").load(local(c)).select("time").distinct().orderBy("time")
        .collectAsList();
    Object t = times.get(2).get(0); // time index 2: time chunk 1 (chunks of 2 steps)
    IcechunkRepository repo = localRepo(c);
    Snapshot snap = repo.snapshotOfBranch("main");
    Set<String> split = manifestsOfMain(c, Set.of("t2m", "sp"));
    Set<String> wanted = new TreeSet<>();
    for (String a : List.of("t2m", "sp")) {
      Node n = snap.node("/" + a);
      assertEquals(6, n.array().manifests().size(), a + " has a manifest per time chunk");
      n.array().manifestsFor(new long[] {1, 0, 0}, new long[] {2, 1, 1})
          .forEach(m -> wanted.add("manifests/" + m.manifestId()));
    }
    assertEquals(2, wanted.size(), wanted.toString());
    Dataset<Row> df = remote(c).filter(org.apache.spark.sql.functions.col("time").equalTo(t));
    s3.proxy().reset();
    List<String> rows = SparkRows.sorted(df);
    assertEquals(0, s3.proxy().requests().stream().filter(Request::isList).count(), log().toString());
    Set<String> fetched = new TreeSet<>(filter(getsPerKey(c), "manifests/").keySet());
    fetched.retainAll(split);
    assertEquals(wanted, fetched, "of the " + split.size() + " manifests of t2m and sp: " + log());
    // Exactly: planning reads the time coordinate (its manifest; the driver has the snapshot), the
    // one task the snapshot, the coordinates' manifests and the two split manifests. Every chunk
    // of this repository is inline.
    Map<String, Long> want = new TreeMap<>();
    want.put("snapshots/" + main(c), 1L);
    String time = manifestsOfMain(c, Set.of("time")).iterator().next();
    want.put(time, 2L);
    manifestsOfMain(c, Set.of("lat", "lon")).forEach(m -> want.merge(m, 1L, Long::sum));
    wanted.forEach(m -> want.put(m, 1L));
    assertEquals(1, df.rdd().getNumPartitions());
    assertEquals(want, getsPerKey(c), log().toString());
    assertEquals(7, s3.proxy().requests().size(), log().toString());
    assertEquals(SparkRows.sorted(spark.read().format("zarr").load(local(c))
        .filter(org.apache.spark.sql.functions.col("time").equalTo(t))), rows);
    assertEquals(24, rows.size());
  }

  /** Every case, and time travel through SQL, reads the same rows from S3 as from the local folder. */
  @Test
  void valuesEqualLocalReads() {
    for (String c : CASES) {
      assertEquals(SparkRows.sorted(spark.read().format("zarr").load(local(c))), SparkRows.sorted(remote(c)), c);
    }
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    Map<String, String> settings = s3.s3aSettings();
    settings.forEach(conf::set);
    try {
      String q = "SELECT time, avg(t2m), count(*) FROM zarr.`%s` VERSION AS OF 'v1' GROUP BY time";
      assertEquals(SparkRows.sorted(spark.sql(String.format(q, local("ic_v2_climate")))),
          SparkRows.sorted(spark.sql(String.format(q, uri("ic_v2_climate")))));
    } finally {
      settings.keySet().forEach(conf::unset);
    }
  }

  /**
   * What makes a native chunk one request: HadoopStore reads a range of an object of unknown
   * length on S3A as one ranged GET (no HEAD). A range past the object's end is then clipped
   * (the failed read, a HEAD, the clipped read), a missing object is one GET (404).
   */
  @Test
  void hadoopStoreRangesOfUnknownObjectsAreOneGet() throws Exception {
    org.zarrspark.spark.store.HadoopStore store =
        new org.zarrspark.spark.store.HadoopStore(uri("ic_v2_climate"), s3.hadoopConf());
    String at = "/B/ic_v2_climate/repo/";
    byte[] whole = java.nio.file.Files.readAllBytes(corpus.resolve("ic_v2_climate/repo/chunks/ME3XRN49PPESS7ACP750"));
    assertEquals(539, whole.length);
    org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(whole, 10, 110),
        store.getRange("chunks/ME3XRN49PPESS7ACP750", 10, 100));
    assertEquals(List.of("GET " + at + "chunks/ME3XRN49PPESS7ACP750 (ranged)"), log());
    s3.proxy().reset();
    org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(whole, 500, 539),
        store.getRange("chunks/ME3XRN49PPESS7ACP750", 500, 1000));
    List<String> clipped = log();
    assertEquals("GET " + at + "chunks/ME3XRN49PPESS7ACP750 (ranged)", clipped.get(0), clipped.toString());
    assertTrue(clipped.size() <= 3 && clipped.contains("HEAD " + at + "chunks/ME3XRN49PPESS7ACP750"), clipped.toString());
    s3.proxy().reset();
    org.junit.jupiter.api.Assertions.assertNull(store.getRange("chunks/NO0SUCH0CHUNK0000000", 0, 100));
    assertEquals(List.of("GET " + at + "chunks/NO0SUCH0CHUNK0000000 (ranged)"), log());
    s3.proxy().reset();
    assertEquals(0, store.getRange("chunks/ME3XRN49PPESS7ACP750", 600, 10).length);
  }

  /**
   * A virtual target on S3 is read only while its etag is the one the reference recorded: the
   * target's etag comes from the server (S3A's EtagSource), and a changed one is an error naming
   * the chunk and the location.
   */
  @Test
  void aVirtualTargetOnS3IsCheckedByItsEtag() throws Exception {
    String url = "s3a://" + bucket + "/ic_v2_climate/repo/repo"; // any object serves as a target
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    s3.s3aSettings().forEach(conf::set);
    org.zarrspark.core.store.RangeTargets.Opener open = dir -> new org.zarrspark.spark.util.StoreLocation(dir, conf).open();
    String etag = open.apply("s3a://" + bucket + "/ic_v2_climate/repo").etag("repo");
    assertTrue(etag != null && !etag.isEmpty(), "the S3 server reports an etag");
    org.zarrspark.core.icechunk.VirtualChunks v = new org.zarrspark.core.icechunk.VirtualChunks(
        List.of("s3a://" + bucket + "/"), open, () -> org.zarrspark.core.icechunk.RepoConfig.DEFAULT);
    byte[] head = v.read(new ChunkRef.Virtual(url, 0, 12, etag, null), 0, 12, "t2m/c/0/0/0");
    assertEquals("ICE", new String(head, 0, 3, java.nio.charset.StandardCharsets.US_ASCII));
    org.zarrspark.core.error.ChecksumMismatchException e = org.junit.jupiter.api.Assertions.assertThrows(
        org.zarrspark.core.error.ChecksumMismatchException.class,
        () -> v.read(new ChunkRef.Virtual(url, 0, 12, "0123abcd", null), 0, 12, "t2m/c/1/0/0"));
    assertTrue(e.getMessage().contains("t2m/c/1/0/0") && e.getMessage().contains(url), e.getMessage());
  }
}
