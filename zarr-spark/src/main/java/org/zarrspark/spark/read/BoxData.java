package org.zarrspark.spark.read;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zarrspark.core.chunk.GridWalk;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.chunk.Strides;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.read.ShardIndexCache;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.Store;
import org.zarrspark.spark.model.ColumnSpec;

/**
 * The values of one column over a partition's box: the array read over the column's axes,
 * reordered so its axes follow the table's dimension order. In permissive mode, elements of
 * chunks that cannot be read are flagged in {@link #nulls}.
 */
final class BoxData {
  private static final Logger LOG = LoggerFactory.getLogger(BoxData.class);

  final NdBuffer data;
  /** Table dimensions of the data's axes, ascending. */
  final int[] dims;
  /** True when the column spans every table dimension (row r is element r). */
  final boolean full;
  /** 1 where the element came from an unreadable chunk (permissive mode), else null. */
  final NdBuffer nulls;
  long chunksRead;
  long corruptChunks;

  private BoxData(NdBuffer data, int[] dims, boolean full, NdBuffer nulls) {
    this.data = data;
    this.dims = dims;
    this.full = full;
    this.nulls = nulls;
  }

  static BoxData read(Store store, ColumnSpec c, long[] origin, int[] shape, boolean permissive,
      ShardIndexCache indexes) {
    ZarrArray array = new ZarrArray(store, c.array.path(), c.array.metadata());
    int rank = c.tableAxes.length;
    long[] o = new long[rank];
    int[] s = new int[rank];
    for (int a = 0; a < rank; a++) {
      o[a] = origin[c.tableAxes[a]];
      s[a] = shape[c.tableAxes[a]];
    }
    LongAdder chunks = new LongAdder();
    long[] corrupt = {0};
    NdBuffer[] mask = {null};
    int[] cs = array.chunkShape();
    NdBuffer buf;
    if (!permissive && insideOneChunk(o, s, cs)) {
      // The usual partition is one chunk: take its decoded buffer as it is, no copy.
      buf = array.readChunkBox(chunkOf(o, cs), offsetIn(o, cs), s, chunks, indexes);
    } else {
      NdBuffer out = NdBuffer.allocate(array.metadata().dataType(), s);
      GridWalk.forEach(o, s, cs, (chunk, inChunk, inBox, extent) -> {
        try {
          array.readChunkBoxInto(chunk, inChunk, extent, out, inBox, chunks);
        } catch (ZarrException e) {
          if (!permissive) {
            throw e;
          }
          LOG.warn("PERMISSIVE: rows of an unreadable chunk are NULL: {}", e.getMessage());
          corrupt[0]++;
          if (mask[0] == null) {
            mask[0] = NdBuffer.allocate(DataType.BOOL, s);
          }
          Strides.copyBox(NdBuffer.filled(DataType.BOOL, extent, new byte[] {1}), new int[rank], mask[0], inBox, extent);
        }
      });
      buf = out;
    }
    // Sort the axes by table dimension; permute when the array stores them in another order.
    Integer[] order = new Integer[rank];
    for (int a = 0; a < rank; a++) {
      order[a] = a;
    }
    Arrays.sort(order, (x, y) -> Integer.compare(c.tableAxes[x], c.tableAxes[y]));
    int[] perm = new int[rank];
    int[] dims = new int[rank];
    int[] permShape = new int[rank];
    boolean identity = true;
    for (int i = 0; i < rank; i++) {
      perm[i] = order[i];
      dims[i] = c.tableAxes[order[i]];
      permShape[i] = s[order[i]];
      identity &= perm[i] == i;
    }
    NdBuffer data = identity ? buf : Strides.permute(buf, perm, permShape);
    NdBuffer nulls = mask[0] == null || identity ? mask[0] : Strides.permute(mask[0], perm, permShape);
    BoxData b = new BoxData(data, dims, rank == shape.length, nulls);
    b.chunksRead = chunks.sum();
    b.corruptChunks = corrupt[0];
    return b;
  }

  private static boolean insideOneChunk(long[] o, int[] s, int[] cs) {
    for (int i = 0; i < o.length; i++) {
      if (s[i] == 0 || o[i] / cs[i] != (o[i] + s[i] - 1) / cs[i]) {
        return false;
      }
    }
    return true;
  }

  private static long[] chunkOf(long[] o, int[] cs) {
    long[] c = new long[o.length];
    for (int i = 0; i < o.length; i++) {
      c[i] = o[i] / cs[i];
    }
    return c;
  }

  private static int[] offsetIn(long[] o, int[] cs) {
    int[] r = new int[o.length];
    for (int i = 0; i < o.length; i++) {
      r[i] = (int) (o[i] % cs[i]);
    }
    return r;
  }
}
