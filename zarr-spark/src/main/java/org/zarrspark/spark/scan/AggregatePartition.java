package org.zarrspark.spark.scan;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;

/** The one partition of an aggregate answered from metadata: it yields the precomputed row. */
final class AggregatePartition implements InputPartition {
  private static final long serialVersionUID = 1L;
  private final InternalRow row;

  AggregatePartition(InternalRow row) {
    this.row = row;
  }

  PartitionReader<InternalRow> reader() {
    return new PartitionReader<InternalRow>() {
      private boolean done;

      @Override
      public boolean next() {
        if (done) {
          return false;
        }
        done = true;
        return true;
      }

      @Override
      public InternalRow get() {
        return row;
      }

      @Override
      public void close() {}
    };
  }
}
