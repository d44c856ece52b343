package org.zarrspark.spark.scan;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.zarrspark.spark.aggregate.DataAggregates;
import org.zarrspark.spark.aggregate.PartialAggregator;
import org.zarrspark.spark.read.ZarrColumnarReader;
import org.zarrspark.spark.util.JavaSerialized;
import org.zarrspark.spark.util.StoreLocation;

/** Serializable factory holding only the broadcast scan spec; readers are made on executors. */
public final class ZarrReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;
  /** Wrapped: the broadcast survives whatever spark.serializer a cluster sets (Kryo). */
  private final Broadcast<JavaSerialized<ScanSpec>> spec;

  ZarrReaderFactory(Broadcast<JavaSerialized<ScanSpec>> spec) {
    this.spec = spec;
  }

  @Override
  public boolean supportColumnarReads(InputPartition partition) {
    ScanSpec s = spec.value().get();
    return s.aggregates == null && !s.fewRows;
  }

  @Override
  public PartitionReader<ColumnarBatch> createColumnarReader(InputPartition partition) {
    ScanSpec s = spec.value().get();
    ZarrInputPartition p = (ZarrInputPartition) partition;
    StoreLocation.Counted store = s.location.openCounted();
    return new ZarrColumnarReader(store.store(), store.counter(), s.columns, p.origin, p.shape, s.readGrid,
        s.batchRows, s.permissive);
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    ScanSpec s = spec.value().get();
    if (s.aggregates != null || s.fewRows) {
      // Small results: kept for the second run an ORDER BY makes of its input.
      return TaskResults.reuse(TaskResults.key(spec.id(), (ZarrInputPartition) partition), () -> read(partition));
    }
    return read(partition);
  }

  private PartitionReader<InternalRow> read(InputPartition partition) {
    ZarrColumnarReader columnar = (ZarrColumnarReader) createColumnarReader(partition);
    DataAggregates aggregates = spec.value().get().aggregates;
    if (aggregates != null) {
      return new PartialAggregator(columnar, aggregates);
    }
    return new PartitionReader<InternalRow>() {
      private java.util.Iterator<InternalRow> rows;

      @Override
      public boolean next() throws java.io.IOException {
        while (rows == null || !rows.hasNext()) {
          if (!columnar.next()) {
            return false;
          }
          rows = columnar.get().rowIterator();
        }
        return true;
      }

      @Override
      public InternalRow get() {
        return rows.next().copy();
      }

      @Override
      public CustomTaskMetric[] currentMetricsValues() {
        return columnar.currentMetricsValues();
      }

      @Override
      public void close() throws java.io.IOException {
        columnar.close();
      }
    };
  }
}
