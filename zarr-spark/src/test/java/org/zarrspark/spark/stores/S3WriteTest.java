package org.zarrspark.spark.stores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.spark.SparkTestBase;
import org.zarrspark.spark.WriteSamples;
import org.zarrspark.spark.store.HadoopStore;
import org.zarrspark.spark.stores.CountingProxy.Request;
import org.zarrspark.spark.write.WriteHooks;

/**
 * Writes through s3a:// to a real S3 server (s3proxy): a new v3 dataset, an overwrite and an
 * append read back with the same values as the rows written, and nothing else is left in the
 * bucket. One PUT per chunk object: each task uploads a chunk with a single PUT.
 */
class S3WriteTest extends SparkTestBase {
  private static S3Server s3;
  private static String bucket;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3Server.start();
    bucket = s3.createBucket("zarr-writes");
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (s3 != null) {
      s3.close();
    }
  }

  @AfterEach
  void clearHook() {
    WriteHooks.afterChunk = null;
  }

  private static Dataset<Row> df(int firstHour, int hours) {
    return spark.createDataFrame(WriteSamples.rows(firstHour, hours), WriteSamples.SCHEMA);
  }

  private static void write(Dataset<Row> df, String uri, String mode) {
    df.write().format("zarr").options(s3.s3aSettings()).option("dimensions", "time,lat,lon")
        .option("chunks", "1,3,5").mode(mode).save(uri);
  }

  private static TreeSet<String> read(String uri) {
    return WriteSamples.actual(spark.read().format("zarr").options(s3.s3aSettings()).load(uri));
  }

  /** Every object under {@code prefix} of the bucket, relative to it. */
  private static List<String> objects(String prefix) throws IOException {
    Path root = new Path("s3a://" + bucket + "/" + prefix);
    FileSystem fs = root.getFileSystem(s3.hadoopConf());
    List<String> out = new ArrayList<>();
    if (!fs.exists(root)) {
      return out;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    String base = root.toUri().getPath();
    while (it.hasNext()) {
      out.add(it.next().getPath().toUri().getPath().substring(base.length() + 1));
    }
    out.sort(null);
    return out;
  }

  private static List<Request> puts(String what) {
    return s3.proxy().requests().stream().filter(r -> r.method.equals("PUT") && r.target.contains(what))
        .collect(Collectors.toList());
  }

  @Test
  void newOverwriteAndAppend() throws IOException {
    String uri = "s3a://" + bucket + "/w/out.zarr";
    s3.proxy().reset();
    write(df(0, 4), uri, "errorifexists");
    assertEquals(WriteSamples.expected(WriteSamples.rows(0, 4), 4), read(uri));
    List<String> keys = objects("w");
    List<String> chunks = keys.stream().filter(k -> k.contains("/c/")).collect(Collectors.toList());
    // 4 time steps x 3 variables, one chunk each per step (none is all fill), plus 3 coordinate chunks.
    assertEquals(4 * 3 + 3, chunks.size(), keys.toString());
    // One PUT per chunk object: no retries, no multipart, no per-row requests.
    assertEquals(chunks.size(), puts("/c/").size(), puts("/c/").toString());
    assertTrue(keys.stream().allMatch(k -> k.startsWith("out.zarr/")), keys.toString());
    assertEquals(3, Hierarchy.open(new HadoopStore(uri, s3.hadoopConf())).zarrFormat());

    s3.proxy().reset();
    write(df(0, 2), uri, "overwrite");
    assertEquals(WriteSamples.expected(WriteSamples.rows(0, 2), 2), read(uri));
    List<String> after = objects("w");
    assertTrue(after.stream().allMatch(k -> k.startsWith("out.zarr/")), "no staging or replaced copy: " + after);
    assertEquals(2 * 3 + 3, after.stream().filter(k -> k.contains("/c/")).count(), after.toString());
    assertSwapOrder(s3.proxy().requests(), "/" + bucket + "/w/out.zarr/", 2 * 3 + 3);

    write(df(2, 3), uri, "append");
    assertEquals(WriteSamples.expected(WriteSamples.rows(0, 5), 5), read(uri));
    assertEquals(5, Hierarchy.open(new HadoopStore(uri, s3.hadoopConf())).array("time").metadata().shape()[0]);
  }

  /**
   * An overwrite on S3 writes the new dataset beside the old one (one PUT per chunk), then
   * swaps: the old root metadata is deleted before any other object of the old dataset, the new
   * chunks are copied in (one server-side COPY, a PUT, per chunk), and the new root metadata is
   * the last object to appear. So a new reader finds the old dataset, no dataset, or the new one.
   */
  private static void assertSwapOrder(List<Request> log, String target, int chunks) {
    List<String> changes = new ArrayList<>();
    for (Request r : log) {
      boolean bulkDelete = r.method.equals("POST") && r.target.contains("delete");
      if (bulkDelete || (r.method.equals("DELETE") || r.method.equals("PUT")) && r.target.startsWith(target)) {
        changes.add(r.method + " " + (bulkDelete ? "(bulk)" : r.target.substring(target.length())));
      }
    }
    assertEquals("DELETE zarr.json", changes.get(0), changes.toString());
    assertEquals("PUT zarr.json", changes.get(changes.size() - 1), changes.toString());
    int firstPut = changes.indexOf(changes.stream().filter(c -> c.startsWith("PUT")).findFirst().orElseThrow());
    // After that, only the moves: copies in, bulk deletes of the staging copy's objects.
    assertTrue(changes.subList(firstPut, changes.size()).stream().noneMatch(c -> c.startsWith("DELETE")), changes.toString());
    assertEquals(chunks, changes.stream().filter(c -> c.startsWith("PUT") && c.contains("/c/")).count(), changes.toString());
    String staging = target.replace("/out.zarr/", "/.out.zarr.writing-");
    assertEquals(chunks, log.stream().filter(r -> r.method.equals("PUT") && r.target.startsWith(staging)
        && r.target.contains("/c/")).count(), "one PUT per chunk in the staging copy");
  }

  @Test
  void failedOverwriteKeepsTheOldDatasetOnS3() throws IOException {
    String uri = "s3a://" + bucket + "/f/out.zarr";
    write(df(0, 2), uri, "errorifexists");
    List<String> before = objects("f");
    WriteHooks.afterChunk = chunk -> {
      throw new IllegalStateException("injected failure after chunk " + chunk);
    };
    assertThrows(Exception.class, () -> write(df(0, 4), uri, "overwrite"));
    assertThrows(Exception.class, () -> write(df(2, 2), uri, "append"));
    assertEquals(before, objects("f"));
    WriteHooks.afterChunk = null;
    assertEquals(WriteSamples.expected(WriteSamples.rows(0, 2), 2), read(uri));
  }

  @Test
  void sqlCtasAndV2OverwriteOnS3() throws IOException {
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    Map<String, String> settings = s3.s3aSettings();
    settings.forEach(conf::set);
    try {
      String uri = "s3a://" + bucket + "/sql/v2.zarr";
      df(0, 2).createOrReplaceTempView("s3src");
      spark.sql("CREATE TABLE zarr.`" + uri + "` OPTIONS (dimensions 'time,lat,lon', zarrFormat '2') AS SELECT * FROM s3src");
      assertEquals(WriteSamples.expected(WriteSamples.rows(0, 2), 2), WriteSamples.actual(spark.sql("SELECT * FROM zarr.`" + uri + "`")));
      // A v2 overwrite: .zattrs, .zgroup and .zmetadata are moved in last.
      // (SQL INSERT OVERWRITE cannot be used here: it needs option 'dimensions', which it cannot pass.)
      df(0, 3).write().format("zarr").option("dimensions", "time,lat,lon").option("zarrFormat", "2")
          .mode("overwrite").save(uri);
      assertEquals(WriteSamples.expected(WriteSamples.rows(0, 3), 3), WriteSamples.actual(spark.sql("SELECT * FROM zarr.`" + uri + "`")));
      assertEquals(2, Hierarchy.open(new HadoopStore(uri, s3.hadoopConf())).zarrFormat());
      List<String> keys = objects("sql");
      assertTrue(keys.stream().allMatch(k -> k.startsWith("v2.zarr/")) && keys.contains("v2.zarr/.zmetadata"), keys.toString());
    } finally {
      settings.keySet().forEach(conf::unset);
    }
  }
}
