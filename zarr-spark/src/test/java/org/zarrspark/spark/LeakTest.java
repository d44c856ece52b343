package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.cli.SampleStore;
import org.zarrspark.core.store.LocalStore;

/**
 * Many partitions over the same sharded store, from several queries at once: results agree and
 * no file descriptors are left open once the jobs are done. (The reader starts no threads of its
 * own; Spark's pools grow with concurrency, so thread counts are not compared.)
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

  @Test
  void concurrentScansLeaveNoOpenFiles() throws Exception {
    Runnable query = () -> spark.read().format("zarr").option("targetPartitionBytes", "1k").load(v3)
        .where("lat > 0").collectAsList();
    query.run(); // warm up Spark's own pools and caches
    System.gc();
    int files = openFiles();
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
  }
}
