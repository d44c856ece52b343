package org.zarrspark.spark.scan;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.types.StructType;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.spark.aggregate.DataAggregates;
import org.zarrspark.spark.metrics.ScanMetrics;
import org.zarrspark.spark.model.ColumnSpec;
import org.zarrspark.spark.model.TableModel;
import org.zarrspark.spark.pushdown.Selection;
import org.zarrspark.spark.util.JavaSerialized;

/**
 * A scan of the data: a value made of its {@link ScanParts}. The selection is cut into partitions
 * along the read grid (planned on the driver from metadata, once, when first asked: EXPLAIN and
 * execution share it), and the reader factory carries the broadcast scan spec.
 */
public final class ZarrScan implements Scan, Batch, SupportsReportStatistics {
  private final ScanParts parts;
  /** Derived from {@link #parts} on first use; never set otherwise. */
  private List<ZarrInputPartition> partitions;
  private ChunkCounts chunkCounts;

  ZarrScan(ScanParts parts) {
    this.parts = parts;
  }

  public ScanParts parts() {
    return parts;
  }

  @Override
  public StructType readSchema() {
    return parts.readSchema();
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  /** Bytes of one table row over the columns read, used to size partitions. */
  private long rowBytes() {
    return rowBytes(parts.columns());
  }

  /** Decoded bytes per table row of the arrays some columns read. */
  static long rowBytes(List<ColumnSpec> columns) {
    long n = 0;
    for (ColumnSpec c : columns) {
      n += c.readsArray() ? Math.max(1, c.array.metadata().dataType().itemSize()) : 0;
    }
    return Math.max(1, n);
  }

  /**
   * The bytes tasks decode for a selection: whole chunks, however little of each it keeps (the
   * chunks its bounding box spans).
   */
  static long decodedBytes(TableModel model, Selection selection, List<ColumnSpec> columns) {
    long[] sizes = model.dimSizes();
    ChunkGrid grid = model.readGrid();
    long[] span = PartitionPlanner.span(selection.boxes(), grid);
    double n = rowBytes(columns);
    for (int d = 0; d < sizes.length; d++) {
      n *= (double) Math.min(grid.maxEdge(d), Math.max(1, sizes[d])) * span[d];
    }
    return n > Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) n;
  }

  private synchronized List<ZarrInputPartition> partitions() {
    if (partitions == null) {
      ChunkGrid grid = parts.model().readGrid();
      long limit = parts.limit();
      // With a limit, plan chunk by chunk so that only what the limit needs is read.
      int[] tile = limit >= 0 ? ones(grid.rank()) : tile(grid);
      partitions = PartitionPlanner.plan(parts.selection(), grid, tile, limit);
    }
    return partitions;
  }

  /**
   * Chunks per partition: sized by the bytes the tasks decode (whole chunks, however little of
   * each the selection keeps), not by the rows they return, and grown only where the selection
   * reaches; so a point series over many chunks is a few tasks, not one per chunk. A small
   * selection is one task: scheduling a second costs more than one core decoding a few chunks,
   * and an aggregate over it is then complete in that task (no merge stage).
   */
  private int[] tile(ChunkGrid grid) {
    long[] span = PartitionPlanner.span(parts.selection().boxes(), grid);
    long decoded = decodedBytes(parts.model(), parts.selection(), parts.columns());
    if (parts.oneTask() || decoded <= ZarrScanBuilder.oneTaskBytes(parts.options())) {
      int[] all = new int[span.length];
      for (int d = 0; d < all.length; d++) {
        all[d] = (int) Math.max(1, Math.min(Integer.MAX_VALUE, grid.count(d)));
      }
      return all;
    }
    return PartitionPlanner.tile(grid, span, rowBytes(), targetBytes(decoded));
  }

  private static int[] ones(int n) {
    int[] k = new int[n];
    Arrays.fill(k, 1);
    return k;
  }

  /**
   * Bytes per partition: the target, but small enough that every core gets work (at least
   * 4 MB), as Spark's file sources split by bytes per core.
   */
  private long targetBytes(long totalBytes) {
    int cores = Math.max(1, SparkSession.active().sparkContext().defaultParallelism());
    return Math.min(parts.options().targetPartitionBytes(), Math.max(4L << 20, totalBytes / cores));
  }

  @Override
  public InputPartition[] planInputPartitions() {
    List<ZarrInputPartition> planned = partitions();
    DataAggregates aggs = parts.aggregates();
    if (aggs != null && aggs.groupBy == 0 && planned.isEmpty()) {
      // A global aggregate over nothing still answers one row (COUNT 0): one empty partition.
      int rank = parts.model().dims().size();
      return new InputPartition[] {new ZarrInputPartition(new long[rank], new int[rank])};
    }
    return planned.toArray(new InputPartition[0]);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    ScanSpec spec = new ScanSpec(parts.location(), parts.columns(), parts.model().dimSizes(),
        parts.model().readGrid(), parts.options().batchRows(), parts.options().permissive(), parts.aggregates(),
        parts.selection().rowCount() <= TaskResults.MAX_RESULT_ROWS);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkSession.active().sparkContext());
    Broadcast<JavaSerialized<ScanSpec>> b = jsc.broadcast(new JavaSerialized<>(spec));
    return new ZarrReaderFactory(b);
  }

  /** EXPLAIN's chunks=PLANNED/TOTAL (see {@link ChunkCounts}), counted once. */
  private synchronized ChunkCounts chunkCounts() {
    if (chunkCounts == null) {
      // The planned rows: the selection, or with a limit the partitions planned before it was reached.
      List<long[]> region = parts.limit() >= 0 ? PartitionPlanner.boxes(partitions()) : parts.selection().boxes();
      chunkCounts = ChunkCounts.of(parts.columns(), parts.model(), region);
    }
    return chunkCounts;
  }

  /** EXPLAIN's TOTAL: the chunks of the finest variable read (see {@link ChunkCounts}). */
  public long totalChunks() {
    return chunkCounts().total();
  }

  /** EXPLAIN's PLANNED: those of its chunks that meet the planned rows (see {@link ChunkCounts}). */
  public long plannedChunks() {
    return chunkCounts().planned();
  }

  @Override
  public String description() {
    DataAggregates aggs = parts.aggregates();
    String agg = aggs == null ? null : parts.oneTask() ? aggs.schema.simpleString() + ", complete in one task"
        : aggs.toString();
    return ScanDescription.of(parts, chunkCounts(), agg).text();
  }

  @Override
  public Statistics estimateStatistics() {
    long all = parts.selection().rowCount();
    long rows = parts.limit() >= 0 ? Math.min(parts.limit(), all) : all;
    long bytes = rows * Math.max(1, parts.readSchema().defaultSize());
    return new Statistics() {
      @Override
      public OptionalLong sizeInBytes() {
        return OptionalLong.of(bytes);
      }

      @Override
      public OptionalLong numRows() {
        return OptionalLong.of(rows);
      }
    };
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return ScanMetrics.all();
  }

  @Override
  public CustomTaskMetric[] reportDriverMetrics() {
    return new CustomTaskMetric[] {ScanMetrics.value(ScanMetrics.CHUNKS_SKIPPED, chunkCounts().skipped())};
  }
}
