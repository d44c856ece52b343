package org.zarrspark.spark.scan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.spark.pushdown.Selection;

/**
 * Cuts a selection into input partitions along the read grid: each partition is a tile of
 * adjacent chunks (as many as fit the target size, grown along the fastest axes first)
 * intersected with one selection box. Only tiles that intersect the selection are produced. Also
 * counts, for EXPLAIN, the chunks of an array that a planned region meets ({@link #chunksMeeting}).
 */
public final class PartitionPlanner {
  /** Refuse plans that would need more partitions than a driver should hold. */
  static final long MAX_PARTITIONS = 2_000_000;

  private PartitionPlanner() {}

  /** Chunks per tile along each dimension for a target of {@code targetBytes} per partition. */
  static int[] tile(ChunkGrid grid, long rowBytes, long targetBytes) {
    return tile(grid, grid.gridShape(), rowBytes, targetBytes);
  }

  /**
   * Chunks per tile for a selection that spans {@code span[d]} chunks along each dimension: a
   * tile grows along a dimension only as far as the selection reaches, so that a point series
   * (one chunk across, many along time) packs its chunks into a few partitions. Explicit
   * (rectilinear) axes count their longest chunk, so a tile never exceeds the target.
   */
  static int[] tile(ChunkGrid grid, long[] span, long rowBytes, long targetBytes) {
    long[] sizes = grid.shape();
    int rank = sizes.length;
    int[] k = new int[rank];
    java.util.Arrays.fill(k, 1);
    long chunkRows = 1;
    for (int d = 0; d < rank; d++) {
      chunkRows *= Math.min(grid.maxEdge(d), Math.max(1, sizes[d]));
    }
    long bytes = Math.max(1, chunkRows * rowBytes);
    for (int d = rank - 1; d >= 0; d--) {
      long gridLen = Math.max(1, span[d]);
      long fit = Math.max(1, targetBytes / bytes);
      k[d] = (int) Math.max(1, Math.min(gridLen, fit));
      bytes *= k[d];
      if (k[d] < gridLen) {
        break;
      }
    }
    // Keep a tile's row count inside an int (one box per partition).
    return k;
  }

  /** Chunks the bounding box of a selection's boxes spans along each dimension (0 when empty). */
  static long[] span(List<long[]> boxes, ChunkGrid grid) {
    int rank = grid.rank();
    long[] out = new long[rank];
    for (int d = 0; d < rank; d++) {
      long lo = Long.MAX_VALUE;
      long hi = Long.MIN_VALUE;
      for (long[] b : boxes) {
        if (b[2 * d + 1] > b[2 * d]) {
          lo = Math.min(lo, b[2 * d]);
          hi = Math.max(hi, b[2 * d + 1]);
        }
      }
      out[d] = hi <= lo ? 0 : grid.indexOf(d, hi - 1) - grid.indexOf(d, lo) + 1;
    }
    return out;
  }

  /** The partitions: tiles of each selection box, in order, up to the first that reaches the limit. */
  static List<ZarrInputPartition> plan(Selection sel, ChunkGrid grid, int[] tile, long limitRows) {
    int rank = grid.rank();
    List<ZarrInputPartition> out = new ArrayList<>();
    long rowsPlanned = 0;
    for (long[] box : sel.boxes()) {
      if (rank == 0) {
        out.add(new ZarrInputPartition(new long[0], new int[0]));
        continue;
      }
      // Tile t along d holds chunks t * tile[d] .. (t + 1) * tile[d] - 1 of the grid.
      long[] first = new long[rank];
      long[] last = new long[rank];
      for (int d = 0; d < rank; d++) {
        first[d] = grid.indexOf(d, box[2 * d]) / tile[d];
        last[d] = grid.indexOf(d, box[2 * d + 1] - 1) / tile[d];
      }
      long[] t = first.clone();
      while (true) {
        long[] origin = new long[rank];
        int[] shape = new int[rank];
        long rows = 1;
        for (int d = 0; d < rank; d++) {
          long lo = Math.max(box[2 * d], tileStart(grid, d, t[d] * tile[d]));
          long hi = Math.min(box[2 * d + 1], tileStart(grid, d, (t[d] + 1) * tile[d]));
          origin[d] = lo;
          shape[d] = (int) (hi - lo);
          rows *= shape[d];
        }
        out.add(new ZarrInputPartition(origin, shape));
        rowsPlanned += rows;
        if (out.size() > MAX_PARTITIONS) {
          throw new IllegalStateException("the scan would need more than " + MAX_PARTITIONS
              + " partitions: raise the target partition size");
        }
        if (limitRows >= 0 && rowsPlanned >= limitRows) {
          return out;
        }
        int d = rank - 1;
        while (d >= 0 && t[d] == last[d]) {
          t[d] = first[d];
          d--;
        }
        if (d < 0) {
          break;
        }
        t[d]++;
      }
    }
    return out;
  }

  /** Where chunk {@code c} starts along {@code d}; past the last chunk, the end of the axis. */
  private static long tileStart(ChunkGrid grid, int d, long c) {
    return c < grid.count(d) ? grid.start(d, c) : Long.MAX_VALUE;
  }

  /** The partitions as boxes {@code [lo0, hi0, lo1, hi1, ...]} of table rows (exclusive bounds). */
  static List<long[]> boxes(List<ZarrInputPartition> parts) {
    List<long[]> out = new ArrayList<>(parts.size());
    for (ZarrInputPartition p : parts) {
      long[] b = new long[2 * p.origin.length];
      for (int d = 0; d < p.origin.length; d++) {
        b[2 * d] = p.origin[d];
        b[2 * d + 1] = p.origin[d] + p.shape[d];
      }
      out.add(b);
    }
    return out;
  }

  /** Past this many chunk positions the distinct count is replaced by a capped sum. */
  static final long MAX_ENUMERATED = 1 << 20;

  /**
   * The distinct chunks of one array that meet a region of table rows (a union of row-disjoint
   * boxes {@code [lo0, hi0, ...]} over the table's dimensions). {@code axes} gives, for each axis
   * of the array, the table dimension it runs along; {@code grid} its chunk grid (inner chunks
   * when sharded). Boxes may share chunks; these are counted once, exactly while the boxes
   * cover at most {@link #MAX_ENUMERATED} chunk positions in all, else bounded by the sum over
   * boxes (never more than the array's chunks).
   */
  static long chunksMeeting(List<long[]> region, int[] axes, ChunkGrid chunks) {
    int rank = axes.length;
    long[] shape = chunks.shape();
    long total = totalChunks(chunks);
    long[] grid = chunks.gridShape();
    // Each box as the box of chunk indexes it meets; identical ones once.
    Set<List<Long>> chunkBoxes = new LinkedHashSet<>();
    long sum = 0;
    for (long[] box : region) {
      List<Long> cb = new ArrayList<>(2 * rank);
      long n = 1;
      for (int a = 0; a < rank; a++) {
        int d = axes[a];
        long lo = Math.max(0, box[2 * d]);
        long hi = Math.min(shape[a], box[2 * d + 1]);
        if (lo >= hi) {
          n = 0;
          break;
        }
        long first = chunks.indexOf(a, lo);
        long last = chunks.indexOf(a, hi - 1);
        cb.add(first);
        cb.add(last);
        n *= last - first + 1;
      }
      if (n > 0 && chunkBoxes.add(cb)) {
        sum = Math.min(Long.MAX_VALUE / 2, sum + n);
      }
    }
    if (chunkBoxes.size() <= 1 || sum > MAX_ENUMERATED) {
      return Math.min(total, sum);
    }
    Set<Long> seen = new HashSet<>();
    for (List<Long> cb : chunkBoxes) {
      long[] c = new long[rank];
      for (int a = 0; a < rank; a++) {
        c[a] = cb.get(2 * a);
      }
      while (true) {
        long key = 0;
        for (int a = 0; a < rank; a++) {
          key = key * grid[a] + c[a];
        }
        seen.add(key);
        int a = rank - 1;
        while (a >= 0 && c[a] == cb.get(2 * a + 1)) {
          c[a] = cb.get(2 * a);
          a--;
        }
        if (a < 0) {
          break;
        }
        c[a]++;
      }
    }
    return seen.size();
  }

  /** Chunks of a whole grid (e.g. the read grid). */
  static long totalChunks(ChunkGrid grid) {
    long n = 1;
    for (long c : grid.gridShape()) {
      n = Math.multiplyExact(n, c);
    }
    return n;
  }
}
