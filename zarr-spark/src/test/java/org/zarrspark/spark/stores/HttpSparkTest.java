package org.zarrspark.spark.stores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.store.HttpSettings;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.core.testing.StaticHttpServer;
import org.zarrspark.core.testing.StaticHttpServer.Fault;
import org.zarrspark.core.testing.StaticHttpServer.Request;
import org.zarrspark.spark.SparkTestBase;
import org.zarrspark.spark.metrics.ScanMetrics;

/**
 * Spark over http:// and ipfs:// (a local HTTP server and an IPFS-gateway-like one): the same rows
 * as local reads, metadata in one GET, one GET per chunk with no HEAD, the store-requests metric
 * equal to what the server saw, and the same rows again when 5% of requests fail.
 */
class HttpSparkTest extends SparkTestBase {
  private static final String CID = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
  private static StaticHttpServer server;
  private static Path python;

  @BeforeAll
  static void startServer() throws Exception {
    python = Fixtures.python();
    server = StaticHttpServer.start().mount("/data", python).mount("/ipfs/" + CID, python);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void reset() {
    server.reset();
    server.faults(r -> Fault.NONE);
  }

  private static String local(String fixture) {
    return python.resolve(fixture + "/store.zarr").toString();
  }

  private static String http(String fixture) {
    return server.url() + "/data/" + fixture + "/store.zarr";
  }

  @Test
  void httpReadsEqualLocalReads() {
    for (String f : List.of("xr_climate_v3", "xr_climate_v2")) {
      Dataset<Row> local = spark.read().format("zarr").load(local(f));
      Dataset<Row> remote = spark.read().format("zarr").load(http(f));
      assertEquals(local.schema(), remote.schema());
      assertEquals(SparkRows.sorted(local), SparkRows.sorted(remote), f);
    }
    // SQL through the zarr catalog.
    String sql = "SELECT time, avg(t2m) FROM zarr.`%s` WHERE lat > 30 GROUP BY time";
    assertEquals(SparkRows.sorted(spark.sql(String.format(sql, local("xr_climate_v2")))),
        SparkRows.sorted(spark.sql(String.format(sql, http("xr_climate_v2")))));
  }

  @Test
  void requestsOfAQueryAreAccountedFor() {
    Dataset<Row> df = spark.read().format("zarr").load(http("xr_climate_v3"));
    List<Request> planning = server.requests();
    // A location named *.zarr is the store root (no probe of its parent): one GET opens it.
    assertEquals(List.of("GET /data/xr_climate_v3/store.zarr/zarr.json -> 200"), strings(planning));
    server.reset();
    df.collectAsList();
    List<Request> reading = server.requests();
    assertTrue(reading.stream().allMatch(r -> r.method.equals("GET") && r.status / 100 == 2), strings(reading).toString());
    assertEquals(reading.size(), metric(df, ScanMetrics.STORE_REQUESTS),
        "the store-requests metric counts what the server saw");
  }

  @Test
  void ipfsThroughAGatewayOptionOrHadoopSetting() {
    String uri = "ipfs://" + CID + "/xr_climate_v2/store.zarr";
    List<String> want = SparkRows.sorted(spark.read().format("zarr").load(local("xr_climate_v2")));
    assertEquals(want, SparkRows.sorted(spark.read().format("zarr").option(HttpSettings.IPFS_GATEWAY, server.url()).load(uri)));
    assertTrue(server.requests().stream().allMatch(r -> r.path.startsWith("/ipfs/" + CID + "/")));
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    conf.set(HttpSettings.IPFS_GATEWAY, server.url());
    try {
      assertEquals(want, SparkRows.sorted(spark.sql("SELECT * FROM zarr.`" + uri + "`")));
    } finally {
      conf.unset(HttpSettings.IPFS_GATEWAY);
    }
  }

  @Test
  void fivePercentFailuresGiveTheSameRows() {
    List<String> want = SparkRows.sorted(spark.read().format("zarr").load(local("xr_climate_v3")));
    AtomicInteger n = new AtomicInteger();
    server.faults(r -> {
      int i = n.incrementAndGet();
      return i % 20 == 0 ? Fault.FAIL_503 : i % 17 == 0 ? Fault.DROP : i % 11 == 0 ? Fault.SLOW : Fault.NONE;
    });
    Dataset<Row> df = spark.read().format("zarr").option(HttpSettings.BACKOFF_MS, "10").load(http("xr_climate_v3"));
    assertEquals(want, SparkRows.sorted(df));
    assertTrue(server.requests().stream().anyMatch(r -> r.status == 503), "503s were served");
  }

  @Test
  void arraysOfAStoreWithoutConsolidatedMetadataAreReadByPath() {
    String array = server.url() + "/data/ts_v3_sharding/store.zarr/shard_index_end";
    assertEquals(SparkRows.sorted(spark.read().format("zarr").load(local("ts_v3_sharding") + "/shard_index_end")),
        SparkRows.sorted(spark.read().format("zarr").load(array)));
    // Its root group cannot be listed over HTTP.
    Exception e = assertThrows(Exception.class, () -> spark.read().format("zarr").load(http("ts_v3_sharding")));
    assertTrue(e.getMessage().contains("consolidated metadata"), e.getMessage());
  }

  private static List<String> strings(List<Request> log) {
    return log.stream().map(Request::toString).collect(Collectors.toList());
  }
}
