package org.zarrspark.spark.scan;

import java.util.List;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.spark.model.ColumnSpec;
import org.zarrspark.spark.model.TableModel;

/**
 * EXPLAIN's chunks=PLANNED/TOTAL, in real chunks (inner chunks when sharded) of one array: the
 * variable read with the finest chunking (the most chunks; the first such column on a tie).
 * TOTAL is that array's chunk count, PLANNED the number of its chunks that meet the planned
 * rows. Not the read grid that partitions follow: that is one variable's of the whole table
 * (perhaps not one the query reads, perhaps unchunked), so it does not show what is pruned.
 * One grid rather than a sum over the variables read, so that the numbers stay those of "the
 * dataset's chunks" when variables share a chunking (the usual case) and PLANNED and TOTAL are
 * always in the same unit. Dimension coordinates (1-D, read whole) are not variables here. A
 * scan reading no variable (coordinates only, or an aggregate answered from metadata) counts
 * the table's finest variable, so its EXPLAIN still shows what the selection prunes; a table
 * without variables counts its read grid.
 */
public record ChunkCounts(long planned, long total) {

  /** The counts for a scan reading {@code columns} of {@code model} over {@code region} (boxes of table indices). */
  static ChunkCounts of(List<ColumnSpec> columns, TableModel model, List<long[]> region) {
    ColumnSpec finest = finest(columns);
    if (finest == null) {
      finest = finest(model.columns());
    }
    if (finest == null) {
      ChunkGrid grid = model.readGrid();
      int[] axes = new int[grid.rank()];
      for (int d = 0; d < axes.length; d++) {
        axes[d] = d;
      }
      return new ChunkCounts(PartitionPlanner.chunksMeeting(region, axes, grid), PartitionPlanner.totalChunks(grid));
    }
    ChunkGrid chunks = TableModel.storageGrid(finest.array.metadata());
    return new ChunkCounts(PartitionPlanner.chunksMeeting(region, finest.tableAxes, chunks),
        PartitionPlanner.totalChunks(chunks));
  }

  /** The variable column among {@code cols} whose array has the most chunks, or null. */
  private static ColumnSpec finest(List<ColumnSpec> cols) {
    ColumnSpec best = null;
    long most = -1;
    for (ColumnSpec c : cols) {
      if (c.role == ColumnSpec.Role.VARIABLE && c.readsArray()) {
        long n = PartitionPlanner.totalChunks(TableModel.storageGrid(c.array.metadata()));
        if (n > most) {
          best = c;
          most = n;
        }
      }
    }
    return best;
  }

  /** Chunks the selection lets the scan skip (the chunksSkipped metric). */
  long skipped() {
    return total - planned;
  }
}
