package org.zarrspark.spark.read;

/**
 * The cells a partition's box is read by, in row-major order: the box cut along a grid (each
 * cell the box's part of one grid cell), or the whole box as one cell. Rows of the table walk
 * each cell in row-major order.
 */
final class CellWalk {
  private final long[] boxOrigin;
  private final int[] boxShape;
  /** The cell size walked along each dimension. */
  private final long[] step;
  /** The current cell's grid coordinates; null before the first and after the last. */
  private long[] cell;
  private boolean done;
  private long[] origin;
  private int[] shape;
  private long rows;

  /** Cells of {@code grid} over the box, or the box as one cell when {@code grid} is null. */
  CellWalk(long[] boxOrigin, int[] boxShape, int[] grid) {
    this.boxOrigin = boxOrigin;
    this.boxShape = boxShape;
    int rank = boxShape.length;
    step = new long[rank];
    for (int d = 0; d < rank; d++) {
      step[d] = grid != null ? grid[d] : Long.MAX_VALUE / 2;
    }
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
        cell[d] = boxOrigin[d] / step[d];
      }
    } else {
      int d = rank - 1;
      while (d >= 0 && cell[d] == (boxOrigin[d] + boxShape[d] - 1) / step[d]) {
        cell[d] = boxOrigin[d] / step[d];
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
      long lo = Math.max(boxOrigin[d], cell[d] * step[d]);
      long hi = Math.min(boxOrigin[d] + boxShape[d], (cell[d] + 1) * step[d]);
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
