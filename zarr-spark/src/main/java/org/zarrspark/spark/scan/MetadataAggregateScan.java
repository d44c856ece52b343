package org.zarrspark.spark.scan;

import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.LocalScan;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * An aggregate answered from metadata and coordinates ({@link MetadataAggregates}): its one row
 * is computed on the driver, and Spark plans it as a local relation, so the query runs no task.
 */
final class MetadataAggregateScan implements LocalScan {
  /** What ends each output column's name (see {@link #readSchema}). */
  static final String FROM_METADATA = " from metadata";
  private final ScanParts parts;
  private final InternalRow row;
  private final StructType labelled;

  MetadataAggregateScan(ScanParts parts, InternalRow row) {
    this.parts = parts;
    this.row = row;
    StructField[] fields = parts.readSchema().fields().clone();
    for (int i = 0; i < fields.length; i++) {
      fields[i] = fields[i].copy(fields[i].name() + FROM_METADATA, fields[i].dataType(), fields[i].nullable(),
          fields[i].metadata());
    }
    this.labelled = new StructType(fields);
  }

  @Override
  public InternalRow[] rows() {
    return new InternalRow[] {row};
  }

  /**
   * The aggregates, each named "AGGREGATE from metadata": Spark prints a local scan as its output
   * columns only (not its description), so the names are what tells EXPLAIN where the values come
   * from. The query's own column names are Spark's aliases, unaffected.
   */
  @Override
  public StructType readSchema() {
    return labelled;
  }

  /** As a data scan's, with chunks=0/TOTAL: no chunk is planned, TOTAL is the table's finest variable's. */
  @Override
  public String description() {
    ChunkCounts chunks = ChunkCounts.of(List.of(), parts.model(), List.of());
    return ScanDescription.of(parts, chunks, parts.readSchema().simpleString() + FROM_METADATA).text();
  }
}
