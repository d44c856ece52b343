package org.zarrspark.core.chunk;

import java.io.Serializable;
import java.util.Arrays;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TooLargeException;

/**
 * Where an array's chunks lie: along each axis either a regular edge (every chunk the same
 * length) or explicit boundaries (the {@code rectilinear} grid: monthly time chunks, say). Only
 * chunks that hold an element count; the last one along an axis may run past the array, and is
 * then stored at its full edge length, as with a regular grid. Immutable, serializable (it
 * travels with scan partitions).
 */
public final class ChunkGrid implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Most chunks an explicit axis may have: 10^7 boundaries are 80 MB already. */
  public static final int MAX_EXPLICIT_CHUNKS = 10_000_000;

  private final long[] shape;
  /** Edge per axis; 0 where the axis has explicit boundaries. */
  private final int[] edges;
  /** Per explicit axis: start of each chunk, then the end of the last (n + 1 values); null on regular axes. */
  private final long[][] bounds;

  private ChunkGrid(long[] shape, int[] edges, long[][] bounds) {
    this.shape = shape;
    this.edges = edges;
    this.bounds = bounds;
  }

  /** A regular grid (the caller checked that the edges are positive). */
  public static ChunkGrid regular(long[] shape, int[] chunkShape) {
    if (shape.length != chunkShape.length) {
      throw new InvalidMetadataException("chunk shape " + Arrays.toString(chunkShape) + " has rank "
          + chunkShape.length + " but shape " + Arrays.toString(shape) + " has rank " + shape.length);
    }
    return new ChunkGrid(shape.clone(), chunkShape.clone(), new long[shape.length][]);
  }

  /** One axis of a grid under construction. */
  public static final class Axis {
    final int edge;
    final long[] bounds;

    private Axis(int edge, long[] bounds) {
      this.edge = edge;
      this.bounds = bounds;
    }

    /** Every chunk {@code edge} long. */
    public static Axis regular(int edge) {
      if (edge <= 0) {
        throw new InvalidMetadataException("chunk edge " + edge + " is not positive");
      }
      return new Axis(edge, null);
    }

    /**
     * Explicit chunk lengths along an axis of {@code length} elements, given as runs
     * ({@code lengths[i]} repeated {@code counts[i]} times). Lengths past the chunk that reaches
     * the end of the axis are checked but not kept, so a run claiming 2^40 chunks costs nothing.
     */
    public static Axis explicit(long length, long[] lengths, long[] counts) {
      long[] out = new long[16];
      int n = 0;
      long end = 0;
      for (int r = 0; r < lengths.length; r++) {
        if (lengths[r] <= 0 || lengths[r] > Integer.MAX_VALUE) {
          throw new InvalidMetadataException("chunk edge " + lengths[r] + " must be a positive 32-bit length");
        }
        if (counts[r] < 0) {
          throw new InvalidMetadataException("run length " + counts[r] + " of chunk edge " + lengths[r]
              + " is negative");
        }
        for (long k = 0; k < counts[r] && end < length; k++) {
          if (n + 1 >= out.length) {
            if (n >= MAX_EXPLICIT_CHUNKS) {
              throw new TooLargeException("more than " + MAX_EXPLICIT_CHUNKS + " chunks along one axis");
            }
            out = Arrays.copyOf(out, out.length * 2);
          }
          out[n++] = end;
          end += lengths[r];
        }
      }
      if (end < length) {
        throw new InvalidMetadataException("chunk edges sum to " + end + " but the axis has " + length
            + " elements: the edges must cover the array");
      }
      out[n] = end;
      return new Axis(0, Arrays.copyOf(out, n + 1));
    }

    /** Explicit boundaries (start of each chunk, then the end), as another grid holds them. */
    static Axis bounds(long[] bounds) {
      return new Axis(0, bounds.clone());
    }
  }

  /** A grid of one axis per dimension. */
  public static ChunkGrid of(long[] shape, Axis[] axes) {
    if (shape.length != axes.length) {
      throw new InvalidMetadataException("chunk grid has " + axes.length + " axes but shape "
          + Arrays.toString(shape) + " has rank " + shape.length);
    }
    int[] e = new int[axes.length];
    long[][] b = new long[axes.length][];
    for (int i = 0; i < axes.length; i++) {
      e[i] = axes[i].edge;
      b[i] = axes[i].bounds;
      if (b[i] != null && b[i][b[i].length - 1] < shape[i]) {
        throw new InvalidMetadataException("chunk edges along axis " + i + " end at " + b[i][b[i].length - 1]
            + " but the axis has " + shape[i] + " elements");
      }
    }
    return new ChunkGrid(shape.clone(), e, b);
  }

  /** Axis {@code i} of this grid, to build another grid with it (a table's read grid). */
  public Axis axis(int i) {
    return bounds[i] == null ? Axis.regular(edges[i]) : Axis.bounds(bounds[i]);
  }

  /** Whether axis {@code a} of this grid cuts its axis where axis {@code b} of {@code other} does. */
  public boolean sameAxis(int a, ChunkGrid other, int b) {
    if (bounds[a] == null || other.bounds[b] == null) {
      return bounds[a] == null && other.bounds[b] == null && edges[a] == other.edges[b];
    }
    return Arrays.equals(bounds[a], other.bounds[b]);
  }

  public int rank() {
    return shape.length;
  }

  public long[] shape() {
    return shape.clone();
  }

  public boolean isRegular() {
    for (long[] b : bounds) {
      if (b != null) {
        return false;
      }
    }
    return true;
  }

  public boolean isRegular(int axis) {
    return bounds[axis] == null;
  }

  /** The chunk shape of a regular grid; null when some axis is explicit. */
  public int[] regularShape() {
    return isRegular() ? edges.clone() : null;
  }

  /** Number of chunks along an axis (those that hold an element). */
  public long count(int axis) {
    if (bounds[axis] != null) {
      return bounds[axis].length - 1;
    }
    long l = shape[axis];
    int c = edges[axis];
    return l / c + (l % c == 0 ? 0 : 1);
  }

  public long[] gridShape() {
    long[] g = new long[shape.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = count(i);
    }
    return g;
  }

  /** Where chunk {@code i} starts along an axis. */
  public long start(int axis, long i) {
    return bounds[axis] != null ? bounds[axis][(int) i] : i * edges[axis];
  }

  /** Full length of chunk {@code i} along an axis (as stored, which may run past the array). */
  public int edge(int axis, long i) {
    long[] b = bounds[axis];
    return b != null ? (int) (b[(int) i + 1] - b[(int) i]) : edges[axis];
  }

  /** The longest chunk edge along an axis. */
  public int maxEdge(int axis) {
    long[] b = bounds[axis];
    if (b == null) {
      return edges[axis];
    }
    long m = 0;
    for (int i = 0; i + 1 < b.length; i++) {
      m = Math.max(m, b[i + 1] - b[i]);
    }
    return (int) m;
  }

  /** The chunk holding element {@code pos} along an axis (binary search on explicit boundaries). */
  public long indexOf(int axis, long pos) {
    long[] b = bounds[axis];
    if (b == null) {
      return pos / edges[axis];
    }
    int i = Arrays.binarySearch(b, 0, b.length - 1, pos);
    return i >= 0 ? i : -i - 2;
  }

  /** Full shape of the chunk at grid coordinates. */
  public int[] chunkShape(long[] coords) {
    int[] s = new int[coords.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = edge(i, coords[i]);
    }
    return s;
  }

  /** The grid each of whose chunks is cut into {@code inner} pieces (a sharded array's inner chunks). */
  public ChunkGrid subdivide(int[] inner) {
    Axis[] axes = new Axis[rank()];
    for (int i = 0; i < axes.length; i++) {
      if (bounds[i] == null) {
        axes[i] = Axis.regular(inner[i]);
        continue;
      }
      // Inner chunks wholly past the array hold nothing: they are left out, as whole chunks are.
      long n = count(i);
      long total = 0;
      for (long c = 0; c < n; c++) {
        long room = Math.min(edge(i, c), shape[i] - start(i, c));
        total += (room + inner[i] - 1) / inner[i];
      }
      if (total > MAX_EXPLICIT_CHUNKS) {
        throw new TooLargeException("more than " + MAX_EXPLICIT_CHUNKS + " inner chunks along axis " + i);
      }
      long[] b = new long[(int) total + 1];
      int k = 0;
      for (long c = 0; c < n; c++) {
        long end = start(i, c) + edge(i, c);
        for (long s = start(i, c); s < end && s < shape[i]; s += inner[i]) {
          b[k++] = s;
        }
      }
      b[k] = k == 0 ? 0 : b[k - 1] + inner[i];
      axes[i] = Axis.bounds(b);
    }
    return of(shape, axes);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ChunkGrid)) {
      return false;
    }
    ChunkGrid g = (ChunkGrid) o;
    return Arrays.equals(shape, g.shape) && Arrays.equals(edges, g.edges) && Arrays.deepEquals(bounds, g.bounds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(shape) * 31 + Arrays.hashCode(edges);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < rank(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      if (bounds[i] == null) {
        sb.append(edges[i]);
      } else {
        sb.append(describe(bounds[i]));
      }
    }
    return sb.append(']').toString();
  }

  /** Explicit edges in short form: "31x2" for runs, lists for the rest. */
  private static String describe(long[] b) {
    StringBuilder sb = new StringBuilder("{");
    int i = 0;
    while (i + 1 < b.length) {
      long e = b[i + 1] - b[i];
      int j = i + 1;
      while (j + 1 < b.length && b[j + 1] - b[j] == e) {
        j++;
      }
      if (sb.length() > 1) {
        sb.append(' ');
      }
      sb.append(e);
      if (j - i > 1) {
        sb.append('x').append(j - i);
      }
      i = j;
    }
    return sb.append('}').toString();
  }
}
