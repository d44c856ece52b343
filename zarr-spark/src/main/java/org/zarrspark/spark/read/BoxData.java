package org.zarrspark.spark.read;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.chunk.Strides;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.Store;
import org.zarrspark.spark.model.ColumnSpec;

/**
 * The values of one column over a partition's box: the array read over the column's axes,
 * reordered so its axes follow the table's dimension order.
 */
final class BoxData {
  final NdBuffer data;
  /** Table dimensions of the data's axes, ascending. */
  final int[] dims;
  /** True when the column spans every table dimension (row r is element r). */
  final boolean full;
  long chunksRead;

  private BoxData(NdBuffer data, int[] dims, boolean full) {
    this.data = data;
    this.dims = dims;
    this.full = full;
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

  static BoxData read(Store store, ColumnSpec c, long[] origin, int[] shape) {
    ZarrArray array = new ZarrArray(store, c.array.path(), c.array.metadata());
    int rank = c.tableAxes.length;
    long[] o = new long[rank];
    int[] s = new int[rank];
    for (int a = 0; a < rank; a++) {
      o[a] = origin[c.tableAxes[a]];
      s[a] = shape[c.tableAxes[a]];
    }
    LongAdder chunks = new LongAdder();
    NdBuffer buf = insideOneChunk(o, s, array.chunkShape())
        // The usual partition is one chunk: take its decoded buffer as it is, no copy.
        ? array.readChunkBox(chunkOf(o, array.chunkShape()), offsetIn(o, array.chunkShape()), s, chunks)
        : null;
    if (buf == null) {
      NdBuffer out = NdBuffer.allocate(array.metadata().dataType(), s);
      array.visit(o, s, (chunk, data, dataOrigin, selOrigin, extent) ->
          Strides.copyBox(data, dataOrigin, out, selOrigin, extent), chunks);
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
    BoxData b = new BoxData(data, dims, rank == shape.length);
    b.chunksRead = chunks.sum();
    return b;
  }
}
