package org.zarrspark.core.store;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.error.StoreException;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.core.testing.SameArrays;
import org.zarrspark.core.testing.StaticHttpServer;
import org.zarrspark.core.testing.StaticHttpServer.Fault;
import org.zarrspark.core.testing.StaticHttpServer.Request;

/**
 * HttpStore against servers that misbehave: reads still return the fixtures' values after
 * bounded retries, and servers that are down or deny access give a clear error quickly.
 */
class HttpFaultTest {
  private static StaticHttpServer server;
  private static Path python;
  /** Quick retries: 4 attempts, 10 ms doubling, 1 s per attempt. */
  private static final HttpSettings QUICK = HttpSettings.from(k -> Map.of(
      HttpSettings.ATTEMPTS, "4", HttpSettings.BACKOFF_MS, "10", HttpSettings.TIMEOUT_MS, "1000").get(k));

  @BeforeAll
  static void start() throws Exception {
    python = Fixtures.python();
    server = StaticHttpServer.start().mount("/data", python);
    server.delays(50, 3_000);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void reset() {
    server.reset();
    server.faults(r -> Fault.NONE);
  }

  private static HttpStore http(String fixture) {
    return new HttpStore(server.url() + "/data/" + fixture + "/store.zarr", QUICK);
  }

  /** Every n-th request fails the given way (deterministic, unlike a coin). */
  private static void everyNth(int n, Fault fault) {
    AtomicInteger count = new AtomicInteger();
    server.faults(r -> count.incrementAndGet() % n == 0 ? fault : Fault.NONE);
  }

  @Test
  void fivePercent503sAreRetried() {
    everyNth(20, Fault.FAIL_503);
    for (String fixture : List.of("xr_climate_v3", "xr_climate_v2")) {
      SameArrays.assertSameHierarchy(Hierarchy.open(new LocalStore(python.resolve(fixture + "/store.zarr"))),
          Hierarchy.open(http(fixture)));
    }
    long failed = server.requests().stream().filter(r -> r.status == 503).count();
    assertTrue(failed >= 3, "503s were served: " + failed);
  }

  @Test
  void droppedConnectionsAndSlowAnswersAreRetried() {
    AtomicInteger count = new AtomicInteger();
    server.faults(r -> {
      int n = count.incrementAndGet();
      return n % 7 == 0 ? Fault.DROP : n % 5 == 0 ? Fault.SLOW : Fault.NONE;
    });
    SameArrays.assertSameHierarchy(Hierarchy.open(new LocalStore(python.resolve("xr_climate_v3/store.zarr"))),
        Hierarchy.open(http("xr_climate_v3")));
    assertTrue(server.requests().stream().anyMatch(r -> r.status == 0), "connections were dropped");
  }

  @Test
  void aStalledAnswerTimesOutAndIsRetried() {
    AtomicInteger count = new AtomicInteger();
    server.faults(r -> count.incrementAndGet() == 2 ? Fault.STALL : Fault.NONE); // stalls 3 s > the 1 s timeout
    SameArrays.assertSameHierarchy(Hierarchy.open(new LocalStore(python.resolve("xr_climate_v2/store.zarr"))),
        Hierarchy.open(http("xr_climate_v2")));
    List<Request> log = server.requests();
    assertEquals(log.get(1).path, log.get(2).path, "the stalled request was sent again: " + log);
    long waitedMs = (log.get(2).arrivedNanos - log.get(1).arrivedNanos) / 1_000_000;
    assertTrue(waitedMs >= 900 && waitedMs < 2_500, "abandoned after the 1 s timeout, not the 3 s stall: " + waitedMs);
  }

  @Test
  void missingKeysAreNeverRetried() {
    everyNth(1, Fault.NONE);
    assertEquals(null, http("xr_climate_v3").get("t2m/c/99/99/99"));
    assertEquals(1, server.requests().size());
  }

  @Test
  void accessDeniedFailsAtOnceNamingTheUri() {
    server.faults(r -> Fault.FORBIDDEN);
    HttpStore s = http("xr_climate_v3");
    StoreException e = assertThrows(StoreException.class, () -> Hierarchy.open(s));
    assertTrue(e.getMessage().contains("HTTP 403 (access denied)"), e.getMessage());
    assertTrue(e.getMessage().contains(server.url() + "/data/xr_climate_v3/store.zarr/zarr.json"), e.getMessage());
    assertEquals(1, server.requests().size(), "403 is not retried");
  }

  @Test
  void a503ThatNeverEndsFailsAfterTheBoundedAttempts() {
    server.faults(r -> Fault.FAIL_503);
    StoreException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(StoreException.class, () -> http("xr_climate_v3").get("zarr.json")));
    assertTrue(e.getMessage().contains("failed after 4 attempts: HTTP 503"), e.getMessage());
    assertEquals(4, server.requests().size());
  }

  @Test
  void aServerThatIsDownFailsQuicklyNamingTheUri() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String url = "http://127.0.0.1:" + port + "/store.zarr";
    StoreException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(StoreException.class, () -> Hierarchy.open(new HttpStore(url, QUICK))));
    assertTrue(e.getMessage().contains(url + "/zarr.json"), e.getMessage());
    assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
  }

  @Test
  void settingsAreChecked() {
    assertThrows(RuntimeException.class, () -> HttpSettings.from(k -> k.equals(HttpSettings.ATTEMPTS) ? "0" : null));
    assertThrows(RuntimeException.class, () -> HttpSettings.from(k -> k.equals(HttpSettings.TIMEOUT_MS) ? "soon" : null));
  }
}
