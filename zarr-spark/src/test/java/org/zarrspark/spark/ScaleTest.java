package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.core.write.GroupWriter;

/**
 * A grid of 1,000,000 chunks over 10^10 elements (more than 2^31): planning stays fast and
 * small (tiles of chunks, no per-chunk objects), and reads far into the array index with longs.
 */
class ScaleTest extends SparkTestBase {
  @TempDir
  static Path dir;
  static String store;

  @BeforeAll
  static void writeMetadataAndOneChunk() {
    store = dir.resolve("huge.zarr").toString();
    LocalStore s = new LocalStore(dir.resolve("huge.zarr"));
    GroupWriter.create(s, "", 3, null);
    ArrayWriter w = ArrayWriter.create(s, "v", ArraySpec.of(DataType.FLOAT32, new long[] {100_000, 100_000},
        new int[] {100, 100}).dimensionNames(List.of("y", "x")));
    NdBuffer chunk = NdBuffer.allocate(DataType.FLOAT32, new int[] {100, 100});
    ByteBuffer b = ByteBuffer.wrap(chunk.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 100 * 100; i++) {
      b.putFloat(i * 4, i);
    }
    w.writeChunk(new long[] {999, 999}, chunk); // the very last chunk, beyond 2^31 elements
  }

  @Test
  void planningAMillionChunksIsBoundedInTimeAndPartitions() {
    long t0 = System.nanoTime();
    ZarrTable t = ZarrTables.open(store, new ZarrOptions(Map.of("path", store)));
    Scan scan = t.newScanBuilder(new CaseInsensitiveStringMap(Map.of())).build();
    InputPartition[] parts = scan.toBatch().planInputPartitions();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(parts.length < 10_000, parts.length + " partitions for 10^6 chunks: chunks are packed");
    assertTrue(parts.length >= 2, "the scan is still split across cores");
    assertTrue(ms < 10_000, "planning took " + ms + " ms");
    assertTrue(scan.description().contains("chunks=1000000/1000000"), scan.description());
  }

  @Test
  void countIsAnsweredFromMetadataAndReadsReachPast2Pow31() {
    Row count = spark.sql("SELECT count(*) FROM zarr.`" + store + "`").collectAsList().get(0);
    assertEquals(10_000_000_000L, count.getLong(0));
    List<Row> rows = spark.sql("SELECT y, x, v FROM zarr.`" + store + "` WHERE y >= 99998 AND x >= 99999 ORDER BY y")
        .collectAsList();
    assertEquals(2, rows.size());
    assertEquals(99_998L, rows.get(0).getLong(0));
    assertEquals(98 * 100 + 99f, rows.get(0).getFloat(2));
    assertEquals(99 * 100 + 99f, rows.get(1).getFloat(2));
    // A missing chunk reads as the fill value (NaN, hence NULL).
    Row first = spark.sql("SELECT v FROM zarr.`" + store + "` WHERE y = 0 AND x = 0").collectAsList().get(0);
    assertTrue(first.isNullAt(0));
  }
}
