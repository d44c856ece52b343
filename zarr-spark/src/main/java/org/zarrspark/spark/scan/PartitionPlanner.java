package org.zarrspark.spark.scan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.zarrspark.spark.pushdown.Selection;

/**
 * Cuts a selection into input partitions along the read grid: each partition is a tile of
 * adjacent chunks (as many as fit the target size, grown along the fastest axes first)
 * intersected with one selection box. Only tiles that intersect the selection are produced.
 */
public final class PartitionPlanner {
  /** Refuse plans that would need more partitions than a driver should hold. */
  static final long MAX_PARTITIONS = 2_000_000;

  private PartitionPlanner() {}

  /** Chunks per tile along each dimension for a target of {@code targetBytes} per partition. */
  static int[] tile(long[] sizes, int[] chunks, long rowBytes, long targetBytes) {
    int rank = sizes.length;
    int[] k = new int[rank];
    java.util.Arrays.fill(k, 1);
    long chunkRows = 1;
    for (int d = 0; d < rank; d++) {
      chunkRows *= Math.min(chunks[d], Math.max(1, sizes[d]));
    }
    long bytes = Math.max(1, chunkRows * rowBytes);
    for (int d = rank - 1; d >= 0; d--) {
      long gridLen = (sizes[d] + chunks[d] - 1) / chunks[d];
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

  /** The partitions, and the number of distinct read-grid chunks they touch. */
  static List<ZarrInputPartition> plan(Selection sel, long[] sizes, int[] chunks, int[] tile, long limitRows,
      long[] chunksPlanned) {
    int rank = sizes.length;
    List<ZarrInputPartition> out = new ArrayList<>();
    Set<List<Long>> touched = new HashSet<>();
    long chunkCount = 0;
    long rowsPlanned = 0;
    for (long[] box : sel.boxes()) {
      if (rank == 0) {
        out.add(new ZarrInputPartition(new long[0], new int[0]));
        chunkCount = 1;
        continue;
      }
      long[] tileSize = new long[rank];
      long[] first = new long[rank];
      long[] last = new long[rank];
      for (int d = 0; d < rank; d++) {
        tileSize[d] = (long) chunks[d] * tile[d];
        first[d] = box[2 * d] / tileSize[d];
        last[d] = (box[2 * d + 1] - 1) / tileSize[d];
      }
      long[] t = first.clone();
      while (true) {
        long[] origin = new long[rank];
        int[] shape = new int[rank];
        long rows = 1;
        for (int d = 0; d < rank; d++) {
          long lo = Math.max(box[2 * d], t[d] * tileSize[d]);
          long hi = Math.min(box[2 * d + 1], (t[d] + 1) * tileSize[d]);
          origin[d] = lo;
          shape[d] = (int) (hi - lo);
          rows *= shape[d];
        }
        out.add(new ZarrInputPartition(origin, shape));
        chunkCount += countChunks(origin, shape, chunks, touched);
        rowsPlanned += rows;
        if (out.size() > MAX_PARTITIONS) {
          throw new IllegalStateException("the scan would need more than " + MAX_PARTITIONS
              + " partitions: raise the target partition size");
        }
        if (limitRows >= 0 && rowsPlanned >= limitRows) {
          chunksPlanned[0] = touched.isEmpty() || touched.contains(null) ? chunkCount : touched.size();
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
    chunksPlanned[0] = touched.isEmpty() || touched.contains(null) ? chunkCount : touched.size();
    return out;
  }

  /** Chunks a box touches; distinct ones are remembered while the plan is small. */
  private static long countChunks(long[] origin, int[] shape, int[] chunks, Set<List<Long>> touched) {
    int rank = origin.length;
    long n = 1;
    long[] lo = new long[rank];
    long[] hi = new long[rank];
    for (int d = 0; d < rank; d++) {
      lo[d] = origin[d] / chunks[d];
      hi[d] = (origin[d] + shape[d] - 1) / chunks[d];
      n *= hi[d] - lo[d] + 1;
    }
    if (touched.size() + n > 100_000) {
      touched.clear();
      touched.add(null); // marks overflow: counts are summed from here on
      return n;
    }
    if (touched.contains(null)) {
      return n;
    }
    long[] c = lo.clone();
    while (true) {
      List<Long> key = new ArrayList<>(rank);
      for (long x : c) {
        key.add(x);
      }
      touched.add(key);
      int d = rank - 1;
      while (d >= 0 && c[d] == hi[d]) {
        c[d] = lo[d];
        d--;
      }
      if (d < 0) {
        return n;
      }
      c[d]++;
    }
  }

  /** Chunks of the whole read grid. */
  static long totalChunks(long[] sizes, int[] chunks) {
    long n = 1;
    for (int d = 0; d < sizes.length; d++) {
      n = Math.multiplyExact(n, (sizes[d] + chunks[d] - 1) / chunks[d]);
    }
    return n;
  }
}
