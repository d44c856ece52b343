package org.zarrspark.core.write;

import java.io.Serializable;
import java.util.Arrays;
import org.zarrspark.core.chunk.ChunkGrid;

/**
 * The chunks a write covers: an array's chunk (or shard) grid, regular or rectilinear, and the region
 * being written, {@code [start, shape)} (all of the array for a new dataset; the new steps of
 * the append dimension for an append). Chunks are numbered in C order over the whole grid, so
 * a chunk's number is the same for every variable of a dataset and every attempt of a write.
 */
public final class WriteGrid implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ChunkGrid grid;
  private final long[] shape;
  private final long[] start;
  private final long[] gridShape;

  public WriteGrid(long[] shape, int[] chunks, long[] start) {
    this(ChunkGrid.regular(shape, positive(chunks)), start);
  }

  private static int[] positive(int[] chunks) {
    for (int c : chunks) {
      if (c <= 0) {
        throw new IllegalArgumentException("bad grid: chunks " + Arrays.toString(chunks));
      }
    }
    return chunks;
  }

  /** The region from {@code start} to the end of a grid (regular or rectilinear). */
  public WriteGrid(ChunkGrid grid, long[] start) {
    this.grid = grid;
    this.shape = grid.shape();
    if (start.length != shape.length) {
      throw new IllegalArgumentException("shape and start must have one length per dimension");
    }
    this.start = start.clone();
    this.gridShape = grid.gridShape();
    for (int i = 0; i < shape.length; i++) {
      if (start[i] < 0 || start[i] > shape[i]) {
        throw new IllegalArgumentException("bad grid: shape " + Arrays.toString(shape) + " start "
            + Arrays.toString(start));
      }
    }
  }

  public int rank() {
    return shape.length;
  }

  public long[] shape() {
    return shape.clone();
  }

  public ChunkGrid grid() {
    return grid;
  }

  public long[] start() {
    return start.clone();
  }

  /** Number of chunks the region touches (from the one holding {@code start} to the end). */
  public long regionChunks() {
    long n = 1;
    for (int i = 0; i < shape.length; i++) {
      long first = start[i] >= shape[i] ? gridShape[i] : grid.indexOf(i, start[i]);
      n *= Math.max(0, gridShape[i] - first);
    }
    return n;
  }

  /** Number of chunks of the whole grid. */
  public long chunkCount() {
    long n = 1;
    for (long g : gridShape) {
      n = Math.multiplyExact(n, g);
    }
    return n;
  }

  /** Number of the chunk holding the element at {@code position}. */
  public long chunkId(long[] position) {
    long id = 0;
    for (int i = 0; i < shape.length; i++) {
      id = id * gridShape[i] + grid.indexOf(i, position[i]);
    }
    return id;
  }

  /** Grid coordinates of a chunk number. */
  public long[] chunkCoords(long id) {
    long[] c = new long[shape.length];
    long rest = id;
    for (int i = shape.length - 1; i >= 0; i--) {
      c[i] = rest % gridShape[i];
      rest /= gridShape[i];
    }
    return c;
  }

  /** First element of the written part of a chunk: the chunk's origin, cut to the region. */
  public long[] boxOrigin(long id) {
    long[] c = chunkCoords(id);
    long[] o = new long[shape.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = Math.max(start[i], grid.start(i, c[i]));
    }
    return o;
  }

  /** Shape of the written part of a chunk: the chunk cut to the region and the array's end. */
  public int[] boxShape(long id) {
    long[] c = chunkCoords(id);
    int[] s = new int[shape.length];
    for (int i = 0; i < s.length; i++) {
      long lo = Math.max(start[i], grid.start(i, c[i]));
      long hi = Math.min(shape[i], grid.start(i, c[i]) + grid.edge(i, c[i]));
      s[i] = (int) Math.max(0, hi - lo);
    }
    return s;
  }

  /** Chunk numbers whose chunks lie wholly inside the region (none of their elements existed before). */
  public boolean isWhollyNew(long id) {
    long[] c = chunkCoords(id);
    for (int i = 0; i < shape.length; i++) {
      if (grid.start(i, c[i]) < start[i]) {
        return false;
      }
    }
    return true;
  }
}
