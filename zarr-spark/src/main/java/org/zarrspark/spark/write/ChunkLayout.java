package org.zarrspark.spark.write;

import java.util.Arrays;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.core.write.DefaultChunks;
import org.zarrspark.spark.ZarrOptionException;

/**
 * The chunking of a new dataset's data variables: from the options, or the default for the shape.
 *
 * @param chunks the (inner, when sharded) chunk lengths; null for an unsharded rectilinear grid
 * @param stored the grid of what is stored as one object: the shards when sharded, else the chunks
 *     (regular, or rectilinear when the options list lengths, e.g. monthly chunks)
 * @param sharded whether the chunks are inner chunks of shards
 */
record ChunkLayout(int[] chunks, ChunkGrid stored, boolean sharded) {

  static ChunkLayout of(WriteOptions o, long[] shape, int widestItem) {
    ChunkEdges given = o.chunks();
    if (o.shards() == null) {
      ChunkGrid grid = given != null ? given.grid(shape) : ChunkGrid.regular(shape, DefaultChunks.choose(shape, widestItem));
      return checked(o, new ChunkLayout(grid.regularShape(), grid, false));
    }
    if (given == null) {
      throw new ZarrOptionException(WriteOptions.SHARDS, "option '" + WriteOptions.SHARDS + "' needs '"
          + WriteOptions.CHUNKS + "' (the inner chunks; each shard length a multiple of the chunk length)");
    }
    if (!given.isRegular()) {
      throw new ZarrOptionException(WriteOptions.CHUNKS, "the inner chunks of shards have one length per dimension;"
          + " give lists of lengths in '" + WriteOptions.SHARDS + "' instead");
    }
    int[] inner = given.grid(shape).regularShape();
    ChunkGrid shards = o.shards().grid(shape);
    for (int d = 0; d < shape.length; d++) {
      for (long c = 0; c < shards.count(d); c++) {
        if (shards.edge(d, c) % inner[d] != 0) {
          throw new ZarrOptionException(WriteOptions.SHARDS, "shard " + shards + " is not a multiple of chunk "
              + Arrays.toString(inner) + " in every dimension");
        }
      }
    }
    return checked(o, new ChunkLayout(inner, shards, true));
  }

  private static ChunkLayout checked(WriteOptions o, ChunkLayout l) {
    if (!l.stored.isRegular() && o.zarrFormat() != 3) {
      throw new ZarrOptionException(l.sharded ? WriteOptions.SHARDS : WriteOptions.CHUNKS, "lists of chunk lengths"
          + " (a rectilinear chunk grid) need zarrFormat 3");
    }
    return l;
  }

  /** The inner chunks of sharded arrays, or null without sharding. */
  int[] innerChunks() {
    return sharded ? chunks : null;
  }
}
