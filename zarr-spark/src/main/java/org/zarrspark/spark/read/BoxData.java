package org.zarrspark.spark.read;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.read.BoxReader;
import org.zarrspark.core.read.BoxResult;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.Store;
import org.zarrspark.spark.model.ColumnSpec;

/**
 * The values of one column over a box of table rows: the array read over the column's axes,
 * its axes put in the table's dimension order.
 *
 * @param data the elements, in C order over {@code dims}
 * @param dims table dimensions of the data's axes, ascending
 * @param full the column spans every table dimension (row r of the box is element r)
 * @param nulls 1 where the element came from an unreadable chunk (PERMISSIVE), else null
 * @param chunksRead chunks fetched and decoded
 * @param corruptChunks chunks that could not be read
 */
record BoxData(NdBuffer data, int[] dims, boolean full, NdBuffer nulls, long chunksRead, long corruptChunks) {
  private static final Logger LOG = LoggerFactory.getLogger(BoxData.class);

  /** Column {@code c} over the table box {@code origin + shape}. */
  static BoxData read(BoxReader reader, Store store, ColumnSpec c, long[] origin, int[] shape) {
    int rank = c.tableAxes.length;
    long[] o = new long[rank];
    int[] s = new int[rank];
    for (int a = 0; a < rank; a++) {
      o[a] = origin[c.tableAxes[a]];
      s[a] = shape[c.tableAxes[a]];
    }
    BoxResult box = reader.read(new ZarrArray(store, c.array.path(), c.array.metadata()), o, s);
    for (ZarrException e : box.failures()) {
      LOG.warn("PERMISSIVE: rows of an unreadable chunk are NULL: {}", e.getMessage());
    }
    // Sort the axes by table dimension; the array may store them in another order.
    Integer[] order = new Integer[rank];
    for (int a = 0; a < rank; a++) {
      order[a] = a;
    }
    Arrays.sort(order, (x, y) -> Integer.compare(c.tableAxes[x], c.tableAxes[y]));
    int[] perm = new int[rank];
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      perm[i] = order[i];
      dims[i] = c.tableAxes[order[i]];
    }
    BoxResult t = box.transpose(perm);
    return new BoxData(t.data(), dims, rank == shape.length, t.unreadable(), t.chunksDecoded(), t.failures().size());
  }
}
