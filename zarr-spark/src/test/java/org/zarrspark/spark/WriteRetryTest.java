package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.spark.write.WriteHooks;

/**
 * Spark's own task retries: a session that allows 3 attempts per task ({@code local[2,3]}). A
 * write task that fails after writing a chunk is retried by Spark and the job succeeds with the
 * same bytes as a write without failures, and nothing else in the store; a task that fails on
 * every attempt fails the job and leaves the previous state (nothing, the old dataset, or the
 * dataset before the append) and no staging copy.
 */
class WriteRetryTest {
  private static SparkSession spark;

  @TempDir
  Path tmp;

  /** (stage, partition, attempt) of every injected failure. */
  private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() {
    // One SparkContext per JVM: stop the session the other test classes share (their
    // SparkTestBase makes a new one with getOrCreate) and start one that retries tasks.
    SparkSession.getDefaultSession().foreach(s -> { s.stop(); return null; });
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    spark = SparkSession.builder()
        .master("local[2,3]") // 2 threads, 3 attempts per task
        .appName("zarr-spark-retry-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "3")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.catalog.zarr", ZarrCatalog.class.getName())
        .getOrCreate();
    spark.sparkContext().setLogLevel("OFF");
    assertEquals("local[2,3]", spark.sparkContext().master());
  }

  @AfterAll
  static void stop() {
    spark.stop();
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }

  @AfterEach
  void clearHook() {
    WriteHooks.afterChunk = null;
    FAILED.clear();
  }

  /** Fails every write task after its first chunk, on the attempts below {@code attempts}. */
  private static void failFirstAttempts(int attempts) {
    WriteHooks.afterChunk = chunk -> {
      TaskContext tc = TaskContext.get();
      if (tc.attemptNumber() < attempts) {
        FAILED.add(tc.stageId() + "/" + tc.partitionId() + "/" + tc.attemptNumber());
        throw new IllegalStateException("injected failure after chunk " + chunk + " in attempt " + tc.attemptNumber());
      }
    };
  }

  private static Dataset<Row> df(int firstHour, int hours) {
    return spark.createDataFrame(WriteRoundTripTest.rows(firstHour, hours), WriteRoundTripTest.SCHEMA);
  }

  private static void write(Dataset<Row> df, Path out, String mode) {
    df.write().format("zarr").option("dimensions", "time,lat,lon").option("chunks", "1,3,5").mode(mode)
        .save(out.toString());
  }

  private static List<String> files(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /** Same keys, same bytes (the metadata too: nothing in it depends on the attempts). */
  private static void assertSameStore(Path expected, Path actual) throws IOException {
    List<String> keys = files(expected);
    assertEquals(keys, files(actual), "only the dataset's keys: no staging or partial files");
    for (String k : keys) {
      assertArrayEquals(Files.readAllBytes(expected.resolve(k)), Files.readAllBytes(actual.resolve(k)), k);
    }
  }

  private static void assertValues(Path out, int hours) {
    assertEquals(WriteRoundTripTest.expected(WriteRoundTripTest.rows(0, hours), hours),
        WriteRoundTripTest.actual(spark.read().format("zarr").load(out.toString())));
    Hierarchy h = Hierarchy.open(new LocalStore(out));
    assertEquals(hours, h.array("t2m").metadata().shape()[0]);
    // zarr-core: time 0, lat 40 (la = 2), lon 3.0 (lo = 2) is 250 + 2 * 0.5 + 2 * 0.25
    assertEquals(251.5f, h.array("t2m").readAll().getFloat(2));
  }

  @Test
  void firstAttemptsFailThenRetriesWriteTheSameDataset() throws IOException {
    Path reference = tmp.resolve("ref/out.zarr");
    write(df(0, 6), reference, "errorifexists");

    Path out = tmp.resolve("new/out.zarr");
    failFirstAttempts(1);
    write(df(0, 6), out, "errorifexists");
    assertTrue(FAILED.size() >= 2, "every write task failed once: " + FAILED);
    assertValues(out, 6);
    assertSameStore(reference, out);
    assertEquals(List.of("out.zarr"), names(tmp.resolve("new")));
  }

  @Test
  void retriedOverwriteAndAppendEqualAWriteWithoutFailures() throws IOException {
    Path reference = tmp.resolve("ref/out.zarr");
    write(df(0, 4), reference, "errorifexists");
    write(df(4, 2), reference, "append");

    Path out = tmp.resolve("o/out.zarr");
    write(df(0, 3), out, "errorifexists");
    failFirstAttempts(1);
    write(df(0, 4), out, "overwrite");
    assertFalse(FAILED.isEmpty());
    FAILED.clear();
    write(df(4, 2), out, "append");
    assertFalse(FAILED.isEmpty());
    assertValues(out, 6);
    assertSameStore(reference, out);
    assertEquals(List.of("out.zarr"), names(tmp.resolve("o")), "no staging or replaced copy left");
  }

  @Test
  void everyAttemptFailingLeavesNothingForANewDataset() throws IOException {
    Path out = tmp.resolve("n/out.zarr");
    Files.createDirectories(out.getParent());
    failFirstAttempts(Integer.MAX_VALUE);
    Exception e = assertThrows(Exception.class, () -> write(df(0, 4), out, "errorifexists"));
    assertTrue(String.valueOf(e.getMessage()).contains("failed 3 times"), e.getMessage());
    assertTrue(FAILED.stream().anyMatch(f -> f.endsWith("/2")), "the third attempt ran: " + FAILED);
    assertEquals(List.of(), names(out.getParent()));
  }

  @Test
  void everyAttemptFailingKeepsTheOldDataset() throws IOException {
    Path out = tmp.resolve("k/out.zarr");
    write(df(0, 3), out, "errorifexists");
    List<byte[]> before = new ArrayList<>();
    List<String> keys = files(out);
    for (String k : keys) {
      before.add(Files.readAllBytes(out.resolve(k)));
    }
    failFirstAttempts(Integer.MAX_VALUE);
    assertThrows(Exception.class, () -> write(df(0, 5), out, "overwrite"));
    assertThrows(Exception.class, () -> write(df(3, 2), out, "append"));
    assertEquals(keys, files(out));
    for (int i = 0; i < keys.size(); i++) {
      assertArrayEquals(before.get(i), Files.readAllBytes(out.resolve(keys.get(i))), keys.get(i));
    }
    assertEquals(List.of("out.zarr"), names(out.getParent()), "no staging copy left");
    WriteHooks.afterChunk = null;
    assertValues(out, 3);
  }
}
