package org.zarrspark.spark.stores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.spark.SparkTestBase;
import org.zarrspark.spark.stores.CountingProxy.Fault;
import org.zarrspark.spark.stores.CountingProxy.Request;

/**
 * s3a:// against an S3 server that fails: S3A's own retries (configured, not reimplemented)
 * carry a query through 503s and dropped connections with identical results; a server that
 * denies access or is down gives a clear error naming the URI, quickly.
 */
class S3FaultTest extends SparkTestBase {
  private static S3Server s3;
  private static String bucket;
  private static Path store;

  @BeforeAll
  static void startS3() throws Exception {
    store = Fixtures.python().resolve("xr_climate_v3/store.zarr");
    s3 = S3Server.start();
    bucket = s3.createBucket("zarr-faults");
    s3.upload(store, bucket, "climate.zarr");
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
    s3.proxy().faults(r -> Fault.NONE);
  }

  private static Dataset<Row> read(Map<String, String> settings, String uri) {
    return spark.read().format("zarr").options(settings).load(uri);
  }

  @Test
  void failed503sAndDroppedConnectionsAreRetriedByS3a() {
    List<String> local = SparkRows.sorted(spark.read().format("zarr").load(store.toString()));
    AtomicInteger n = new AtomicInteger();
    // About 5% of requests answered 503 (every 20th), and every 13th connection dropped unanswered.
    s3.proxy().faults(r -> {
      int i = n.incrementAndGet();
      return i % 20 == 0 ? Fault.FAIL_503 : i % 13 == 0 ? Fault.DROP : Fault.NONE;
    });
    assertEquals(local, SparkRows.sorted(read(s3.s3aSettings(), "s3a://" + bucket + "/climate.zarr")));
    assertTrue(n.get() >= 26, "faults were injected: " + n.get() + " requests");
  }

  @Test
  void accessDeniedIsAClearErrorAndNotRetried() {
    Map<String, String> wrong = s3.s3aSettings();
    wrong.put("fs.s3a.secret.key", "not-the-secret");
    wrong.put("fs.s3a.impl.disable.cache", "true"); // not the cached filesystem with the right key
    String uri = "s3a://" + bucket + "/climate.zarr";
    Exception e = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> assertThrows(Exception.class, () -> read(wrong, uri).collectAsList()));
    assertTrue(e.getMessage().contains(uri), e.getMessage());
    assertTrue(e.getMessage().contains("403") || e.getMessage().contains("AccessDenied"), e.getMessage());
    List<Request> log = s3.proxy().requests();
    assertEquals(log.size(), log.stream().map(r -> r.toString()).collect(Collectors.toSet()).size(),
        "no request was repeated: " + log);
  }

  @Test
  void aServerThatIsDownIsAClearErrorAfterBoundedRetries() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    Map<String, String> down = s3.s3aSettings();
    down.put("fs.s3a.endpoint", "http://127.0.0.1:" + port);
    down.put("fs.s3a.impl.disable.cache", "true");
    String uri = "s3a://" + bucket + "-down/climate.zarr";
    Exception e = assertTimeoutPreemptively(Duration.ofSeconds(90),
        () -> assertThrows(Exception.class, () -> read(down, uri).collectAsList()));
    assertTrue(e.getMessage().contains(uri), e.getMessage());
  }
}
