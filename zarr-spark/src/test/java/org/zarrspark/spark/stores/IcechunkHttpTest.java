package org.zarrspark.spark.stores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.core.testing.StaticHttpServer;
import org.zarrspark.core.testing.StaticHttpServer.Request;
import org.zarrspark.spark.SparkTestBase;

/** An Icechunk repository read over http:// (zarr-core's test HTTP server): requests and rows. */
class IcechunkHttpTest extends SparkTestBase {
  private static StaticHttpServer server;
  private static Path corpus;

  @BeforeAll
  static void startServer() throws Exception {
    corpus = Fixtures.root().resolve("icechunk");
    server = StaticHttpServer.start().mount("/ice", corpus);
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
  }

  private static List<String> log() {
    return server.requests().stream().map(Request::toString).collect(Collectors.toList());
  }

  /**
   * Spec 2 over HTTP: the kerchunk probe ({@code .zmetadata}: 404), then {@code repo} (recognition
   * and refs in one GET) and main's snapshot. Reading: the task's snapshot, each manifest once, one ranged
   * GET per native chunk (no HEAD), nothing for inline chunks; the rows of a local read.
   */
  @Test
  void aRepositoryOverHttpCostsItsRepoObjectSnapshotManifestsAndOneRangedGetPerNativeChunk() {
    String base = "/ice/ic_v2_climate/repo/";
    Dataset<Row> df = spark.read().format("zarr").load(server.url() + base);
    assertEquals(List.of("GET " + base + ".zmetadata -> 404", "GET " + base + "repo -> 200",
        "GET " + base + "snapshots/RQ1KTE289XSRRZ66W080 -> 200"), log());
    server.reset();
    List<String> rows = SparkRows.sorted(df);
    List<Request> reading = server.requests();
    assertEquals(1, df.rdd().getNumPartitions());
    assertEquals(List.of("GET " + base + "snapshots/RQ1KTE289XSRRZ66W080 -> 200",
        "GET " + base + "manifests/8GAS7MZDTXPBBCTQQFZG -> 200", "GET " + base + "manifests/RDV84DXAGSMMKS88WPSG -> 200",
        "GET " + base + "manifests/NB202C1KJDJ65F8ANJC0 -> 200", "GET " + base + "manifests/1TP2KK47WDR6SHRTTQB0 -> 200",
        "GET " + base + "manifests/YGQ1A27C6YQYZ8MTPV90 -> 200",
        "GET " + base + "chunks/ME3XRN49PPESS7ACP750 [bytes=0-538] -> 206",
        "GET " + base + "chunks/6ZHAZJMQDXXP8QP96SG0 [bytes=0-537] -> 206",
        "GET " + base + "chunks/54G50X884YXVJS1XRRR0 [bytes=0-543] -> 206"), sortedByKind(reading));
    assertEquals(SparkRows.sorted(spark.read().format("zarr").load(corpus.resolve("ic_v2_climate/repo").toString())), rows);
  }

  /** Spec 1 over HTTP: the kerchunk probe, {@code repo} (404), main's ref (recognition and tip), the snapshot. */
  @Test
  void aSpec1RepositoryOverHttpOpensWithItsRefAndOneSnapshot() {
    String base = "/ice/ic_v1_climate/repo/";
    Dataset<Row> df = spark.read().format("zarr").load(server.url() + base);
    assertEquals(List.of("GET " + base + ".zmetadata -> 404",
        "GET " + base + "repo -> 404", "GET " + base + "refs/branch.main/ref.json -> 200",
        "GET " + base + "snapshots/95T22JXN02XNP5Q7KTH0 -> 200"), log());
    server.reset();
    assertEquals(SparkRows.sorted(spark.read().format("zarr").load(corpus.resolve("ic_v1_climate/repo").toString())),
        SparkRows.sorted(df));
    assertTrue(server.requests().stream().allMatch(r -> r.method.equals("GET") && r.status / 100 == 2), log().toString());
  }

  /** The requests as text: snapshot, then manifests, then chunks, each kind in the order made. */
  private static List<String> sortedByKind(List<Request> log) {
    return log.stream().map(Request::toString)
        .sorted(java.util.Comparator.comparingInt(s -> s.contains("/snapshots/") ? 0 : s.contains("/manifests/") ? 1 : 2))
        .collect(Collectors.toList());
  }
}
