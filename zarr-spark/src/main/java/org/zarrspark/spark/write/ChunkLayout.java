package org.zarrspark.spark.write;

import java.util.Arrays;
import org.zarrspark.core.write.DefaultChunks;
import org.zarrspark.spark.ZarrOptionException;

/**
 * The chunking of a new dataset's data variables: from the options, or the default for the shape.
 *
 * @param chunks the (inner, when sharded) chunk lengths
 * @param stored the lengths of what is stored as one object: the shards when sharded, else the chunks
 * @param sharded whether the chunks are inner chunks of shards
 */
record ChunkLayout(int[] chunks, int[] stored, boolean sharded) {

  static ChunkLayout of(WriteOptions o, long[] shape, int widestItem) {
    int rank = shape.length;
    int[] chunks = o.chunks() != null ? checkRank(WriteOptions.CHUNKS, o.chunks(), rank)
        : DefaultChunks.choose(shape, widestItem);
    if (o.shards() == null) {
      return new ChunkLayout(chunks, chunks, false);
    }
    if (o.chunks() == null) {
      throw new ZarrOptionException(WriteOptions.SHARDS, "option '" + WriteOptions.SHARDS + "' needs '"
          + WriteOptions.CHUNKS + "' (the inner chunks; each shard length a multiple of the chunk length)");
    }
    int[] stored = checkRank(WriteOptions.SHARDS, o.shards(), rank);
    for (int i = 0; i < rank; i++) {
      if (stored[i] % chunks[i] != 0) {
        throw new ZarrOptionException(WriteOptions.SHARDS, "shard " + Arrays.toString(stored)
            + " is not a multiple of chunk " + Arrays.toString(chunks) + " in every dimension");
      }
    }
    return new ChunkLayout(chunks, stored, true);
  }

  /** The inner chunks of sharded arrays, or null without sharding. */
  int[] innerChunks() {
    return sharded ? chunks : null;
  }

  private static int[] checkRank(String option, int[] v, int rank) {
    if (v.length != rank) {
      throw new ZarrOptionException(option, "option '" + option + "' has " + v.length + " lengths for " + rank
          + " dimensions");
    }
    return v;
  }
}
