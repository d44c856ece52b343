package org.zarrspark.spark.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** A task's output: one row per group, its group-by values then each aggregate's partial (or final) value. */
final class PartialRows {
  private PartialRows() {}

  static List<InternalRow> of(Collection<Partials> groups, DataAggregates plan) {
    int g = plan.groupBy;
    List<InternalRow> out = new ArrayList<>(groups.size());
    for (Partials p : groups) {
      Object[] row = Arrays.copyOf(p.key, g + plan.aggs.size());
      for (int k = 0; k < plan.aggs.size(); k++) {
        row[g + k] = value(plan.aggs.get(k), p, k);
      }
      out.add(new GenericInternalRow(row));
    }
    return out;
  }

  /** Aggregate {@code k}'s partial value in Spark's internal form; NULL for a SUM, MIN or MAX of no values. */
  static Object value(DataAggregates.Agg a, Partials p, int k) {
    switch (a.kind) {
      case COUNT:
      case COUNT_STAR:
        return p.l[k];
      case SUM:
        return p.seen[k] ? p.d[k] : null;
      case AVG:
        return p.l[k] == 0 ? null : p.d[k] / p.l[k]; // Spark's Average: the double sum over the count
      default:
        if (!p.seen[k]) {
          return null;
        }
        DataType t = a.type;
        if (t == DataTypes.FloatType) {
          return (float) p.d[k];
        }
        if (t == DataTypes.DoubleType) {
          return p.d[k];
        }
        if (t == DataTypes.IntegerType) {
          return (int) p.l[k];
        }
        if (t == DataTypes.ShortType) {
          return (short) p.l[k];
        }
        if (t == DataTypes.ByteType) {
          return (byte) p.l[k];
        }
        return p.l[k];
    }
  }
}
