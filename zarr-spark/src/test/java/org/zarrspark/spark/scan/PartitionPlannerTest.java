package org.zarrspark.spark.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.spark.pushdown.Selection;

/**
 * {@link PartitionPlanner}: tile sizes for a byte target, partitions of a selection along the
 * read grid, and the chunk counts EXPLAIN shows. Expected tiles and partitions are worked out
 * by hand in the comments.
 */
class PartitionPlannerTest {
  private static final long[] SIZES = {10, 7};
  private static final int[] CHUNKS = {4, 3};

  private static ChunkGrid g(long[] sizes, int[] chunks) {
    return ChunkGrid.regular(sizes, chunks);
  }

  private static long[] r(long lo, long hi) {
    return new long[] {lo, hi};
  }

  private static List<String> boxes(List<ZarrInputPartition> parts) {
    List<String> out = new ArrayList<>();
    for (long[] b : PartitionPlanner.boxes(parts)) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < b.length; i += 2) {
        sb.append(i == 0 ? "" : ", ").append(b[i]).append(':').append(b[i + 1]);
      }
      out.add(sb.append(']').toString());
    }
    return out;
  }

  // ---- tile ----

  @Test
  void tileGrowsAlongTheLastDimensionFirst() {
    long[] sizes = {100, 100};
    int[] chunks = {10, 10};
    // A chunk is 10 x 10 rows of 4 bytes = 400 bytes; the grid is 10 x 10 chunks.
    assertArrayEquals(new int[] {1, 1}, PartitionPlanner.tile(g(sizes, chunks), 4, 400));
    assertArrayEquals(new int[] {1, 1}, PartitionPlanner.tile(g(sizes, chunks), 4, 399));
    assertArrayEquals(new int[] {1, 1}, PartitionPlanner.tile(g(sizes, chunks), 4, 1));
    assertArrayEquals(new int[] {1, 3}, PartitionPlanner.tile(g(sizes, chunks), 4, 1200));
    assertArrayEquals(new int[] {1, 10}, PartitionPlanner.tile(g(sizes, chunks), 4, 4000));
    // 4399 bytes: 10 chunks (4000 bytes) along the last axis, then no room for a second row.
    assertArrayEquals(new int[] {1, 10}, PartitionPlanner.tile(g(sizes, chunks), 4, 4399));
    assertArrayEquals(new int[] {2, 10}, PartitionPlanner.tile(g(sizes, chunks), 4, 8000));
    assertArrayEquals(new int[] {10, 10}, PartitionPlanner.tile(g(sizes, chunks), 4, 1L << 40));
  }

  /**
   * A point series (one chunk across lat and lon, all of time): the tile grows along time at once,
   * since the selection reaches no further along the others; without the span it would stop at
   * the grid's lon and lat chunks, which the selection never reads.
   */
  @Test
  void aTileGrowsOnlyWhereTheSelectionReaches() {
    long[] sizes = {720, 181, 360};
    int[] chunks = {24, 91, 180};
    long chunkBytes = 24L * 91 * 180 * 4;
    List<long[]> point = List.<long[]>of(new long[] {0, 720, 130, 131, 100, 101});
    long[] span = PartitionPlanner.span(point, g(sizes, chunks));
    assertArrayEquals(new long[] {30, 1, 1}, span);
    assertArrayEquals(new int[] {15, 1, 1}, PartitionPlanner.tile(g(sizes, chunks), span, 4, 15 * chunkBytes));
    assertArrayEquals(new int[] {3, 2, 2}, PartitionPlanner.tile(g(sizes, chunks), 4, 15 * chunkBytes));
    Selection sel = Selection.alongDim(sizes, 1, List.<long[]>of(new long[] {130, 131}))
        .and(Selection.alongDim(sizes, 2, List.<long[]>of(new long[] {100, 101})));
    assertArrayEquals(point.get(0), sel.boxes().get(0));
    List<ZarrInputPartition> parts = PartitionPlanner.plan(sel, g(sizes, chunks), PartitionPlanner.tile(g(sizes, chunks), span, 4, 15 * chunkBytes), -1);
    assertEquals(2, parts.size());
    assertEquals(360, parts.get(0).shape[0]);
    // Two boxes: their bounding box, in chunks.
    assertArrayEquals(new long[] {2, 1, 2}, PartitionPlanner.span(List.of(new long[] {0, 24, 0, 10, 0, 10},
        new long[] {30, 40, 5, 6, 300, 301}), g(sizes, chunks)));
    assertArrayEquals(new long[] {0, 0, 0}, PartitionPlanner.span(List.of(), g(sizes, chunks)));
  }

  @Test
  void tileInThreeDimensionsStopsAtTheFirstAxisNotTakenWhole() {
    long[] sizes = {24, 13, 16};
    int[] chunks = {6, 7, 8};
    // Chunk: 6 x 7 x 8 = 336 rows x 8 bytes = 2688 bytes; grid 4 x 2 x 2.
    assertArrayEquals(new int[] {1, 2, 2}, PartitionPlanner.tile(g(sizes, chunks), 8, 4 * 2688));
    // Three chunks' worth: the last axis whole (2), then one more does not fit.
    assertArrayEquals(new int[] {1, 1, 2}, PartitionPlanner.tile(g(sizes, chunks), 8, 3 * 2688));
    assertArrayEquals(new int[] {2, 2, 2}, PartitionPlanner.tile(g(sizes, chunks), 8, 8 * 2688));
    assertArrayEquals(new int[] {4, 2, 2}, PartitionPlanner.tile(g(sizes, chunks), 8, 100 * 2688));
  }

  @Test
  void tileOfAChunkLargerThanItsDimensionCountsOnlyTheRealRows() {
    // Chunks 10 x 100 over 5 x 1000: a chunk holds 5 x 100 = 500 real rows of 1 byte.
    assertArrayEquals(new int[] {1, 5}, PartitionPlanner.tile(g(new long[] {5, 1000}, new int[] {10, 100}), 1, 2500));
    assertArrayEquals(new int[] {1, 10}, PartitionPlanner.tile(g(new long[] {5, 1000}, new int[] {10, 100}), 1, 5000));
  }

  /** Month chunks along time (rectilinear): tiles are runs of whole months, cut where a selection stops. */
  @Test
  void rectilinearTilesAreRunsOfWholeChunks() {
    long[] sizes = {365, 4};
    ChunkGrid months = ChunkGrid.of(sizes, new ChunkGrid.Axis[] {ChunkGrid.Axis.explicit(365,
        new long[] {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}, new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}),
        ChunkGrid.Axis.regular(4)});
    // Days 40..99 (February 10 to April 10): February, March, April.
    Selection sel = Selection.alongDim(sizes, 0, List.<long[]>of(new long[] {40, 100}));
    assertArrayEquals(new long[] {3, 1}, PartitionPlanner.span(sel.boxes(), months));
    assertEquals(List.of("[40:59, 0:4]", "[59:90, 0:4]", "[90:100, 0:4]"),
        boxes(PartitionPlanner.plan(sel, months, new int[] {1, 1}, -1)));
    // Two months per tile: tiles are January+February, March+April, ...
    assertEquals(List.of("[40:59, 0:4]", "[59:100, 0:4]"),
        boxes(PartitionPlanner.plan(sel, months, new int[] {2, 1}, -1)));
    // The longest month (31 days x 4 x 4 bytes = 496 bytes) sizes tiles: 1000 bytes hold two.
    assertArrayEquals(new int[] {2, 1}, PartitionPlanner.tile(months, 4, 1000));
    assertEquals(3, PartitionPlanner.chunksMeeting(sel.boxes(), new int[] {0, 1}, months));
    assertEquals(12, PartitionPlanner.totalChunks(months));
  }

  // ---- plan ----

  @Test
  void wholeTableInSingleChunkTilesWithEdgeChunks() {
    List<ZarrInputPartition> parts = PartitionPlanner.plan(Selection.all(SIZES), g(SIZES, CHUNKS), new int[] {1, 1}, -1);
    // Rows 0:4, 4:8, 8:10 by columns 0:3, 3:6, 6:7, in row-major order.
    assertEquals(List.of(
        "[0:4, 0:3]", "[0:4, 3:6]", "[0:4, 6:7]",
        "[4:8, 0:3]", "[4:8, 3:6]", "[4:8, 6:7]",
        "[8:10, 0:3]", "[8:10, 3:6]", "[8:10, 6:7]"), boxes(parts));
    assertArrayEquals(new long[] {8, 6}, parts.get(8).origin);
    assertArrayEquals(new int[] {2, 1}, parts.get(8).shape);
  }

  @Test
  void tilesOfSeveralChunks() {
    List<ZarrInputPartition> parts = PartitionPlanner.plan(Selection.all(SIZES), g(SIZES, CHUNKS), new int[] {2, 3}, -1);
    // Tiles of 8 x 9 rows: 0:8 and 8:10 by the whole 0:7.
    assertEquals(List.of("[0:8, 0:7]", "[8:10, 0:7]"), boxes(parts));
  }

  @Test
  void selectionBoxIsCutAtChunkBoundaries() {
    Selection sel = Selection.alongDim(SIZES, 0, List.of(r(5, 9))).and(Selection.alongDim(SIZES, 1, List.of(r(2, 4))));
    List<ZarrInputPartition> parts = PartitionPlanner.plan(sel, g(SIZES, CHUNKS), new int[] {1, 1}, -1);
    assertEquals(List.of("[5:8, 2:3]", "[5:8, 3:4]", "[8:9, 2:3]", "[8:9, 3:4]"), boxes(parts));
  }

  @Test
  void eachSelectionBoxIsTiledOnItsOwn() {
    Selection sel = Selection.alongDim(SIZES, 1, List.of(r(0, 2), r(5, 7)));
    List<ZarrInputPartition> parts = PartitionPlanner.plan(sel, g(SIZES, CHUNKS), new int[] {3, 3}, -1);
    // One tile covers the whole table, but the two boxes stay apart.
    assertEquals(List.of("[0:10, 0:2]", "[0:10, 5:7]"), boxes(parts));
  }

  @Test
  void emptySelectionPlansNothing() {
    assertTrue(PartitionPlanner.plan(Selection.none(SIZES), g(SIZES, CHUNKS), new int[] {1, 1}, -1).isEmpty());
  }

  @Test
  void limitStopsOnceEnoughRowsArePlanned() {
    Selection all = Selection.all(SIZES);
    int[] one = {1, 1};
    assertEquals(List.of("[0:4, 0:3]"), boxes(PartitionPlanner.plan(all, g(SIZES, CHUNKS), one, 1)));
    assertEquals(List.of("[0:4, 0:3]"), boxes(PartitionPlanner.plan(all, g(SIZES, CHUNKS), one, 12)));
    assertEquals(List.of("[0:4, 0:3]", "[0:4, 3:6]"), boxes(PartitionPlanner.plan(all, g(SIZES, CHUNKS), one, 13)));
    assertEquals(9, PartitionPlanner.plan(all, g(SIZES, CHUNKS), one, 70).size());
    assertEquals(9, PartitionPlanner.plan(all, g(SIZES, CHUNKS), one, 1000).size());
  }

  @Test
  void scalarTableIsOnePartition() {
    List<ZarrInputPartition> parts = PartitionPlanner.plan(Selection.all(new long[0]), g(new long[0], new int[0]), new int[0], -1);
    assertEquals(1, parts.size());
    assertEquals(0, parts.get(0).origin.length);
  }

  /** Random selections and tiles: partitions cover the selection exactly once, each inside one tile. */
  @Test
  void randomPlansCoverTheSelectionOnceWithinTiles() {
    long[] sizes = {13, 11};
    Random rnd = new Random(7);
    for (int round = 0; round < 200; round++) {
      int[] chunks = {1 + rnd.nextInt(5), 1 + rnd.nextInt(5)};
      int[] tile = {1 + rnd.nextInt(3), 1 + rnd.nextInt(3)};
      Selection sel = Selection.alongDim(sizes, 0, List.of(r(rnd.nextInt(13), 1 + rnd.nextInt(13))))
          .or(Selection.alongDim(sizes, 1, List.of(r(rnd.nextInt(11), 1 + rnd.nextInt(11)))))
          .and(Selection.alongDim(sizes, 1, List.of(r(rnd.nextInt(4), 7 + rnd.nextInt(5)))));
      int[][] want = new int[13][11];
      for (long[] b : sel.boxes()) {
        for (long i = b[0]; i < b[1]; i++) {
          for (long j = b[2]; j < b[3]; j++) {
            want[(int) i][(int) j]++;
          }
        }
      }
      int[][] got = new int[13][11];
      for (ZarrInputPartition p : PartitionPlanner.plan(sel, g(sizes, chunks), tile, -1)) {
        for (int d = 0; d < 2; d++) {
          long span = (long) chunks[d] * tile[d];
          assertTrue(p.shape[d] > 0, "empty partition");
          assertEquals(p.origin[d] / span, (p.origin[d] + p.shape[d] - 1) / span, "partition crosses a tile");
        }
        for (long i = p.origin[0]; i < p.origin[0] + p.shape[0]; i++) {
          for (long j = p.origin[1]; j < p.origin[1] + p.shape[1]; j++) {
            got[(int) i][(int) j]++;
          }
        }
      }
      for (int i = 0; i < 13; i++) {
        assertArrayEquals(want[i], got[i], "row " + i + " of " + sel + " chunks " + chunks[0] + "x" + chunks[1]);
      }
    }
  }

  // ---- chunk counts ----

  @Test
  void totalChunksRoundsEdgeChunksUp() {
    assertEquals(9, PartitionPlanner.totalChunks(g(SIZES, CHUNKS)));
    assertEquals(1, PartitionPlanner.totalChunks(g(new long[] {1}, new int[] {100})));
    assertEquals(0, PartitionPlanner.totalChunks(g(new long[] {0, 5}, new int[] {4, 4})));
    assertEquals(1, PartitionPlanner.totalChunks(g(new long[0], new int[0])));
    assertEquals(4 * 2 * 2, PartitionPlanner.totalChunks(g(new long[] {24, 13, 16}, new int[] {6, 7, 8})));
    assertThrows(ArithmeticException.class,
        () -> PartitionPlanner.totalChunks(g(new long[] {1L << 40, 1L << 40}, new int[] {1, 1})));
  }

  @Test
  void chunksMeetingTheWholeTable() {
    List<long[]> region = List.of(new long[] {0, 10, 0, 7});
    assertEquals(9, PartitionPlanner.chunksMeeting(region, new int[] {0, 1}, g(SIZES, CHUNKS)));
    // Another chunking of the same array: 5 x 1 chunks of 2 x 7.
    assertEquals(5, PartitionPlanner.chunksMeeting(region, new int[] {0, 1}, g(SIZES, new int[] {2, 7})));
  }

  @Test
  void chunksSharedByTwoBoxesCountOnce() {
    long[] shape = {10};
    int[] axes = {0};
    int[] chunks = {4};
    // 0:5 meets chunks 0, 1; 5:10 meets 1, 2.
    assertEquals(3, PartitionPlanner.chunksMeeting(List.of(r(0, 5), r(5, 10)), axes, g(shape, chunks)));
    assertEquals(1, PartitionPlanner.chunksMeeting(List.of(r(0, 4), r(0, 4)), axes, g(shape, chunks)));
    assertEquals(1, PartitionPlanner.chunksMeeting(List.of(r(0, 2), r(2, 4)), axes, g(shape, chunks)));
    assertEquals(2, PartitionPlanner.chunksMeeting(List.of(r(0, 1), r(9, 10)), axes, g(shape, chunks)));
  }

  @Test
  void chunksOfAnArrayOverSomeOfTheTableDimensions() {
    // Table (time, lon); the array runs along lon only: 8 values in chunks of 2.
    List<long[]> region = List.of(new long[] {0, 2, 3, 5});
    assertEquals(2, PartitionPlanner.chunksMeeting(region, new int[] {1}, g(new long[] {8}, new int[] {2})));
    // An array (lon, time) with its axes the other way round: lon chunks 1..2, time chunk 0.
    assertEquals(2, PartitionPlanner.chunksMeeting(region, new int[] {1, 0}, g(new long[] {8, 10}, new int[] {2, 4})));
    List<long[]> region2 = List.of(new long[] {0, 5, 3, 5});
    assertEquals(4, PartitionPlanner.chunksMeeting(region2, new int[] {1, 0}, g(new long[] {8, 10}, new int[] {2, 4})));
  }

  @Test
  void regionOutsideTheArrayMeetsNoChunk() {
    assertEquals(0, PartitionPlanner.chunksMeeting(List.of(r(20, 30)), new int[] {0}, g(new long[] {10}, new int[] {4})));
    assertEquals(0, PartitionPlanner.chunksMeeting(List.of(), new int[] {0}, g(new long[] {10}, new int[] {4})));
  }

  @Test
  void chunksMeetingPlannedPartitions() {
    Selection sel = Selection.alongDim(SIZES, 0, List.of(r(5, 9)));
    List<long[]> region = PartitionPlanner.boxes(PartitionPlanner.plan(sel, g(SIZES, CHUNKS), new int[] {1, 1}, -1));
    // Rows 5:9 meet row chunks 1 and 2 (of 4); all 3 column chunks.
    assertEquals(6, PartitionPlanner.chunksMeeting(region, new int[] {0, 1}, g(SIZES, CHUNKS)));
    // An array chunked 5 x 7: rows 5:9 are inside its second chunk.
    assertEquals(1, PartitionPlanner.chunksMeeting(region, new int[] {0, 1}, g(SIZES, new int[] {5, 7})));
  }

  @Test
  void manyChunksAreCountedExactlyUpToTheEnumerationLimit() {
    long[] shape = {3_000_000};
    int[] axes = {0};
    int[] ones = {1};
    assertEquals(1_100, PartitionPlanner.chunksMeeting(List.of(r(0, 600), r(500, 1_100)), axes, g(shape, ones)));
    // 1.2 million chunk positions: past the limit the count is bounded by the sum over boxes.
    long n = PartitionPlanner.chunksMeeting(List.of(r(0, 600_000), r(500_000, 1_100_000)), axes, g(shape, ones));
    assertTrue(n >= 1_100_000 && n <= 1_200_000, String.valueOf(n));
    long capped = PartitionPlanner.chunksMeeting(List.of(r(0, 2_000_000), r(1_000_000, 3_000_000)), axes, g(shape, ones));
    assertEquals(3_000_000, capped, "never more than the array's chunks");
  }
}
