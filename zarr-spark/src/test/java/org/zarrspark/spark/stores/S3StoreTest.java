package org.zarrspark.spark.stores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.testing.Expected;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.core.testing.SameArrays;
import org.zarrspark.spark.SparkTestBase;
import org.zarrspark.spark.metrics.ScanMetrics;
import org.zarrspark.spark.store.HadoopStore;
import org.zarrspark.spark.stores.CountingProxy.Request;

/**
 * s3a:// through hadoop-aws against a real S3 server (s3proxy): Spark and the connector's HadoopStore
 * read the fixtures with the same values as local reads, and the requests the server sees are
 * counted: metadata in one GET, no LIST, one GET per chunk and ranged GETs for shards.
 */
class S3StoreTest extends SparkTestBase {
  private static S3Server s3;
  private static String bucket;
  private static Path python;

  @BeforeAll
  static void startS3() throws Exception {
    python = Fixtures.python();
    s3 = S3Server.start();
    bucket = s3.createBucket("zarr-fixtures");
    for (String f : List.of("xr_climate_v3", "xr_climate_v2", "ts_v3_sharding")) {
      s3.upload(python.resolve(f + "/store.zarr"), bucket, f + "/store.zarr");
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

  static String uri(String fixture) {
    return "s3a://" + bucket + "/" + fixture + "/store.zarr";
  }

  private static List<String> log() {
    return s3.proxy().requests().stream().map(r -> r.toString().replace("/" + bucket + "/", "/B/"))
        .collect(Collectors.toList());
  }

  private static long count(List<Request> log, String what) {
    return log.stream().filter(r -> what.equals("LIST") ? r.isList() : what.equals("GET") ? r.isGet()
        : r.method.equals(what)).count();
  }

  @Test
  void dataFramesEqualLocalReads() {
    for (String f : List.of("xr_climate_v3", "xr_climate_v2")) {
      Dataset<Row> local = spark.read().format("zarr").load(python.resolve(f + "/store.zarr").toString());
      Dataset<Row> remote = spark.read().format("zarr").options(s3.s3aSettings()).load(uri(f));
      assertEquals(local.schema(), remote.schema(), f);
      assertEquals(SparkRows.sorted(local), SparkRows.sorted(remote), f);
    }
  }

  @Test
  void sqlEqualsLocalReads() {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Map<String, String> settings = s3.s3aSettings();
    settings.forEach(conf::set);
    try {
      for (String f : List.of("xr_climate_v3", "xr_climate_v2")) {
        String q = "SELECT time, lat, avg(t2m), count(*) FROM zarr.`%s` WHERE lat > 30 GROUP BY time, lat";
        assertEquals(SparkRows.sorted(spark.sql(String.format(q, python.resolve(f + "/store.zarr")))),
            SparkRows.sorted(spark.sql(String.format(q, uri(f)))), f);
      }
    } finally {
      settings.keySet().forEach(conf::unset);
    }
  }

  @Test
  void aQueryMakesNoListAndReadsEachChunkOnce() {
    Dataset<Row> df = spark.read().format("zarr").options(s3.s3aSettings()).load(uri("xr_climate_v3"));
    // Planning: a location named *.zarr is the store root (no probe of its parent): the metadata.
    assertEquals(List.of("GET /B/xr_climate_v3/store.zarr/zarr.json (ranged)"), log());
    s3.proxy().reset();
    df.collectAsList();
    List<Request> reading = s3.proxy().requests();
    assertEquals(0, count(reading, "LIST"), log().toString());
    assertOneGetPerObject(reading);
    // Every GET is one store read, which the scan's store-requests metric counts.
    assertEquals(count(reading, "GET"), metric(df, ScanMetrics.STORE_REQUESTS), log().toString());
  }

  @Test
  void aV2StoreOpensWithOneGetWhenItsFormatIsGiven() {
    Dataset<Row> df = spark.read().format("zarr").options(s3.s3aSettings()).option("zarrFormat", "2")
        .load(uri("xr_climate_v2"));
    assertEquals(List.of("GET /B/xr_climate_v2/store.zarr/.zmetadata (ranged)"), log());
    Dataset<Row> local = spark.read().format("zarr").load(python.resolve("xr_climate_v2/store.zarr").toString());
    assertEquals(SparkRows.sorted(local), SparkRows.sorted(df));
  }

  /**
   * Whole objects (chunks, metadata) cost one GET and no HEAD; a shard costs one HEAD (its
   * length, to find the index at its end) and ranged GETs of its index and inner chunks.
   */
  private static void assertOneGetPerObject(List<Request> log) {
    Map<String, Long> heads = log.stream().filter(r -> r.method.equals("HEAD"))
        .collect(Collectors.groupingBy(r -> r.target, Collectors.counting()));
    Map<String, Long> gets = log.stream().filter(Request::isGet)
        .collect(Collectors.groupingBy(r -> r.target, Collectors.counting()));
    assertTrue(heads.values().stream().allMatch(n -> n == 1), log().toString());
    assertTrue(gets.keySet().containsAll(heads.keySet()), log().toString());
    gets.forEach((target, n) -> assertTrue(heads.containsKey(target) ? n >= 2 : n == 1, target + ": " + log()));
    assertEquals(log.size(), count(log, "GET") + count(log, "HEAD"));
  }

  @Test
  void hadoopStoreOpensConsolidatedMetadataWithOneGet() {
    HadoopStore v3 = new HadoopStore(uri("xr_climate_v3"), s3.hadoopConf());
    Hierarchy.open(v3).walk("");
    assertEquals(List.of("GET /B/xr_climate_v3/store.zarr/zarr.json (ranged)"), log());
    // v2: the v3 document is looked for first (a GET that finds nothing), then .zmetadata...
    s3.proxy().reset();
    Hierarchy.open(new HadoopStore(uri("xr_climate_v2"), s3.hadoopConf())).walk("");
    assertEquals(List.of("GET /B/xr_climate_v2/store.zarr/zarr.json (ranged)",
        "GET /B/xr_climate_v2/store.zarr/.zmetadata (ranged)"), log());
    // ...unless the format is known.
    s3.proxy().reset();
    Hierarchy.open(new HadoopStore(uri("xr_climate_v2"), s3.hadoopConf()), true, 2).walk("");
    assertEquals(List.of("GET /B/xr_climate_v2/store.zarr/.zmetadata (ranged)"), log());
  }

  @Test
  void hadoopStoreReadsLikeLocalWithOneGetPerChunk() {
    for (String f : List.of("xr_climate_v3", "xr_climate_v2")) {
      Hierarchy remote = Hierarchy.open(new HadoopStore(uri(f), s3.hadoopConf()));
      s3.proxy().reset();
      SameArrays.assertSameHierarchy(Hierarchy.open(new LocalStore(python.resolve(f + "/store.zarr"))), remote);
      List<Request> log = s3.proxy().requests();
      assertEquals(0, count(log, "LIST"), log().toString());
      assertOneGetPerObject(log);
    }
  }

  /**
   * A scan whose grid cells are the shards' inner chunks (small batches make even 4x4 cells
   * worth walking one by one) reads each inner chunk as decoded, and each shard's length and
   * index once per task: the values equal a local read of the same table.
   */
  @Test
  void aScanReadingShardsCellByCellFetchesEachIndexOncePerTask() {
    Dataset<Row> local = spark.read().format("zarr").load(python.resolve("ts_v3_sharding/store.zarr").toString());
    Dataset<Row> remote = spark.read().format("zarr").options(s3.s3aSettings()).option("batchRows", "16")
        .load(uri("ts_v3_sharding"));
    s3.proxy().reset();
    List<String> rows = SparkRows.sorted(remote);
    List<Request> log = s3.proxy().requests();
    assertEquals(SparkRows.sorted(local), rows);
    assertEquals(50 * 30, rows.size());
    int tasks = remote.rdd().getNumPartitions();
    Map<String, Long> heads = log.stream().filter(r -> r.method.equals("HEAD") && r.target.contains("/c/"))
        .collect(Collectors.groupingBy(r -> r.target, Collectors.counting()));
    assertTrue(!heads.isEmpty(), log().toString());
    heads.forEach((shard, n) -> assertTrue(n <= tasks, shard + " asked for its length " + n + " times in "
        + tasks + " task(s): " + log()));
    // The only listings are S3A's directory probes after a missing shard's HEAD, once per shard.
    List<Request> lists = log.stream().filter(Request::isList).collect(Collectors.toList());
    assertTrue(lists.stream().allMatch(r -> r.target.contains("%2Fc%2F")), log().toString());
    assertEquals(lists.size(), lists.stream().map(r -> r.target).distinct().count(), log().toString());
  }

  @Test
  void shardsCostOneIndexGetAndOneRangedGetPerRun() throws Exception {
    Hierarchy h = Hierarchy.open(new HadoopStore(uri("ts_v3_sharding"), s3.hadoopConf()));
    Path expected = python.resolve("ts_v3_sharding/expected");
    for (String a : List.of("shard_index_end", "shard_index_start", "shard_nested", "shard_be_crc32c_inner")) {
      Expected.assertSameElements(a, Expected.bin(expected.resolve(a + ".bin")), h.array(a).readAll());
    }
    // A new store: nothing known about the shard yet.
    ZarrArray a = Hierarchy.open(new HadoopStore(uri("ts_v3_sharding"), s3.hadoopConf())).array("shard_index_end");
    s3.proxy().reset();
    // k = 4 inner chunks of shard c/0/0: HEAD (its length), GET of the index, then at most 4 GETs.
    NdBuffer box = a.read(new long[] {0, 0}, new int[] {8, 8});
    List<Request> log = s3.proxy().requests();
    assertEquals(1, count(log, "HEAD"), log().toString());
    assertTrue(count(log, "GET") >= 2 && count(log, "GET") <= 5, log().toString());
    assertTrue(log.stream().filter(Request::isGet).allMatch(r -> r.ranged), log().toString());
    assertEquals(0, count(log, "LIST"));
    SameArrays.assertSame("box", Hierarchy.open(new LocalStore(python.resolve("ts_v3_sharding/store.zarr")))
        .array("shard_index_end").read(new long[] {0, 0}, new int[] {8, 8}), box);
  }

  @Test
  void missingChunksCostAtMostTwoRequests() {
    HadoopStore s = new HadoopStore(uri("ts_v3_sharding"), s3.hadoopConf());
    assertNull(s.get("shard_index_end/c/2/1"));
    assertEquals(List.of("GET /B/ts_v3_sharding/store.zarr/shard_index_end/c/2/1 (ranged)"), log());
    // Bounded whole reads end where the object does and leave the connection reusable.
    int before = s3.proxy().connections();
    for (int i = 0; i < 8; i++) {
      assertTrue(s.get("shard_index_end/zarr.json").length > 0);
    }
    assertTrue(s3.proxy().connections() - before <= 1, (s3.proxy().connections() - before) + " new connections");
    // An empty object exists: S3 answers the bounded GET with 416, which reads as no bytes.
    s.put("empty/object", new byte[0]);
    assertEquals(0, s.get("empty/object").length);
    s.delete("empty/object");
    // A missing shard: its length is asked for (HEAD, then S3A's directory probe), nothing else.
    s3.proxy().reset();
    NdBuffer fill = Hierarchy.open(s).array("shard_index_end").read(new long[] {32, 16}, new int[] {4, 4});
    assertEquals(-1, fill.getInt(0));
    List<Request> log = s3.proxy().requests().stream().filter(r -> r.target.contains("/c/")).collect(Collectors.toList());
    assertTrue(log.size() <= 2, log.toString());
  }
}
