package org.zarrspark.spark.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.types.StructType;
import org.zarrspark.spark.ZarrOptions;
import org.zarrspark.spark.model.ColumnSpec;
import org.zarrspark.spark.model.TableModel;
import org.zarrspark.spark.pushdown.Selection;
import org.zarrspark.spark.util.StoreLocation;
import org.zarrspark.spark.aggregate.DataAggregates;
import org.zarrspark.spark.metrics.ScanMetrics;

/**
 * An immutable scan: the selection cut into partitions along the read grid (planned once, on
 * the driver, from metadata), and a reader factory that carries the broadcast scan spec.
 */
public final class ZarrScan implements Scan, Batch, SupportsReportStatistics {
  private final String name;
  private final StoreLocation location;
  private final TableModel model;
  private final List<ColumnSpec> columns;
  private final StructType readSchema;
  private final Selection selection;
  private final List<String> pushed;
  private final long limit;
  private final ZarrOptions options;
  /** The answer of an aggregate pushed down to metadata, or null. */
  private final InternalRow aggregateRow;
  /** Aggregates each task computes over its values (partial, merged by Spark), or null. */
  private DataAggregates dataAggregates;
  private List<ZarrInputPartition> partitions;
  /** EXPLAIN's chunks=PLANNED/TOTAL, counted once (see {@link #countChunks}). */
  private long[] chunkCounts;

  ZarrScan(String name, StoreLocation location, TableModel model, List<ColumnSpec> columns, StructType readSchema,
      Selection selection, List<String> pushed, long limit, ZarrOptions options, InternalRow aggregateRow) {
    this.name = name;
    this.location = location;
    this.model = model;
    this.columns = columns;
    this.readSchema = readSchema;
    this.selection = selection;
    this.pushed = pushed;
    this.limit = limit;
    this.options = options;
    this.aggregateRow = aggregateRow;
  }

  ZarrScan aggregating(DataAggregates aggs) {
    this.dataAggregates = aggs;
    return this;
  }

  @Override
  public StructType readSchema() {
    return readSchema;
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  /** Bytes of one table row over the columns read, used to size partitions. */
  private long rowBytes() {
    long n = 0;
    for (ColumnSpec c : columns) {
      n += c.readsArray() ? Math.max(1, c.array.metadata().dataType().itemSize()) : 0;
    }
    return Math.max(1, n);
  }

  private synchronized List<ZarrInputPartition> partitions() {
    if (partitions == null && aggregateRow != null) {
      partitions = List.of();
    }
    if (partitions == null) {
      long[] sizes = model.dimSizes();
      int[] chunks = model.readChunks();
      // With a limit, plan chunk by chunk so that only what the limit needs is read.
      int[] tile = limit >= 0 ? ones(sizes.length)
          : PartitionPlanner.tile(sizes, chunks, rowBytes(), targetBytes(selection.rowCount() * rowBytes()));
      partitions = PartitionPlanner.plan(selection, sizes, chunks, tile, limit);
    }
    return partitions;
  }

  private static int[] ones(int n) {
    int[] k = new int[n];
    java.util.Arrays.fill(k, 1);
    return k;
  }

  /**
   * Bytes per partition: the target, but small enough that every core gets work (at least
   * 4 MB), as Spark's file sources split by bytes per core.
   */
  private long targetBytes(long totalBytes) {
    int cores = Math.max(1, SparkSession.active().sparkContext().defaultParallelism());
    return Math.min(options.targetPartitionBytes, Math.max(4L << 20, totalBytes / cores));
  }

  @Override
  public InputPartition[] planInputPartitions() {
    if (aggregateRow != null) {
      return new InputPartition[] {new AggregatePartition(aggregateRow)};
    }
    List<ZarrInputPartition> parts = partitions();
    if (dataAggregates != null && dataAggregates.groupBy == 0 && parts.isEmpty()) {
      // A global aggregate over nothing still answers one row (COUNT 0): one empty partition.
      int rank = model.dims().size();
      return new InputPartition[] {new ZarrInputPartition(new long[rank], new int[rank])};
    }
    return parts.toArray(new InputPartition[0]);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    ScanSpec spec = new ScanSpec(location, columns, model.dimSizes(), model.readChunks(), options.batchRows,
        options.permissive, dataAggregates);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkSession.active().sparkContext());
    Broadcast<ScanSpec> b = jsc.broadcast(spec);
    return new ZarrReaderFactory(b);
  }

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
  private synchronized long[] chunkCounts() {
    if (chunkCounts == null) {
      chunkCounts = countChunks();
    }
    return chunkCounts;
  }

  private long[] countChunks() {
    List<ZarrInputPartition> parts = partitions();
    // The planned rows: the selection, or with a limit the partitions planned before it was reached.
    List<long[]> region = aggregateRow != null ? List.of()
        : limit >= 0 ? PartitionPlanner.boxes(parts) : selection.boxes();
    ColumnSpec finest = finest(columns);
    if (finest == null) {
      finest = finest(model.columns());
    }
    if (finest == null) {
      long[] sizes = model.dimSizes();
      int[] grid = model.readChunks();
      int[] axes = new int[sizes.length];
      for (int d = 0; d < axes.length; d++) {
        axes[d] = d;
      }
      return new long[] {PartitionPlanner.chunksMeeting(region, sizes, axes, grid),
          PartitionPlanner.totalChunks(sizes, grid)};
    }
    long[] shape = finest.array.metadata().shape();
    int[] chunks = TableModel.storageChunks(finest.array.metadata());
    return new long[] {PartitionPlanner.chunksMeeting(region, shape, finest.tableAxes, chunks),
        PartitionPlanner.totalChunks(shape, chunks)};
  }

  /** The variable column among {@code cols} whose array has the most chunks, or null. */
  private static ColumnSpec finest(List<ColumnSpec> cols) {
    ColumnSpec best = null;
    long most = -1;
    for (ColumnSpec c : cols) {
      if (c.role == ColumnSpec.Role.VARIABLE && c.readsArray()) {
        long n = PartitionPlanner.totalChunks(c.array.metadata().shape(), TableModel.storageChunks(c.array.metadata()));
        if (n > most) {
          best = c;
          most = n;
        }
      }
    }
    return best;
  }

  /** EXPLAIN's TOTAL: the chunks of the finest variable read (see {@link #chunkCounts}). */
  public long totalChunks() {
    return chunkCounts()[1];
  }

  /** EXPLAIN's PLANNED: those of its chunks that meet the planned rows (see {@link #chunkCounts}). */
  public long plannedChunks() {
    return chunkCounts()[0];
  }

  @Override
  public String description() {
    List<String> parts = new ArrayList<>();
    parts.add("store=" + location.uri());
    parts.add("dims=" + model.dims());
    parts.add("pushed=" + pushed);
    parts.add("selection=" + (selection.isAll() ? "all" : selection.toString()) + (selection.isExact() ? "" : " (inexact)"));
    parts.add("chunks=" + plannedChunks() + "/" + totalChunks());
    if (aggregateRow != null) {
      parts.add("aggregate=" + readSchema.simpleString() + " from metadata");
    }
    if (dataAggregates != null) {
      parts.add("aggregate=" + dataAggregates);
    }
    if (limit >= 0) {
      parts.add("limit=" + limit);
    }
    if (!model.leftOut().isEmpty()) {
      parts.add("leftOut=" + model.leftOut());
    }
    if (!model.notes().isEmpty()) {
      parts.add("notes=" + model.notes());
    }
    return "ZarrScan " + String.join(", ", parts);
  }

  @Override
  public Statistics estimateStatistics() {
    long rows = limit >= 0 ? Math.min(limit, selection.rowCount()) : selection.rowCount();
    long bytes = rows * Math.max(1, readSchema.defaultSize());
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
    return new CustomTaskMetric[] {ScanMetrics.value(ScanMetrics.CHUNKS_SKIPPED, totalChunks() - plannedChunks())};
  }
}
