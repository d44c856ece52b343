package org.zarrspark.spark.write;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;

/**
 * The input rows placed on the grid: each row becomes {@code (position per dimension, data
 * variables...)}, computed by Spark SQL (a UDF per dimension finds the value among the
 * coordinates) and read by the tasks as Spark's binary rows ({@link InternalRow}) with primitive
 * getters, never as {@code Row} objects. Then the write: parts of chunks gathered where the rows
 * are, shuffled to the chunks' owners, merged and written.
 */
final class PlacedRows {
  private PlacedRows() {}

  /** Ordinal of dimension {@code d}'s position in a placed row. */
  static int positionOrdinal(int d) {
    return d;
  }

  /** Ordinal of data variable {@code v} in a placed row. */
  static int variableOrdinal(DatasetLayout l, int v) {
    return l.dims.size() + v;
  }

  /**
   * Runs a write: rows placed (map side), gathered into parts of their chunks, the parts shuffled
   * to the chunks' owners ({@link ChunkPartitioner}) sorted by chunk, merged and written there.
   */
  static void write(Dataset<Row> data, Broadcast<DatasetLayout> layout, int partitions) {
    placed(data, layout).queryExecution().toRdd().toJavaRDD()
        .mapPartitionsToPair(new ChunkAssembler(layout))
        .repartitionAndSortWithinPartitions(new ChunkPartitioner(partitions))
        .foreachPartition(new ChunkTask(layout));
  }

  /** The input as placed rows: each dimension's position on the grid, then the data variables. */
  static Dataset<Row> placed(Dataset<Row> data, Broadcast<DatasetLayout> layout) {
    DatasetLayout l = layout.value();
    String[] names = data.columns();
    List<Column> out = new ArrayList<>();
    for (int d = 0; d < l.dims.size(); d++) {
      out.add(udf(new Position(layout, d), DataTypes.LongType).apply(col(quote(names[l.dims.get(d).field])))
          .as("__zarr_pos" + d));
    }
    for (WriteColumn v : l.vars) {
      out.add(col(quote(names[v.field])));
    }
    return data.select(out.toArray(Column[]::new));
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** A dimension value's position on the grid (its rank among the coordinates, plus the offset). */
  private static final class Position implements UDF1<Object, Long> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<DatasetLayout> layout;
    private final int dim;

    Position(Broadcast<DatasetLayout> layout, int dim) {
      this.layout = layout;
      this.dim = dim;
    }

    @Override
    public Long call(Object v) {
      DatasetLayout l = layout.value();
      WriteColumn c = l.dims.get(dim);
      if (v == null) {
        throw new WriteInputException("dimension column '" + c.name + "' is NULL in a row: every row needs a grid point");
      }
      return l.coords[dim].position(c.kind.key(v), c.name);
    }
  }
}
