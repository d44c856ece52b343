package org.zarrspark.core.chunk;

/** Walks the chunks of a grid (regular or rectilinear) that intersect a box, in C order of chunk coordinates. */
public final class GridWalk {
  private GridWalk() {}

  /** Receives one chunk and the part of the box inside it. */
  @FunctionalInterface
  public interface Visitor {
    /**
     * @param chunk grid coordinates of the chunk
     * @param inChunk where the part starts inside the chunk
     * @param inBox where the part starts inside the box
     * @param extent shape of the part
     */
    void visit(long[] chunk, int[] inChunk, int[] inBox, int[] extent);
  }

  /** Calls the visitor for every chunk of {@code chunkShape} that the box intersects. */
  public static void forEach(long[] origin, int[] shape, int[] chunkShape, Visitor visitor) {
    long[] extent = new long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      extent[i] = origin[i] + shape[i];
    }
    forEach(origin, shape, ChunkGrid.regular(extent, chunkShape), visitor);
  }

  /** Calls the visitor for every chunk of {@code grid} that the box intersects. */
  public static void forEach(long[] origin, int[] shape, ChunkGrid grid, Visitor visitor) {
    int rank = shape.length;
    for (int s : shape) {
      if (s == 0) {
        return;
      }
    }
    long[] first = new long[rank];
    long[] last = new long[rank];
    for (int i = 0; i < rank; i++) {
      first[i] = grid.indexOf(i, origin[i]);
      last[i] = grid.indexOf(i, origin[i] + shape[i] - 1);
    }
    long[] c = first.clone();
    int[] inChunk = new int[rank];
    int[] inBox = new int[rank];
    int[] extent = new int[rank];
    while (true) {
      for (int i = 0; i < rank; i++) {
        long start = grid.start(i, c[i]);
        long lo = Math.max(origin[i], start);
        long hi = Math.min(origin[i] + shape[i], start + grid.edge(i, c[i]));
        inChunk[i] = (int) (lo - start);
        inBox[i] = (int) (lo - origin[i]);
        extent[i] = (int) (hi - lo);
      }
      visitor.visit(c.clone(), inChunk.clone(), inBox.clone(), extent.clone());
      int i = rank - 1;
      while (i >= 0 && c[i] == last[i]) {
        c[i] = first[i];
        i--;
      }
      if (i < 0) {
        return;
      }
      c[i]++;
    }
  }
}
