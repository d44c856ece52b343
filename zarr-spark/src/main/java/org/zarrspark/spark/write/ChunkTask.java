package org.zarrspark.spark.write;

import java.util.BitSet;
import java.util.Iterator;
import java.util.function.LongConsumer;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.write.BlockBuilder;
import org.zarrspark.core.write.WriteGrid;

/**
 * One write task: receives placed rows ({@link PlacedRows}: chunk number, grid position, data
 * variables) sorted by chunk, and writes each chunk of every data variable whole, from that
 * chunk's rows alone, filling primitive buffers straight from Spark's binary rows. A chunk's
 * bytes depend only on its rows (not on their order or on the attempt), so a retried or
 * speculative attempt writes the same bytes to the same keys: rewriting is harmless.
 */
public final class ChunkTask implements VoidFunction<Iterator<InternalRow>> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<DatasetLayout> layout;

  public ChunkTask(Broadcast<DatasetLayout> layout) {
    this.layout = layout;
  }

  @Override
  public void call(Iterator<InternalRow> rows) {
    write(layout.value(), rows);
  }

  /** Writes the chunks of placed rows sorted by chunk (rows may be reused objects: read at once). */
  public static void write(DatasetLayout l, Iterator<InternalRow> rows) {
    Store store = l.location.open();
    Chunk current = null;
    while (rows.hasNext()) {
      InternalRow r = rows.next();
      long chunk = r.getLong(PlacedRows.chunkOrdinal());
      if (current == null || current.id != chunk) {
        if (current != null) {
          current.write(store);
        }
        current = new Chunk(l, chunk);
      }
      current.add(r);
    }
    if (current != null) {
      current.write(store);
    }
  }

  /** The blocks of one chunk being filled. */
  private static final class Chunk {
    final DatasetLayout l;
    final long id;
    final long[] origin;
    final int[] shape;
    final BlockBuilder[] blocks;
    final BitSet seen = new BitSet();
    final long[] pos;

    Chunk(DatasetLayout l, long id) {
      TaskContext tc = TaskContext.get();
      if (tc != null) {
        tc.killTaskIfInterrupted(); // a killed attempt (job failed, or a speculative copy lost) stops writing
      }
      this.l = l;
      this.id = id;
      WriteGrid grid = l.grid;
      this.origin = grid.boxOrigin(id);
      this.shape = grid.boxShape(id);
      this.blocks = new BlockBuilder[l.vars.size()];
      for (int v = 0; v < blocks.length; v++) {
        ArrayMetadata m = l.varDocs.get(v).metadata();
        blocks[v] = new BlockBuilder(m.dataType(), shape, m.fillValue());
      }
      this.pos = new long[l.dims.size()];
    }

    void add(InternalRow r) {
      for (int d = 0; d < pos.length; d++) {
        pos[d] = r.getLong(PlacedRows.positionOrdinal(d));
      }
      int i = BlockBuilder.index(pos, origin, shape);
      if (!BlockBuilder.mark(seen, i)) {
        throw new WriteInputException("two rows have the same grid point " + describe(l, pos)
            + ": a grid point holds one value per variable");
      }
      for (int v = 0; v < blocks.length; v++) {
        set(l.vars.get(v), blocks[v], i, r, PlacedRows.variableOrdinal(l, v));
      }
    }

    void write(Store store) {
      for (int v = 0; v < blocks.length; v++) {
        NdBuffer b = blocks[v].build();
        l.varDocs.get(v).writer(store).write(origin, b);
      }
      LongConsumer hook = WriteHooks.afterChunk;
      if (hook != null) {
        hook.accept(id);
      }
    }
  }

  private static void set(WriteColumn c, BlockBuilder b, int i, InternalRow r, int ord) {
    if (r.isNullAt(ord)) {
      if (c.kind == ValueKind.BOOL) {
        throw new WriteInputException("boolean column '" + c.name + "' has a NULL: Zarr booleans have no"
            + " missing value; cast the column to a number to keep NULLs");
      }
      return; // the block starts as the fill value
    }
    long key;
    switch (c.kind) {
      case FLOAT32 -> {
        float f = r.getFloat(ord);
        b.setDouble(i, f == 0.0f ? 0.0 : f); // -0.0 and 0.0 are one value, as in coordinates
        return;
      }
      case FLOAT64 -> {
        double d = r.getDouble(ord);
        b.setDouble(i, d == 0.0 ? 0.0 : d);
        return;
      }
      case STRING -> {
        b.setString(i, r.getUTF8String(ord).toString());
        return;
      }
      case BOOL -> key = r.getBoolean(ord) ? 1L : 0L;
      case INT8 -> key = r.getByte(ord);
      case INT16 -> key = r.getShort(ord);
      case INT32 -> key = r.getInt(ord);
      default -> key = r.getLong(ord); // INT64, and timestamps as microseconds (with or without time zone)
    }
    long stored = c.stored(key);
    if (c.fill != null && stored == c.fill) {
      throw new WriteInputException("value " + display(c, key) + " of column '" + c.name + "' equals its fill value "
          + c.fill + " (which stands for NULL); cast the column to a wider type");
    }
    b.setLong(i, stored);
  }

  private static String display(WriteColumn c, long key) {
    return c.kind == ValueKind.TIMESTAMP ? java.time.Instant.ofEpochSecond(Math.floorDiv(key, 1_000_000L),
        Math.floorMod(key, 1_000_000L) * 1000).toString() : Long.toString(key);
  }

  private static String describe(DatasetLayout l, long[] pos) {
    StringBuilder sb = new StringBuilder("(");
    for (int d = 0; d < pos.length; d++) {
      CoordinateValues cv = l.coords[d];
      Object key = cv.get((int) (pos[d] - cv.offset()));
      Object shown = l.dims.get(d).kind == ValueKind.TIMESTAMP ? display(l.dims.get(d), (Long) key) : key;
      sb.append(sb.length() > 1 ? ", " : "").append(l.dims.get(d).name).append('=').append(shown);
    }
    return sb.append(')').toString();
  }
}
