package org.zarrspark.spark.read;

import org.zarrspark.core.chunk.ChunkGrid;

/**
 * The cells a partition's box is read by, in row-major order: the box cut along a grid (each
 * cell the box's part of one grid cell), or the whole box as one cell. Rows of the table walk
 * each cell in row-major order.
 */
final class CellWalk {
  private final long[] boxOrigin;
  private final int[] boxShape;
  /** The grid walked; null for the box as one cell. */
  private final ChunkGrid grid;
  /** The current cell's grid coordinates; null before the first and after the last. */
  private long[] cell;
  private boolean done;
  private long[] origin;
  private int[] shape;
  private long rows;

  /** Cells of {@code grid} over the box, or the box as one cell when {@code grid} is null. */
  CellWalk(long[] boxOrigin, int[] boxShape, ChunkGrid grid) {
    this.boxOrigin = boxOrigin;
    this.boxShape = boxShape;
    this.grid = grid;
  }

  private long cellOf(int d, long pos) {
    return grid == null ? 0 : grid.indexOf(d, pos);
  }

  private long cellStart(int d, long c) {
    return grid == null ? Long.MIN_VALUE / 2 : grid.start(d, c);
  }

  private long cellEnd(int d, long c) {
    return grid == null ? Long.MAX_VALUE / 2 : grid.start(d, c) + grid.edge(d, c);
  }

  /** Moves to the next cell; false after the last (and at once for an empty box). */
  boolean next() {
    int rank = boxShape.length;
    if (done) {
      return false;
    }
    for (int s : boxShape) {
      if (s == 0) {
        done = true;
        return false;
      }
    }
    if (cell == null) {
      cell = new long[rank];
      for (int d = 0; d < rank; d++) {
        cell[d] = cellOf(d, boxOrigin[d]);
      }
    } else {
      int d = rank - 1;
      while (d >= 0 && cell[d] == cellOf(d, boxOrigin[d] + boxShape[d] - 1)) {
        cell[d] = cellOf(d, boxOrigin[d]);
        d--;
      }
      if (d < 0) {
        cell = null;
        done = true;
        return false;
      }
      cell[d]++;
    }
    // Fresh arrays per cell: a column read at a cell keeps the origin it was read at.
    origin = new long[rank];
    shape = new int[rank];
    long n = 1;
    for (int d = 0; d < rank; d++) {
      long lo = Math.max(boxOrigin[d], cellStart(d, cell[d]));
      long hi = Math.min(boxOrigin[d] + boxShape[d], cellEnd(d, cell[d]));
      origin[d] = lo;
      shape[d] = (int) (hi - lo);
      n *= shape[d];
    }
    rows = n;
    return true;
  }

  /** The current cell's table origin. */
  long[] origin() {
    return origin;
  }

  /** The current cell's shape. */
  int[] shape() {
    return shape;
  }

  /** Rows in the current cell. */
  long rows() {
    return rows;
  }
}
