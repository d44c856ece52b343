package org.zarrspark.spark.write;

import org.apache.spark.Partitioner;

/** Sends every row of a chunk to one task: chunk numbers spread over the partitions. */
public final class ChunkPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final int partitions;

  public ChunkPartitioner(int partitions) {
    this.partitions = partitions;
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  @Override
  public int getPartition(Object key) {
    // Mixed, so strided chunk numbers (an append along a later dimension) still spread evenly.
    long h = ((Long) key) * 0x9E3779B97F4A7C15L;
    return (int) Math.floorMod(h ^ (h >>> 32), (long) partitions);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChunkPartitioner && ((ChunkPartitioner) o).partitions == partitions;
  }

  @Override
  public int hashCode() {
    return partitions;
  }
}
