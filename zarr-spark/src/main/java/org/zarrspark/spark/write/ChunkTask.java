package org.zarrspark.spark.write;

import java.util.Iterator;
import java.util.function.LongConsumer;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.broadcast.Broadcast;
import org.zarrspark.core.store.Store;
import org.zarrspark.spark.util.JavaSerialized;
import scala.Tuple2;

/**
 * One write task: receives the parts of its chunks ({@link PartialChunk}) sorted by chunk,
 * merges the parts of each chunk and writes the chunk of every data variable whole. A chunk's
 * bytes depend only on its rows (not on their order, their partitions or the attempt), so a
 * retried or speculative attempt writes the same bytes to the same keys: rewriting is harmless.
 */
public final class ChunkTask implements VoidFunction<Iterator<Tuple2<Long, PartialChunk>>> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<JavaSerialized<DatasetLayout>> layout;

  public ChunkTask(Broadcast<JavaSerialized<DatasetLayout>> layout) {
    this.layout = layout;
  }

  @Override
  public void call(Iterator<Tuple2<Long, PartialChunk>> parts) {
    write(layout.value().get(), parts);
  }

  /** Merges and writes the parts of chunks, sorted by chunk. */
  static void write(DatasetLayout l, Iterator<Tuple2<Long, PartialChunk>> parts) {
    Store store = l.location.open();
    PartialChunk current = null;
    while (parts.hasNext()) {
      PartialChunk p = parts.next()._2();
      if (current != null && current.chunk == p.chunk) {
        // Straight from the wire into the chunk's buffers; the part keeps nothing (the shuffle's
        // Java deserializer may still hold it).
        current.merge(p);
        continue;
      }
      if (current != null) {
        write(store, current);
        current.release();
      }
      current = p.in(l);
    }
    if (current != null) {
      write(store, current);
      current.release();
    }
  }

  private static void write(Store store, PartialChunk c) {
    TaskContext tc = TaskContext.get();
    if (tc != null) {
      tc.killTaskIfInterrupted(); // a killed attempt (job failed, or a speculative copy lost) stops writing
    }
    c.write(store);
    LongConsumer hook = WriteHooks.afterChunk;
    if (hook != null) {
      hook.accept(c.chunk);
    }
  }
}
