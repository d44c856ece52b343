package org.zarrspark.spark.read;

import java.util.List;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.read.BoxReader;
import org.zarrspark.core.read.FailurePolicy;
import org.zarrspark.core.read.ShardIndexCache;
import org.zarrspark.core.store.ChunkPlanning;
import org.zarrspark.core.store.CountingStore;
import org.zarrspark.core.store.Store;
import org.zarrspark.spark.metrics.ScanMetrics;
import org.zarrspark.spark.model.ColumnSpec;
import org.zarrspark.spark.model.TableModel;

/**
 * Reads one partition's box of table rows as columnar batches, one read-grid cell at a time: a
 * cell lies inside one chunk of the main variables, whose decoded buffers are then used as they
 * are (no copy into a partition-sized buffer). Each cell's arrays are read (each chunk fetched
 * and decoded once) when its first batch is asked for; batches slice the decoded buffers into
 * one reused set of column vectors, or hand them over as {@link DecodedRun}s.
 */
public final class ZarrColumnarReader implements PartitionReader<ColumnarBatch> {
  private final Store store;
  /** The requests and bytes of the store underneath (an Icechunk snapshot's repository, say). */
  private final CountingStore counter;
  private final List<ColumnSpec> columns;
  private final long[] partOrigin;
  private final int[] partShape;
  private final ChunkGrid grid;
  private final int batchRows;
  /** Reads every box of this reader; its shard indexes let cells of one shard fetch the index once. */
  private final BoxReader boxes;

  /** The cells walked: the read grid's, or the whole box as one cell (see {@link #walkByCells}). */
  private CellWalk cells;
  private boolean byCells;
  /** Each column's values: over the current cell, or over the whole partition (see load). */
  private BoxData[] data;
  /** Table coordinates of each column's box origin. */
  private long[][] dataOrigin;
  private boolean loaded;
  private WritableColumnVector[] vectors;
  private ColumnarBatch batch;
  private long nextRow;
  private long chunksRead;
  private long decodeNanos;
  private long corruptChunks;
  /** Per column, the run its batch rows are in when the caller folds it itself, else null. */
  private DecodedRun[] runs;

  public ZarrColumnarReader(Store store, CountingStore counter, List<ColumnSpec> columns, long[] origin, int[] shape, ChunkGrid grid,
      int batchRows, boolean permissive) {
    this.store = store;
    this.counter = counter;
    this.columns = columns;
    this.partOrigin = origin;
    this.partShape = shape;
    this.grid = grid;
    this.batchRows = batchRows;
    this.boxes = new BoxReader(permissive ? FailurePolicy.MARK_UNREADABLE : FailurePolicy.FAIL_FAST,
        new ShardIndexCache());
  }

  /**
   * Lets the caller fold the given columns straight from their decoded buffers: in each batch
   * where such a column's rows are one run of consecutive elements (the usual case: a variable
   * over every dimension, read whole), its vector is left unfilled and the column's view says
   * where the run is; otherwise the view is empty and the vector filled as usual.
   *
   * @return per column, its view (moved by every {@link #next}), or null for columns not asked for
   */
  public DecodedRun[] decodedRuns(boolean[] columns) {
    runs = new DecodedRun[columns.length];
    for (int i = 0; i < columns.length; i++) {
      runs[i] = columns[i] ? new DecodedRun() : null;
    }
    return runs.clone();
  }

  private boolean nextCell() {
    if (cells == null) {
      byCells = walkByCells();
      cells = new CellWalk(partOrigin, partShape, byCells ? grid : null);
    }
    nextRow = 0;
    return cells.next();
  }

  private void load() {
    long t0 = System.nanoTime();
    if (data == null) {
      data = new BoxData[columns.size()];
      dataOrigin = new long[columns.size()][];
    }
    for (int i = 0; i < data.length; i++) {
      ColumnSpec c = columns.get(i);
      if (!c.readsArray()) {
        continue;
      }
      // A variable whose chunks (or a shard's inner chunks) are the grid's cells is read cell by
      // cell: one chunk each, used as decoded, no partition-sized box. Anything else
      // (coordinates, lower-rank variables, other chunkings) is read once for the partition:
      // per cell it would fetch the same chunks again.
      boolean perCell = byCells && chunkedLikeGrid(c);
      if (!perCell && data[i] != null) {
        continue;
      }
      long[] o = perCell ? cells.origin() : partOrigin;
      if (data[i] == null) {
        // Once per partition and column: the chunks it will read, so that a store of byte ranges
        // (virtual chunks) can merge adjacent ones into one request.
        ChunkPlanning.plan(store, c.array.path(), axes(c, partOrigin), axes(c, partShape), c.array.metadata().chunkGrid());
      }
      if (data[i] != null) {
        // The previous cell's chunk: its batches are consumed, so its array can take the next.
        boxes.recycle(data[i].data());
      }
      try {
        data[i] = BoxData.read(boxes, store, c, o, perCell ? cells.shape() : partShape);
      } catch (ZarrException e) {
        throw new ZarrReadException("reading column '" + c.name + "' (array '" + c.array.path() + "'): "
            + e.getMessage(), e);
      }
      dataOrigin[i] = o;
      chunksRead += data[i].chunksRead();
      corruptChunks += data[i].corruptChunks();
    }
    decodeNanos += System.nanoTime() - t0;
    if (vectors == null) {
      StructField[] fields = new StructField[columns.size()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = new StructField(columns.get(i).name, columns.get(i).sparkType(), true,
            org.apache.spark.sql.types.Metadata.empty());
      }
      long partRows = 1;
      for (int s : partShape) {
        partRows *= s;
      }
      int cap = (int) Math.max(1, Math.min(batchRows, partRows));
      vectors = OnHeapColumnVector.allocateColumns(cap, new StructType(fields));
      batch = new ColumnarBatch(vectors);
    }
  }

  /**
   * Cell by cell only when it pays: some variable is chunked like the grid (its chunks are then
   * used as decoded) and cells are big enough for full batches; small cells would make small
   * batches, so such boxes are read whole, as one cell.
   */
  private boolean walkByCells() {
    long cellRows = 1;
    for (int d = 0; d < partShape.length; d++) {
      cellRows *= Math.min(grid.maxEdge(d), partShape[d]);
    }
    if (cellRows < Math.min(batchRows, 4096)) {
      return false;
    }
    for (ColumnSpec c : columns) {
      if (c.readsArray() && chunkedLikeGrid(c)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the column's (inner) chunks are the read grid's cells, along the table's axes. */
  private boolean chunkedLikeGrid(ColumnSpec c) {
    if (c.tableAxes.length != partShape.length) {
      return false;
    }
    ChunkGrid chunks = TableModel.storageGrid(c.array.metadata());
    for (int a = 0; a < chunks.rank(); a++) {
      if (!chunks.sameAxis(a, grid, c.tableAxes[a])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean next() {
    while (!loaded || nextRow >= cells.rows()) {
      loaded = false;
      if (!nextCell()) {
        return false;
      }
      if (cells.rows() > 0) {
        load();
        loaded = true;
      }
    }
    long[] origin = cells.origin();
    int[] shape = cells.shape();
    int n = (int) Math.min(batchRows, cells.rows() - nextRow);
    for (int i = 0; i < columns.size(); i++) {
      vectors[i].reset();
      if (runs != null && runs[i] != null) {
        int e = BatchFill.contiguousStart(data[i], dataOrigin[i], origin, shape, nextRow);
        if (e >= 0) {
          runs[i].point(data[i].data(), e, n, data[i].nulls()); // the vector is left unfilled
          continue;
        }
        runs[i].clear();
      }
      try {
        BatchFill.fill(columns.get(i), data[i], dataOrigin[i], origin, shape, nextRow, n, vectors[i]);
      } catch (ZarrException e) {
        // A value its column cannot hold (a CF time past 64-bit microseconds).
        ColumnSpec c = columns.get(i);
        String path = c.array == null ? c.name : c.array.path();
        throw new ZarrReadException("reading column '" + c.name + "' (array '" + path + "'): "
            + e.at(store.describe(), path).getMessage(), e);
      }
    }
    batch.setNumRows(n);
    nextRow += n;
    return true;
  }

  @Override
  public ColumnarBatch get() {
    return batch;
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return ScanMetrics.taskValues(chunksRead, counter.bytes.get(), counter.requests(), decodeNanos / 1_000_000,
        corruptChunks);
  }

  @Override
  public void close() {
    if (batch != null) {
      batch.close();
      batch = null;
    }
    data = null;
    if (runs != null) {
      for (DecodedRun r : runs) {
        if (r != null) {
          r.clear(); // drops the decoded buffers
        }
      }
    }
  }

  /** The array's axes of a table box (origin or shape): its dimensions, in the array's order. */
  private static long[] axes(ColumnSpec c, long[] table) {
    long[] out = new long[c.tableAxes.length];
    for (int a = 0; a < out.length; a++) {
      out[a] = table[c.tableAxes[a]];
    }
    return out;
  }

  private static int[] axes(ColumnSpec c, int[] table) {
    int[] out = new int[c.tableAxes.length];
    for (int a = 0; a < out.length; a++) {
      out[a] = table[c.tableAxes[a]];
    }
    return out;
  }
}
