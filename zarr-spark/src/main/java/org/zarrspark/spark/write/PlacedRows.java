package org.zarrspark.spark.write;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.zarrspark.core.write.WriteGrid;

/**
 * The input rows placed on the grid and sent to the task that owns their chunk, with Spark SQL
 * doing the moving: each row becomes {@code (chunk, position per dimension, data variables...)},
 * hash-partitioned by chunk and sorted by it within each partition. Spark shuffles these as
 * binary rows (no Java serialisation of objects), and the tasks read them as
 * {@link InternalRow}s with primitive getters. The dimension columns themselves do not travel:
 * their positions say all the tasks need.
 */
final class PlacedRows {
  static final String CHUNK = "__zarr_chunk";

  private PlacedRows() {}

  /** Ordinal of the chunk number in a placed row. */
  static int chunkOrdinal() {
    return 0;
  }

  /** Ordinal of dimension {@code d}'s position in a placed row. */
  static int positionOrdinal(int d) {
    return 1 + d;
  }

  /** Ordinal of data variable {@code v} in a placed row. */
  static int variableOrdinal(DatasetLayout l, int v) {
    return 1 + l.dims.size() + v;
  }

  /** Runs the write tasks over the placed rows. */
  static void write(Dataset<Row> data, Broadcast<DatasetLayout> layout, int partitions,
      VoidFunction<java.util.Iterator<InternalRow>> task) {
    placed(data, layout, partitions).queryExecution().toRdd().toJavaRDD().foreachPartition(task);
  }

  static Dataset<Row> placed(Dataset<Row> data, Broadcast<DatasetLayout> layout, int partitions) {
    DatasetLayout l = layout.value();
    String[] names = data.columns();
    List<Column> positions = new ArrayList<>();
    for (int d = 0; d < l.dims.size(); d++) {
      Column p = udf(new Position(layout, d), DataTypes.LongType).apply(col(quote(names[l.dims.get(d).field])));
      positions.add(p.as("__zarr_pos" + d));
    }
    List<Column> vars = new ArrayList<>();
    for (WriteColumn v : l.vars) {
      vars.add(col(quote(names[v.field])));
    }
    List<Column> first = new ArrayList<>(positions);
    first.addAll(vars);
    Dataset<Row> withPositions = data.select(first.toArray(Column[]::new));

    // The chunk number from the positions, in WriteGrid.chunkId's C order.
    WriteGrid g = l.grid;
    int[] c = g.chunks();
    long[] shape = g.shape();
    StringBuilder chunk = new StringBuilder("0");
    for (int d = 0; d < c.length; d++) {
      long grid = (shape[d] + c[d] - 1) / c[d];
      chunk.insert(0, "(").append(" * ").append(grid).append("L + (__zarr_pos").append(d).append(" div ")
          .append(c[d]).append("L))");
    }
    List<Column> out = new ArrayList<>();
    out.add(expr(chunk.toString()).cast(DataTypes.LongType).as(CHUNK));
    for (int d = 0; d < c.length; d++) {
      out.add(col("__zarr_pos" + d));
    }
    for (int v = 0; v < l.vars.size(); v++) {
      out.add(col(quote(withPositions.columns()[l.dims.size() + v])));
    }
    return withPositions.select(out.toArray(Column[]::new))
        .repartition(partitions, col(CHUNK))
        .sortWithinPartitions(CHUNK);
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
