package org.zarrspark.spark.read;

import java.util.List;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.codec.ShardingCodec;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.read.ShardIndexCache;
import org.zarrspark.core.store.CountingStore;
import org.zarrspark.spark.model.ColumnSpec;
import org.zarrspark.spark.scan.ScanMetrics;

/**
 * Reads one partition's box of table rows as columnar batches, one read-grid cell at a time: a
 * cell lies inside one chunk of the main variables, whose decoded buffers are then used as they
 * are (no copy into a partition-sized buffer). Each cell's arrays are read (each chunk fetched
 * and decoded once) when its first batch is asked for; batches slice the decoded buffers into
 * one reused set of column vectors.
 */
public final class ZarrColumnarReader implements PartitionReader<ColumnarBatch> {
  private final CountingStore store;
  private final List<ColumnSpec> columns;
  private final long[] partOrigin;
  private final int[] partShape;
  private final int[] grid;
  private final int batchRows;
  private final boolean permissive;

  /** The cells walked: the read grid's, or the whole box as one cell (see {@link #walkByCells}). */
  private long[] walk;
  private boolean byCells;
  /** The cell being read (null before the first and after the last). */
  private long[] cell;
  private long[] origin;
  private int[] shape;
  private long totalRows;
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
  /** Shard indexes seen by this reader: cells of one shard fetch its index once. */
  private final ShardIndexCache shardIndexes = new ShardIndexCache();
  /** Columns the caller folds from the decoded buffers itself (see {@link #foldRaw}), or null. */
  private boolean[] raw;
  /** Per column, for this batch: the buffer holding its rows as one contiguous run, or null. */
  private NdBuffer[] rawData;
  private int[] rawStart;

  public ZarrColumnarReader(CountingStore store, List<ColumnSpec> columns, long[] origin, int[] shape, int[] grid,
      int batchRows, boolean permissive) {
    this.store = store;
    this.columns = columns;
    this.partOrigin = origin;
    this.partShape = shape;
    this.grid = grid;
    this.batchRows = batchRows;
    this.permissive = permissive;
  }

  /** Moves to the next grid cell of the partition's box; false after the last. */
  private boolean nextCell() {
    int rank = partShape.length;
    for (int s : partShape) {
      if (s == 0) {
        return false;
      }
    }
    if (cell == null) {
      if (origin != null) {
        return false; // done
      }
      walk = new long[rank];
      byCells = walkByCells();
      for (int d = 0; d < rank; d++) {
        walk[d] = byCells ? grid[d] : Long.MAX_VALUE / 2;
      }
      cell = new long[rank];
      for (int d = 0; d < rank; d++) {
        cell[d] = partOrigin[d] / walk[d];
      }
    } else {
      int d = rank - 1;
      while (d >= 0 && cell[d] == (partOrigin[d] + partShape[d] - 1) / walk[d]) {
        cell[d] = partOrigin[d] / walk[d];
        d--;
      }
      if (d < 0) {
        cell = null;
        return false;
      }
      cell[d]++;
    }
    origin = new long[rank];
    shape = new int[rank];
    long n = 1;
    for (int d = 0; d < rank; d++) {
      long lo = Math.max(partOrigin[d], cell[d] * walk[d]);
      long hi = Math.min(partOrigin[d] + partShape[d], (cell[d] + 1) * walk[d]);
      origin[d] = lo;
      shape[d] = (int) (hi - lo);
      n *= shape[d];
    }
    totalRows = n;
    nextRow = 0;
    return true;
  }

  private void load() {
    long t0 = System.nanoTime();
    int rank = partShape.length;
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
      long[] o = perCell ? origin : partOrigin;
      try {
        data[i] = BoxData.read(store, c, o, perCell ? shape : partShape, permissive, shardIndexes);
      } catch (ZarrException e) {
        throw new ZarrReadException("reading column '" + c.name + "' (array '" + c.array.path() + "'): "
            + e.getMessage(), e);
      }
      dataOrigin[i] = o;
      chunksRead += data[i].chunksRead;
      corruptChunks += data[i].corruptChunks;
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
    for (int d = 0; d < grid.length; d++) {
      cellRows *= Math.min(grid[d], partShape[d]);
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
    ShardingCodec sharding = c.array.metadata().sharding();
    int[] chunks = sharding != null ? sharding.innerShape() : c.array.metadata().chunkShape();
    for (int a = 0; a < chunks.length; a++) {
      if (chunks[a] != grid[c.tableAxes[a]]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean next() {
    while (!loaded || nextRow >= totalRows) {
      loaded = false;
      if (!nextCell()) {
        return false;
      }
      if (totalRows > 0) {
        load();
        loaded = true;
      }
    }
    int n = (int) Math.min(batchRows, totalRows - nextRow);
    for (int i = 0; i < columns.size(); i++) {
      vectors[i].reset();
      if (raw != null && raw[i]) {
        rawStart[i] = contiguousStart(data[i], dataOrigin[i]);
        if (rawStart[i] >= 0) {
          rawData[i] = data[i].data; // the vector is left unfilled: the caller reads the buffer
          continue;
        }
        rawData[i] = null;
      }
      fill(columns.get(i), data[i], dataOrigin[i], n, vectors[i]);
    }
    batch.setNumRows(n);
    nextRow += n;
    return true;
  }

  /**
   * Lets the caller fold the given columns straight from their decoded buffers: in each batch
   * where such a column's rows are one contiguous run of its buffer (the usual case: a variable
   * over every dimension, read whole), its vector is not filled and {@link #rawData} and
   * {@link #rawStart} say where the run is; otherwise the vector is filled as usual.
   */
  public void foldRaw(boolean[] columns) {
    raw = columns.clone();
    rawData = new NdBuffer[columns.length];
    rawStart = new int[columns.length];
  }

  /** Column {@code i}'s buffer for the current batch when its vector was left unfilled, else null. */
  public NdBuffer rawData(int i) {
    return rawData == null ? null : rawData[i];
  }

  /** The element of {@link #rawData} that holds the current batch's first row. */
  public int rawStart(int i) {
    return rawStart[i];
  }

  /**
   * The element of {@code b} holding this batch's first row when the batch's rows are
   * consecutive elements of it (the column spans every dimension and its box matches the cell
   * in all but the outermost), else -1. Columns with NULL flags (permissive mode) are never raw.
   */
  private int contiguousStart(BoxData b, long[] bo) {
    if (b == null || !b.full || b.nulls != null) {
      return -1;
    }
    int[] dshape = b.data.shape();
    long shift = 0;
    long st = 1;
    for (int d = dshape.length - 1; d >= 0; d--) {
      if (d > 0 && dshape[d] != shape[d]) {
        return -1;
      }
      shift += (origin[d] - bo[d]) * st;
      st *= dshape[d];
    }
    return (int) (shift + nextRow);
  }

  /**
   * Fills rows [0, n) of a column by runs rather than row by row. The rows walk the cell in
   * row-major order; over the trailing dimensions that the column either all has (and holds
   * whole, so that they are contiguous) or all lacks, its elements are one copy or one value
   * (converted once, repeated). A coordinate along the outer dimension is one run per batch.
   */
  private void fill(ColumnSpec c, BoxData b, long[] bo, int n, WritableColumnVector v) {
    int rank = shape.length;
    if (rank == 0) {
      ColumnWriter.write(c.decoding, b.data, 0, n, v, 0); // a 0-d array: one row
      return;
    }
    boolean[] has = new boolean[rank];
    long[] stride = new long[rank];
    int[] extent = new int[rank];
    long shift = 0;
    if (b == null) {
      has[c.dim] = true;
    } else {
      int[] dshape = b.data.shape();
      long st = 1;
      for (int a = b.dims.length - 1; a >= 0; a--) {
        int d = b.dims[a];
        has[d] = true;
        stride[d] = st;
        extent[d] = dshape[a];
        shift += (origin[d] - bo[d]) * st;
        st *= dshape[a];
      }
    }
    boolean contiguous = has[rank - 1];
    int inner = rank - 1;
    while (inner > 0 && has[inner - 1] == contiguous && (b == null || !contiguous || extent[inner] == shape[inner])) {
      inner--;
    }
    long seg = 1;
    for (int d = inner; d < rank; d++) {
      seg *= shape[d];
    }
    long g = nextRow;
    int r = 0;
    while (r < n) {
      long q = g / seg;
      int off = (int) (g % seg);
      int len = (int) Math.min(seg - off, n - r);
      long base = shift;
      long indexValue = 0;
      for (int d = inner - 1; d >= 0; d--) {
        long pos = q % shape[d];
        q /= shape[d];
        base += has[d] ? pos * stride[d] : 0;
        if (b == null && d == c.dim) {
          indexValue = origin[d] + pos;
        }
      }
      if (b == null) {
        if (contiguous) {
          for (int i = 0; i < len; i++) {
            v.putLong(r + i, origin[c.dim] + off + i);
          }
        } else {
          v.putLongs(r, len, indexValue);
        }
      } else if (contiguous) {
        int e = (int) (base + off);
        ColumnWriter.write(c.decoding, b.data, e, len, v, r);
        if (b.nulls != null) {
          for (int i = 0; i < len; i++) {
            if (b.nulls.getBoolean(e + i)) {
              v.putNull(r + i);
            }
          }
        }
      } else {
        ColumnWriter.writeRun(c.decoding, b.data, (int) base, len, v, r);
        if (b.nulls != null && b.nulls.getBoolean((int) base)) {
          v.putNulls(r, len);
        }
      }
      r += len;
      g += len;
    }
  }

  @Override
  public ColumnarBatch get() {
    return batch;
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return ScanMetrics.taskValues(chunksRead, store.bytes.get(), store.requests(), decodeNanos / 1_000_000,
        corruptChunks);
  }

  @Override
  public void close() {
    if (batch != null) {
      batch.close();
      batch = null;
    }
    data = null;
    rawData = null;
  }
}
