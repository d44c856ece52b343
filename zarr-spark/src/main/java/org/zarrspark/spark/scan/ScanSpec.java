package org.zarrspark.spark.scan;

import java.io.Serializable;
import java.util.List;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.spark.aggregate.DataAggregates;
import org.zarrspark.spark.model.ColumnSpec;
import org.zarrspark.spark.util.StoreLocation;

/** What every task of a scan needs, broadcast once per scan: the store, the columns, the sizes. */
public final class ScanSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  final StoreLocation location;
  final List<ColumnSpec> columns;
  final long[] dimSizes;
  final int batchRows;
  final boolean permissive;
  /** The read grid: a partition is read one grid cell at a time. */
  final ChunkGrid readGrid;

  /** Partial aggregates the tasks compute, or null to return rows. */
  final DataAggregates aggregates;
  /** The selection is a few rows: tasks return rows (not batches), kept for a second run. */
  final boolean fewRows;

  ScanSpec(StoreLocation location, List<ColumnSpec> columns, long[] dimSizes, ChunkGrid readGrid, int batchRows,
      boolean permissive, DataAggregates aggregates, boolean fewRows) {
    this.aggregates = aggregates;
    this.fewRows = fewRows;
    this.readGrid = readGrid;
    this.location = location;
    this.columns = columns;
    this.dimSizes = dimSizes;
    this.batchRows = batchRows;
    this.permissive = permissive;
  }
}
