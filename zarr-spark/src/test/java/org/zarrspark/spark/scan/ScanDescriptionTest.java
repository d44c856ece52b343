package org.zarrspark.spark.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.zarrspark.spark.pushdown.Selection;

/** The scan's text from a value: the format EXPLAIN readers parse. */
class ScanDescriptionTest {
  private static final long[] SIZES = {4, 6};

  @Test
  void wholeTable() {
    ScanDescription d = new ScanDescription("file:/s.zarr", List.of("y", "x"), List.of(), Selection.all(SIZES),
        new ChunkCounts(16, 16), null, -1, List.of(), List.of());
    assertEquals("ZarrScan store=file:/s.zarr, dims=[y, x], pushed=[], selection=all, chunks=16/16", d.text());
  }

  @Test
  void everyPart() {
    Selection sel = Selection.alongDim(SIZES, 0, List.of(new long[] {1, 3})).inexact();
    ScanDescription d = new ScanDescription("s3a://b/s.zarr", List.of("y", "x"), List.of("y > 0", "y < 3"), sel,
        new ChunkCounts(4, 16), "struct<max(v):float> partial per task", 10, List.of("c (complex)"),
        List.of("note"));
    assertEquals("ZarrScan store=s3a://b/s.zarr, dims=[y, x], pushed=[y > 0, y < 3], selection=[1:3, 0:6] (inexact),"
        + " chunks=4/16, aggregate=struct<max(v):float> partial per task, limit=10, leftOut=[c (complex)],"
        + " notes=[note]", d.text());
  }

  @Test
  void skippedChunks() {
    assertEquals(12, new ChunkCounts(4, 16).skipped());
  }
}
