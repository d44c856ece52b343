package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.cli.SampleStore;
import org.zarrspark.core.codec.ShardingCodec;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.testing.HostileStores;

/**
 * Many partitions over the same sharded store (several per shard), from several queries at once:
 * results agree, no file descriptors are left open once the jobs are done, and no thread is left
 * running our code or was created by it (the reader starts no threads of its own; Spark's pools
 * grow with concurrency, so their sizes are not compared). Failing jobs over hostile stores leave
 * nothing open either.
 */
class LeakTest extends SparkTestBase {
  @TempDir
  static Path dir;
  static String v3;

  @BeforeAll
  static void writeStore() {
    v3 = dir.resolve("v3.zarr").toString();
    SampleStore.write(new LocalStore(dir.resolve("v3.zarr")), 3);
  }

  private static int openFiles() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? -1 : fds.length;
  }

  /**
   * Live threads other than this one whose stack is in our code, or, new since {@code baseline},
   * whose name is ours (threads other test classes left, e.g. S3A pools for a "zarr-..." bucket,
   * are in the baseline).
   */
  private static List<String> ourThreads(Set<Long> baseline) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      Thread t = e.getKey();
      if (t == Thread.currentThread() || !t.isAlive()) {
        continue;
      }
      boolean ours = !baseline.contains(t.getId()) && t.getName().toLowerCase(Locale.ROOT).contains("zarr");
      for (StackTraceElement f : e.getValue()) {
        ours |= f.getClassName().startsWith("org.zarrspark.") && !f.getClassName().endsWith("Test");
      }
      if (ours) {
        out.add(t.getName() + " " + Arrays.toString(e.getValue()));
      }
    }
    return out;
  }

  private static Set<Long> liveThreads() {
    Set<Long> ids = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      ids.add(t.getId());
    }
    return ids;
  }

  private static Set<Long> nonDaemonThreads() {
    Set<Long> ids = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && !t.isDaemon()) {
        ids.add(t.getId());
      }
    }
    return ids;
  }

  @Test
  void severalPartitionsPerShard() {
    ZarrArray t2m = Hierarchy.open(new LocalStore(Path.of(v3))).array("t2m");
    ShardingCodec sharding = t2m.metadata().sharding();
    assertTrue(sharding != null, "the sample v3 store is sharded");
    long shards = t2m.metadata().chunkCount();
    int partitions = spark.read().format("zarr").option("targetPartitionBytes", "1k").load(v3)
        .rdd().getNumPartitions();
    assertTrue(partitions >= 2 * shards, partitions + " partitions for " + shards + " shards");
  }

  @Test
  void concurrentScansLeaveNoOpenFilesNorThreads() throws Exception {
    Runnable query = () -> spark.read().format("zarr").option("targetPartitionBytes", "1k").load(v3)
        .where("lat > 0").collectAsList();
    query.run(); // warm up Spark's own pools and caches
    System.gc();
    int files = openFiles();
    Set<Long> nonDaemon = nonDaemonThreads();
    Set<Long> threads = liveThreads();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Long>> counts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      counts.add(pool.submit(() -> spark.read().format("zarr").option("targetPartitionBytes", "1k").load(v3)
          .where("lat > 0").count()));
    }
    for (Future<Long> f : counts) {
      assertEquals(48L * 18 * 72, f.get(2, TimeUnit.MINUTES));
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
    query.run();
    System.gc();
    Thread.sleep(200);
    if (files >= 0) {
      assertTrue(openFiles() <= files + 2, "open files before " + files + ", after " + openFiles());
    }
    assertEquals(List.of(), ourThreads(threads));
    Set<Long> lingering = nonDaemonThreads();
    lingering.removeAll(nonDaemon);
    assertEquals(Set.of(), lingering, "non-daemon threads left behind");
  }

  /** Jobs that fail on hostile chunks (FAILFAST) or skip them (PERMISSIVE) release everything too. */
  @Test
  void failingScansLeaveNoOpenFilesNorThreads() throws Exception {
    List<String> stores = new ArrayList<>();
    for (HostileStores.Case c : HostileStores.all()) {
      if (c.level == HostileStores.Level.CHUNK) {
        stores.add(c.build(Files.createDirectories(dir.resolve("hostile").resolve(c.name))).toString());
      }
    }
    Runnable all = () -> {
      for (String s : stores) {
        assertThrows(Exception.class, () -> spark.read().format("zarr").load(s).collectAsList());
        assertEquals(256, spark.read().format("zarr").option("mode", "PERMISSIVE").load(s).collectAsList().size());
      }
    };
    all.run(); // warm up
    System.gc();
    int files = openFiles();
    Set<Long> threads = liveThreads();
    for (int i = 0; i < 2; i++) {
      all.run();
    }
    System.gc();
    Thread.sleep(200);
    if (files >= 0) {
      assertTrue(openFiles() <= files + 2, "open files before " + files + ", after " + openFiles());
    }
    assertEquals(List.of(), ourThreads(threads));
  }
}
