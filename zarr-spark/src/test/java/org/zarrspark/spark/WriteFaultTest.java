package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.spark.write.WriteHooks;

/**
 * A task fails after writing some chunks: the job aborts and leaves the previous state (nothing,
 * the old dataset, or the dataset before the append); running the job again gives the complete
 * dataset. Chunk bytes depend only on the chunk's rows, so retried attempts rewrite the same bytes.
 */
class WriteFaultTest extends SparkTestBase {
  @TempDir
  Path tmp;

  @AfterEach
  void clearHook() {
    WriteHooks.afterChunk = null;
  }

  /** Fails the write task that writes the second chunk. */
  private static void failAfterFirstChunk() {
    AtomicInteger n = new AtomicInteger();
    WriteHooks.afterChunk = chunk -> {
      if (n.incrementAndGet() == 2) {
        throw new IllegalStateException("injected failure after chunk " + chunk);
      }
    };
  }

  private static void write(Dataset<Row> df, String uri, String mode) {
    df.write().format("zarr").option("dimensions", "time,lat,lon").option("chunks", "1,3,5").mode(mode).save(uri);
  }

  private static List<String> files(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void failedNewDatasetLeavesNothingAndRetryCompletes() throws IOException {
    Path out = tmp.resolve("new.zarr");
    failAfterFirstChunk();
    assertThrows(Exception.class, () -> write(WriteRoundTripTest.df(WriteRoundTripTest.rows(0, 4)), out.toString(), "errorifexists"));
    assertFalse(Files.exists(out), "an aborted new dataset is removed");
    assertEquals(List.of(), files(tmp));
    WriteHooks.afterChunk = null;
    List<Row> rows = WriteRoundTripTest.rows(0, 4);
    write(WriteRoundTripTest.df(rows), out.toString(), "errorifexists");
    assertEquals(WriteRoundTripTest.expected(rows, 4), WriteRoundTripTest.actual(spark.read().format("zarr").load(out.toString())));
  }

  @Test
  void failedOverwriteKeepsTheOldDataset() throws IOException {
    Path out = tmp.resolve("o.zarr");
    List<Row> old = WriteRoundTripTest.rows(0, 2);
    write(WriteRoundTripTest.df(old), out.toString(), "errorifexists");
    List<String> before = files(out);
    failAfterFirstChunk();
    assertThrows(Exception.class, () -> write(WriteRoundTripTest.df(WriteRoundTripTest.rows(0, 4)), out.toString(), "overwrite"));
    assertEquals(before, files(out));
    assertEquals(List.of("o.zarr"), Files.list(tmp).map(p -> p.getFileName().toString()).collect(Collectors.toList()),
        "the staging copy is removed");
    assertEquals(WriteRoundTripTest.expected(old, 2), WriteRoundTripTest.actual(spark.read().format("zarr").load(out.toString())));
  }

  @Test
  void failedAppendKeepsTheDatasetBeforeItAndRetryCompletes() throws IOException {
    Path out = tmp.resolve("a.zarr");
    List<Row> first = WriteRoundTripTest.rows(0, 2);
    write(WriteRoundTripTest.df(first), out.toString(), "errorifexists");
    List<String> before = files(out);
    failAfterFirstChunk();
    assertThrows(Exception.class, () -> write(WriteRoundTripTest.df(WriteRoundTripTest.rows(2, 3)), out.toString(), "append"));
    assertEquals(before, files(out), "added chunks are removed; metadata untouched");
    assertEquals(WriteRoundTripTest.expected(first, 2), WriteRoundTripTest.actual(spark.read().format("zarr").load(out.toString())));
    WriteHooks.afterChunk = null;
    write(WriteRoundTripTest.df(WriteRoundTripTest.rows(2, 3)), out.toString(), "append");
    assertEquals(WriteRoundTripTest.expected(WriteRoundTripTest.rows(0, 5), 5),
        WriteRoundTripTest.actual(spark.read().format("zarr").load(out.toString())));
  }

  @Test
  void sameRowsInAnyOrderGiveTheSameBytes() throws IOException {
    List<Row> rows = WriteRoundTripTest.rows(0, 4);
    Path a = tmp.resolve("a.zarr");
    Path b = tmp.resolve("b.zarr");
    write(WriteRoundTripTest.df(rows), a.toString(), "errorifexists");
    write(WriteRoundTripTest.df(rows).repartition(3).orderBy(functions.rand(7)), b.toString(), "errorifexists");
    List<String> keys = files(a);
    assertEquals(keys, files(b));
    List<String> chunks = new ArrayList<>();
    for (String k : keys) {
      assertArrayEquals(Files.readAllBytes(a.resolve(k)), Files.readAllBytes(b.resolve(k)), k);
      if (k.startsWith("t2m/c/")) {
        chunks.add(k);
      }
    }
    assertEquals(4, chunks.size(), "one chunk per time step: " + chunks);
    assertEquals(4, Hierarchy.open(new LocalStore(a)).array("time").metadata().shape()[0]);
  }
}
