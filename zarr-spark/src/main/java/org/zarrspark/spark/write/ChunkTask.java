package org.zarrspark.spark.write;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.write.BlockBuilder;
import org.zarrspark.core.write.WriteGrid;
import scala.Tuple2;

/**
 * One write task: receives (chunk number, row) pairs sorted by chunk, and writes each chunk of
 * every data variable whole, from that chunk's rows alone. A chunk's bytes depend only on its
 * rows (not on their order or on the attempt), so a retried or speculative attempt writes the
 * same bytes to the same keys: rewriting is harmless.
 */
public final class ChunkTask implements VoidFunction<Iterator<Tuple2<Long, Row>>> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<DatasetLayout> layout;

  public ChunkTask(Broadcast<DatasetLayout> layout) {
    this.layout = layout;
  }

  @Override
  public void call(Iterator<Tuple2<Long, Row>> rows) {
    write(layout.value(), rows);
  }

  /** Writes the chunks of sorted (chunk, row) pairs; also what the tests call to replay an attempt. */
  public static void write(DatasetLayout l, Iterator<Tuple2<Long, Row>> rows) {
    Store store = l.location.open();
    List<Row> chunkRows = new ArrayList<>();
    long current = -1;
    while (rows.hasNext()) {
      Tuple2<Long, Row> r = rows.next();
      if (r._1() != current && !chunkRows.isEmpty()) {
        writeChunk(l, store, current, chunkRows);
        chunkRows.clear();
      }
      current = r._1();
      chunkRows.add(r._2());
    }
    if (!chunkRows.isEmpty()) {
      writeChunk(l, store, current, chunkRows);
    }
  }

  private static void writeChunk(DatasetLayout l, Store store, long chunk, List<Row> rows) {
    TaskContext tc = TaskContext.get();
    if (tc != null) {
      tc.killTaskIfInterrupted(); // a killed attempt (job failed, or a speculative copy lost) stops writing
    }
    WriteGrid grid = l.grid;
    long[] origin = grid.boxOrigin(chunk);
    int[] shape = grid.boxShape(chunk);
    int nv = l.vars.size();
    BlockBuilder[] blocks = new BlockBuilder[nv];
    for (int v = 0; v < nv; v++) {
      ArrayMetadata m = l.varDocs.get(v).metadata();
      blocks[v] = new BlockBuilder(m.dataType(), shape, m.fillValue());
    }
    BitSet seen = new BitSet();
    for (Row row : rows) {
      long[] pos = l.position(row);
      int i = BlockBuilder.index(pos, origin, shape);
      if (!BlockBuilder.mark(seen, i)) {
        throw new IllegalArgumentException("two rows have the same grid point " + describe(l, row)
            + ": a grid point holds one value per variable");
      }
      for (int v = 0; v < nv; v++) {
        set(l.vars.get(v), blocks[v], i, row);
      }
    }
    for (int v = 0; v < nv; v++) {
      NdBuffer b = blocks[v].build();
      l.varDocs.get(v).writer(store).write(origin, b);
    }
    LongConsumer hook = WriteHooks.afterChunk;
    if (hook != null) {
      hook.accept(chunk);
    }
  }

  private static void set(WriteColumn c, BlockBuilder b, int i, Row row) {
    Object v = row.get(c.field);
    if (v == null) {
      if (c.kind == ValueKind.BOOL) {
        throw new IllegalArgumentException("boolean column '" + c.name + "' has a NULL: Zarr booleans have no"
            + " missing value; cast the column to a number to keep NULLs");
      }
      return; // the block starts as the fill value
    }
    Object key = c.kind.key(v);
    if (key instanceof String) {
      b.setString(i, (String) key);
    } else if (key instanceof Double) {
      b.setDouble(i, (Double) key);
    } else {
      long stored = c.stored((Long) key);
      if (c.fill != null && stored == c.fill) {
        throw new IllegalArgumentException("value " + v + " of column '" + c.name + "' equals its fill value "
            + c.fill + " (which stands for NULL); cast the column to a wider type");
      }
      b.setLong(i, stored);
    }
  }

  private static String describe(DatasetLayout l, Row row) {
    StringBuilder sb = new StringBuilder("(");
    for (WriteColumn d : l.dims) {
      sb.append(sb.length() > 1 ? ", " : "").append(d.name).append('=').append(row.get(d.field));
    }
    return sb.append(')').toString();
  }
}
