package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.spark.metrics.ScanMetrics;

/** FAILFAST (default) fails naming the chunk; PERMISSIVE returns NULL rows for it and counts it. */
class ReadModeTest extends SparkTestBase {
  /** 16 x 16 int32 in 8 x 8 chunks; chunk c/1/0 is a truncated zstd frame. */
  private static Path store() {
    return Fixtures.python().resolve("bad_v3_zstd_truncated/store.zarr/a");
  }

  @Test
  void failFastNamesTheChunk() {
    Exception e = assertThrows(Exception.class,
        () -> spark.read().format("zarr").load(store().toString()).collectAsList());
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getMessage());
    }
    assertTrue(sb.toString().contains("a/c/1/0"), sb.toString());
  }

  @Test
  void permissiveNullsTheRowsOfUnreadableChunks() {
    Dataset<Row> df = spark.read().format("zarr").option("mode", "PERMISSIVE").load(store().toString());
    List<Row> rows = df.collectAsList();
    assertEquals(256, rows.size());
    // The good chunks, read directly with zarr-core, must come back unchanged.
    ZarrArray a = Hierarchy.open(new LocalStore(store())).array("");
    int nulls = 0;
    for (Row r : rows) {
      long y = r.getLong(0);
      long x = r.getLong(1);
      boolean bad = y >= 8 && x < 8;
      if (bad) {
        assertTrue(r.isNullAt(2), "row " + y + "," + x);
        nulls++;
      } else {
        NdBuffer v = a.read(new long[] {y, x}, new int[] {1, 1});
        assertEquals(v.getInt(0), r.getInt(2), "row " + y + "," + x);
      }
    }
    assertEquals(64, nulls);
    assertEquals(1, metric(df, ScanMetrics.CORRUPT_CHUNKS));
  }

  @Test
  void unknownModeIsRefused() {
    Exception e = assertThrows(Exception.class,
        () -> spark.read().format("zarr").option("mode", "LENIENT").load(store().toString()).schema());
    assertTrue(String.valueOf(e.getMessage()).contains("FAILFAST or PERMISSIVE"), e.getMessage());
  }
}
