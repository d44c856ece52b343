package org.zarrspark.spark.read;

import java.util.List;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.store.CountingStore;
import org.zarrspark.spark.model.ColumnSpec;
import org.zarrspark.spark.scan.ScanMetrics;

/**
 * Reads one box of table rows as columnar batches. Arrays are read (each chunk fetched and
 * decoded once) on the first call to {@link #next}; batches then slice the decoded buffers into
 * one reused set of column vectors.
 */
public final class ZarrColumnarReader implements PartitionReader<ColumnarBatch> {
  private final CountingStore store;
  private final List<ColumnSpec> columns;
  private final long[] origin;
  private final int[] shape;
  private final int batchRows;
  private final long totalRows;
  private final boolean permissive;

  private BoxData[] data;
  private WritableColumnVector[] vectors;
  private ColumnarBatch batch;
  private long nextRow;
  private long chunksRead;
  private long decodeNanos;
  private long corruptChunks;

  public ZarrColumnarReader(CountingStore store, List<ColumnSpec> columns, long[] origin, int[] shape, int batchRows,
      boolean permissive) {
    this.store = store;
    this.columns = columns;
    this.origin = origin;
    this.shape = shape;
    this.batchRows = batchRows;
    this.permissive = permissive;
    long n = 1;
    for (int s : shape) {
      n *= s;
    }
    this.totalRows = n;
  }

  private void load() {
    long t0 = System.nanoTime();
    data = new BoxData[columns.size()];
    for (int i = 0; i < data.length; i++) {
      ColumnSpec c = columns.get(i);
      if (c.readsArray()) {
        try {
          data[i] = BoxData.read(store, c, origin, shape, permissive);
        } catch (ZarrException e) {
          throw new ZarrReadException("reading column '" + c.name + "' (array '" + c.array.path() + "'): "
              + e.getMessage(), e);
        }
        chunksRead += data[i].chunksRead;
        corruptChunks += data[i].corruptChunks;
      }
    }
    decodeNanos += System.nanoTime() - t0;
    StructField[] fields = new StructField[columns.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = new StructField(columns.get(i).name, columns.get(i).sparkType(), true,
          org.apache.spark.sql.types.Metadata.empty());
    }
    int cap = (int) Math.max(1, Math.min(batchRows, totalRows));
    vectors = OnHeapColumnVector.allocateColumns(cap, new StructType(fields));
    batch = new ColumnarBatch(vectors);
  }

  @Override
  public boolean next() {
    if (data == null) {
      load();
    }
    if (nextRow >= totalRows) {
      return false;
    }
    int n = (int) Math.min(batchRows, totalRows - nextRow);
    int rank = shape.length;
    // Index of each row along each dimension, shared by every mapped column.
    int[][] idx = new int[rank][];
    boolean needIdx = false;
    for (int i = 0; i < columns.size(); i++) {
      needIdx |= data[i] == null || !data[i].full;
    }
    if (needIdx) {
      for (int d = 0; d < rank; d++) {
        idx[d] = new int[n];
      }
      long[] pos = new long[rank];
      long rem = nextRow;
      for (int d = rank - 1; d >= 0; d--) {
        pos[d] = rem % shape[d];
        rem /= shape[d];
      }
      for (int r = 0; r < n; r++) {
        for (int d = 0; d < rank; d++) {
          idx[d][r] = (int) pos[d];
        }
        for (int d = rank - 1; d >= 0; d--) {
          if (++pos[d] < shape[d]) {
            break;
          }
          pos[d] = 0;
        }
      }
    }
    int[] map = needIdx ? new int[n] : null;
    for (int i = 0; i < columns.size(); i++) {
      ColumnSpec c = columns.get(i);
      WritableColumnVector v = vectors[i];
      v.reset();
      BoxData b = data[i];
      if (b == null) {
        long base = origin[c.dim];
        for (int r = 0; r < n; r++) {
          v.putLong(r, base + idx[c.dim][r]);
        }
        continue;
      }
      if (b.full) {
        ColumnWriter.write(c.decoding, b.data, (int) nextRow, null, n, v);
        if (b.nulls != null) {
          for (int r = 0; r < n; r++) {
            if (b.nulls.getBoolean((int) nextRow + r)) {
              v.putNull(r);
            }
          }
        }
        continue;
      }
      int[] dshape = b.data.shape();
      java.util.Arrays.fill(map, 0);
      int stride = 1;
      for (int a = b.dims.length - 1; a >= 0; a--) {
        int[] id = idx[b.dims[a]];
        for (int r = 0; r < n; r++) {
          map[r] += id[r] * stride;
        }
        stride *= dshape[a];
      }
      ColumnWriter.write(c.decoding, b.data, 0, map, n, v);
      if (b.nulls != null) {
        for (int r = 0; r < n; r++) {
          if (b.nulls.getBoolean(map[r])) {
            v.putNull(r);
          }
        }
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
  }
}
