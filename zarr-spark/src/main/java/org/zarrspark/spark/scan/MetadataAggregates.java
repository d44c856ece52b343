package org.zarrspark.spark.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.aggregate.AggregateFunc;
import org.apache.spark.sql.connector.expressions.aggregate.Aggregation;
import org.apache.spark.sql.connector.expressions.aggregate.Count;
import org.apache.spark.sql.connector.expressions.aggregate.CountStar;
import org.apache.spark.sql.connector.expressions.aggregate.Max;
import org.apache.spark.sql.connector.expressions.aggregate.Min;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zarrspark.spark.model.ColumnSpec;
import org.zarrspark.spark.model.Decoding;
import org.zarrspark.spark.model.TableModel;
import org.zarrspark.spark.pushdown.Coordinates;
import org.zarrspark.spark.pushdown.Selection;

/**
 * COUNT(*) and MIN/MAX of dimension columns answered from metadata and 1-D coordinates: the
 * count is the selection's size, the extremes come from the selected coordinate values.
 */
final class MetadataAggregates {
  final StructType schema;
  final InternalRow row;

  private MetadataAggregates(StructType schema, InternalRow row) {
    this.schema = schema;
    this.row = row;
  }

  /** The answer, or null when the aggregation needs the data. */
  static MetadataAggregates of(Aggregation agg, TableModel model, Selection sel,
      Function<ColumnSpec, Coordinates> coordinates) {
    if (agg.groupByExpressions().length > 0) {
      return null;
    }
    List<StructField> fields = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (AggregateFunc f : agg.aggregateExpressions()) {
      if (f instanceof CountStar) {
        fields.add(field("count(*)", DataTypes.LongType));
        values.add(sel.rowCount());
        continue;
      }
      if (f instanceof Count && !((Count) f).isDistinct()) {
        ColumnSpec c = column(((Count) f).column(), model);
        if (c == null || c.role != ColumnSpec.Role.INDEX) {
          return null; // coordinates may hold NULLs: counting them needs the values
        }
        fields.add(field("count", DataTypes.LongType));
        values.add(sel.rowCount());
        continue;
      }
      boolean min = f instanceof Min;
      if (!min && !(f instanceof Max)) {
        return null;
      }
      ColumnSpec c = column(min ? ((Min) f).column() : ((Max) f).column(), model);
      if (c == null || c.role == ColumnSpec.Role.VARIABLE) {
        return null;
      }
      Object v = extreme(c, sel, min, coordinates);
      if (v == NOT_SUPPORTED) {
        return null;
      }
      fields.add(field((min ? "min(" : "max(") + c.name + ")", c.sparkType()));
      values.add(v);
    }
    return new MetadataAggregates(new StructType(fields.toArray(new StructField[0])),
        new GenericInternalRow(values.toArray()));
  }

  private static final Object NOT_SUPPORTED = new Object();

  private static StructField field(String name, org.apache.spark.sql.types.DataType t) {
    return new StructField(name, t, true, Metadata.empty());
  }

  /** The table column a pushed expression names, or null for anything else. */
  static ColumnSpec column(Expression e, TableModel model) {
    if (e instanceof NamedReference && ((NamedReference) e).fieldNames().length == 1) {
      return model.column(((NamedReference) e).fieldNames()[0]);
    }
    return null;
  }

  /** Min or max of a dimension column over the selected indices, in Spark's internal form. */
  private static Object extreme(ColumnSpec c, Selection sel, boolean min, Function<ColumnSpec, Coordinates> coords) {
    int dim = c.dim;
    if (c.role == ColumnSpec.Role.INDEX) {
      Long best = null;
      for (long[] b : sel.boxes()) {
        long v = min ? b[2 * dim] : b[2 * dim + 1] - 1;
        best = best == null ? v : min ? Math.min(best, v) : Math.max(best, v);
      }
      return best;
    }
    Coordinates k = coords.apply(c);
    Decoding.Out out = c.decoding.out;
    Integer bestIndex = null;
    for (long[] b : sel.boxes()) {
      for (long i = b[2 * dim]; i < b[2 * dim + 1]; i++) {
        int idx = (int) i;
        if (!k.isNull(idx) && (bestIndex == null || (min ? k.compare(idx, bestIndex) < 0 : k.compare(idx, bestIndex) > 0))) {
          bestIndex = idx;
        }
      }
    }
    if (bestIndex == null) {
      return null;
    }
    return k.internalValue(bestIndex, out);
  }
}
