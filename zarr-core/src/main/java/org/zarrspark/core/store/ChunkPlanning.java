package org.zarrspark.core.store;

import org.zarrspark.core.chunk.ChunkGrid;

/**
 * A store that reads better when told which chunks are coming: one whose chunks are byte ranges of
 * larger objects (Icechunk virtual chunks, reference sets) merges adjacent ranges of the chunks
 * planned into one request. Readers call {@link #plan} once per box before reading its chunks.
 */
public interface ChunkPlanning {
  /**
   * The chunks of the array at {@code arrayPath} that the caller is about to read: the chunk grid
   * box {@code first .. last} (inclusive coordinates).
   */
  void plan(String arrayPath, long[] first, long[] last);

  /** Tells {@code store} of a box of an array when it wants to know; a no-op otherwise. */
  static void plan(Store store, String arrayPath, long[] origin, int[] shape, int[] chunkShape) {
    long[] end = new long[origin.length];
    for (int d = 0; d < end.length; d++) {
      end[d] = origin[d] + shape[d];
    }
    plan(store, arrayPath, origin, shape, ChunkGrid.regular(end, chunkShape));
  }

  /** As {@link #plan(Store, String, long[], int[], int[])} on any chunk grid. */
  static void plan(Store store, String arrayPath, long[] origin, int[] shape, ChunkGrid grid) {
    if (!(store instanceof ChunkPlanning p) || origin.length == 0) {
      return;
    }
    long[] first = new long[origin.length];
    long[] last = new long[origin.length];
    for (int d = 0; d < origin.length; d++) {
      if (shape[d] == 0) {
        return;
      }
      first[d] = grid.indexOf(d, origin[d]);
      last[d] = grid.indexOf(d, origin[d] + shape[d] - 1);
    }
    p.plan(arrayPath, first, last);
  }
}
