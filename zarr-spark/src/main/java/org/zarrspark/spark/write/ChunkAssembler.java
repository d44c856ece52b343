package org.zarrspark.spark.write;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.zarrspark.spark.util.JavaSerialized;
import scala.Tuple2;

/**
 * The map side of a write: the rows of one input partition (Spark's binary rows, in the input's
 * schema) placed on the grid (each dimension value's rank among the coordinates, by binary search
 * on primitive arrays) and gathered into parts of their chunks ({@link PartialChunk}), so that the
 * shuffle moves chunk values instead of rows. Parts
 * are held up to a memory budget; past it, those held so far are emitted (their chunks' owners
 * merge every part they receive) and gathering goes on.
 */
public final class ChunkAssembler implements PairFlatMapFunction<Iterator<InternalRow>, Long, PartialChunk> {
  private static final long serialVersionUID = 1L;
  /** Bytes of parts a task holds before emitting them. */
  static final long BUDGET = 64L << 20;

  private final Broadcast<JavaSerialized<DatasetLayout>> layout;

  public ChunkAssembler(Broadcast<JavaSerialized<DatasetLayout>> layout) {
    this.layout = layout;
  }

  @Override
  public Iterator<Tuple2<Long, PartialChunk>> call(Iterator<InternalRow> rows) {
    DatasetLayout l = layout.value().get();
    return new Iterator<>() {
      private final ArrayDeque<PartialChunk> ready = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        if (ready.isEmpty()) {
          gather(l, rows, ready);
        }
        return !ready.isEmpty();
      }

      @Override
      public Tuple2<Long, PartialChunk> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        PartialChunk p = ready.poll();
        return new Tuple2<>(p.chunk, p);
      }
    };
  }

  /** Reads rows (reused objects: used at once) until the budget is reached or they end. */
  static void gather(DatasetLayout l, Iterator<InternalRow> rows, ArrayDeque<PartialChunk> out) {
    Map<Long, PartialChunk> parts = new HashMap<>();
    long held = 0;
    PartialChunk last = null;
    TaskContext tc = TaskContext.get();
    long n = 0;
    long budget = WriteHooks.partBudget != null ? WriteHooks.partBudget : BUDGET;
    long[] pos = new long[l.dims.size()];
    while (rows.hasNext() && held < budget) {
      InternalRow r = rows.next();
      for (int d = 0; d < pos.length; d++) {
        WriteColumn c = l.dims.get(d);
        pos[d] = l.coords[d].position(r, c.field, c.kind, c.name);
      }
      long chunk = l.grid.chunkId(pos);
      if (last == null || last.chunk != chunk) {
        last = parts.get(chunk);
        if (last == null) {
          last = new PartialChunk(l, chunk);
          parts.put(chunk, last);
          held += last.memoryBytes();
        }
      }
      last.add(r, pos);
      if (tc != null && (++n & 0xFFFF) == 0) {
        tc.killTaskIfInterrupted();
      }
    }
    out.addAll(parts.values());
  }
}
