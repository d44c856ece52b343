package org.zarrspark.spark.aggregate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.aggregate.AggregateFunc;
import org.apache.spark.sql.connector.expressions.aggregate.Aggregation;
import org.apache.spark.sql.connector.expressions.aggregate.Avg;
import org.apache.spark.sql.connector.expressions.aggregate.Count;
import org.apache.spark.sql.connector.expressions.aggregate.CountStar;
import org.apache.spark.sql.connector.expressions.aggregate.Max;
import org.apache.spark.sql.connector.expressions.aggregate.Min;
import org.apache.spark.sql.connector.expressions.aggregate.Sum;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zarrspark.spark.model.ColumnSpec;
import org.zarrspark.spark.model.Decoding;
import org.zarrspark.spark.model.TableModel;

/**
 * MIN, MAX, SUM, COUNT and COUNT(*), optionally grouped by dimension columns, computed by each
 * task over the values it decodes: partial aggregates that Spark then merges (AVG comes as SUM and
 * COUNT), or, when one task reads the whole selection, the final values (AVG included, as Spark's
 * double sum divided by the count). A task returns one row per group instead of a row per grid
 * point, so Spark never handles the points one by one. Only what merges exactly is taken: SUM and
 * AVG of floating-point columns (in double, as Spark sums them); integer sums, with their overflow
 * rules, stay Spark's.
 */
public final class DataAggregates implements Serializable {
  private static final long serialVersionUID = 1L;

  public enum Kind { MIN, MAX, SUM, AVG, COUNT, COUNT_STAR }

  /** One aggregate: its kind and, except for COUNT(*), the index of its column in {@link #columns}. */
  public static final class Agg implements Serializable {
    private static final long serialVersionUID = 1L;
    public final Kind kind;
    public final int column;
    public final DataType type;

    Agg(Kind kind, int column, DataType type) {
      this.kind = kind;
      this.column = column;
      this.type = type;
    }
  }

  /** The columns to read: the group-by columns first, then the aggregated ones. */
  public final List<ColumnSpec> columns;
  public final int groupBy;
  public final List<Agg> aggs;
  /** Group-by columns then one column per aggregate, as Spark expects the scan's output. */
  public final StructType schema;

  private DataAggregates(List<ColumnSpec> columns, int groupBy, List<Agg> aggs, StructType schema) {
    this.columns = columns;
    this.groupBy = groupBy;
    this.aggs = aggs;
    this.schema = schema;
  }

  /**
   * The plan, or null when some part of the aggregation is not one this scan computes. AVG only
   * when {@code complete} (one task answers every group whole): partials of an average do not merge.
   */
  public static DataAggregates of(Aggregation agg, TableModel model, boolean complete) {
    List<ColumnSpec> columns = new ArrayList<>();
    List<StructField> fields = new ArrayList<>();
    for (Expression e : agg.groupByExpressions()) {
      ColumnSpec c = column(e, model);
      if (c == null || c.role == ColumnSpec.Role.VARIABLE || !groupable(out(c)) || columns.contains(c)) {
        return null;
      }
      columns.add(c);
      fields.add(new StructField(c.name, c.sparkType(), true, Metadata.empty()));
    }
    int groupBy = columns.size();
    List<Agg> aggs = new ArrayList<>();
    for (AggregateFunc f : agg.aggregateExpressions()) {
      Kind kind;
      Expression arg;
      if (f instanceof CountStar) {
        aggs.add(new Agg(Kind.COUNT_STAR, -1, DataTypes.LongType));
        fields.add(new StructField("count(*)", DataTypes.LongType, true, Metadata.empty()));
        continue;
      } else if (f instanceof Count && !((Count) f).isDistinct()) {
        kind = Kind.COUNT;
        arg = ((Count) f).column();
      } else if (f instanceof Sum && !((Sum) f).isDistinct()) {
        kind = Kind.SUM;
        arg = ((Sum) f).column();
      } else if (f instanceof Avg && !((Avg) f).isDistinct() && complete) {
        kind = Kind.AVG;
        arg = ((Avg) f).column();
      } else if (f instanceof Min) {
        kind = Kind.MIN;
        arg = ((Min) f).column();
      } else if (f instanceof Max) {
        kind = Kind.MAX;
        arg = ((Max) f).column();
      } else {
        return null;
      }
      ColumnSpec c = column(arg, model);
      if (c == null || !supported(kind, out(c))) {
        return null;
      }
      int index = columns.indexOf(c);
      if (index < 0) {
        index = columns.size();
        columns.add(c);
      }
      DataType type = kind == Kind.COUNT ? DataTypes.LongType
          : kind == Kind.SUM || kind == Kind.AVG ? DataTypes.DoubleType : c.sparkType();
      aggs.add(new Agg(kind, index, type));
      fields.add(new StructField(kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + c.name + ")", type, true,
          Metadata.empty()));
    }
    return new DataAggregates(columns, groupBy, aggs, new StructType(fields.toArray(new StructField[0])));
  }

  /** The table column a plain column reference names, else null. */
  private static ColumnSpec column(Expression e, TableModel model) {
    if (e instanceof NamedReference && ((NamedReference) e).fieldNames().length == 1) {
      return model.column(((NamedReference) e).fieldNames()[0]);
    }
    return null;
  }

  /** How a column's values come out; index columns are longs without a decoding. */
  private static Decoding.Out out(ColumnSpec c) {
    return c.decoding == null ? Decoding.Out.LONG : c.decoding.out;
  }

  private static boolean groupable(Decoding.Out out) {
    switch (out) {
      case BYTE: case SHORT: case INT: case LONG: case FLOAT: case DOUBLE: case TIMESTAMP:
        return true;
      default:
        return false;
    }
  }

  private static boolean supported(Kind kind, Decoding.Out out) {
    switch (kind) {
      case COUNT:
        return true;
      case SUM:
      case AVG:
        return out == Decoding.Out.FLOAT || out == Decoding.Out.DOUBLE;
      default:
        return groupable(out);
    }
  }

  @Override
  public String toString() {
    return schema.simpleString() + (groupBy > 0 ? " per group" : "") + ", partial per task";
  }
}
