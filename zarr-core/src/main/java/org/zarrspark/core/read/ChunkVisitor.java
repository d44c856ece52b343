package org.zarrspark.core.read;

import org.zarrspark.core.chunk.NdBuffer;

/** Receives each decoded piece of a selection, chunk by chunk. */
@FunctionalInterface
public interface ChunkVisitor {
  /**
   * @param chunk grid coordinates of the chunk (shard, for sharded arrays)
   * @param data decoded elements; the piece starts at {@code dataOrigin} inside it
   * @param dataOrigin where the piece starts in {@code data}
   * @param selectionOrigin where the piece goes in the selection
   * @param extent shape of the piece
   */
  void visit(long[] chunk, NdBuffer data, int[] dataOrigin, int[] selectionOrigin, int[] extent);
}
