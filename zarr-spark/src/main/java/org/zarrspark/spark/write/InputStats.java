package org.zarrspark.spark.write;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.zarrspark.core.write.CfTime;

/**
 * What the driver learns from the input in one pass before writing: the distinct values of each
 * dimension (the coordinates), NULL counts of the dimensions and of the integer columns, and
 * the range of each integer column (to pick a fill value that no real value uses, when one is needed).
 */
public final class InputStats {
  public final long rows;
  public final Map<String, List<Object>> distinct = new HashMap<>();
  public final Map<String, Long> nulls = new HashMap<>();
  public final Map<String, long[]> ranges = new HashMap<>();
  /** Timestamp variables with a non-NULL value: the encoding xarray would give them. */
  public final Map<String, CfTime> times = new HashMap<>();

  private InputStats(long rows) {
    this.rows = rows;
  }

  /** Whether the rows fill every point of a grid of {@code points} points (rows on one point are refused later). */
  public boolean dense(long points) {
    return rows == points;
  }

  public static InputStats compute(Dataset<Row> data, List<String> dims) {
    StructType schema = data.schema();
    List<Column> aggs = new ArrayList<>();
    for (String d : dims) {
      aggs.add(sum(when(data.col(d).isNull(), 1).otherwise(0)));
    }
    List<String> ints = new ArrayList<>();
    for (String name : schema.fieldNames()) {
      if (!dims.contains(name) && ValueKind.of(name, schema.apply(name).dataType()).isInteger()) {
        ints.add(name);
        aggs.add(min(data.col(name)));
        aggs.add(max(data.col(name)));
        aggs.add(sum(when(data.col(name).isNull(), 1).otherwise(0)));
      }
    }
    // Timestamp variables: the earliest instant, and per unit length u the least and greatest
    // instant mod u (all equal = every instant a whole number of u from the earliest).
    long[] units = CfTime.unitLengths();
    List<String> times = new ArrayList<>();
    for (String name : schema.fieldNames()) {
      if (!dims.contains(name) && ValueKind.of(name, schema.apply(name).dataType()) == ValueKind.TIMESTAMP) {
        times.add(name);
        Column micros = functions.unix_micros(data.col(name));
        aggs.add(min(micros));
        for (long u : units) {
          aggs.add(min(functions.pmod(micros, lit(u))));
          aggs.add(max(functions.pmod(micros, lit(u))));
        }
      }
    }
    Row r = data.agg(count(lit(1)), aggs.toArray(new Column[0])).first();
    InputStats s = new InputStats(r.getLong(0));
    int i = 1;
    for (String d : dims) {
      s.nulls.put(d, r.isNullAt(i) ? 0L : ((Number) r.get(i)).longValue());
      i++;
    }
    s.distinct.putAll(distinctValues(data, dims));
    for (String n : ints) {
      if (!r.isNullAt(i)) {
        s.ranges.put(n, new long[] {((Number) r.get(i)).longValue(), ((Number) r.get(i + 1)).longValue()});
      }
      s.nulls.put(n, r.isNullAt(i + 2) ? 0L : ((Number) r.get(i + 2)).longValue());
      i += 3;
    }
    for (String n : times) {
      if (!r.isNullAt(i)) {
        java.util.Set<Long> whole = new java.util.HashSet<>();
        for (int u = 0; u < units.length; u++) {
          if (r.getLong(i + 1 + 2 * u) == r.getLong(i + 2 + 2 * u)) {
            whole.add(units[u]);
          }
        }
        s.times.put(n, CfTime.coarsest(r.getLong(i), whole::contains));
      }
      i += 1 + 2 * units.length;
    }
    return s;
  }

  /**
   * The distinct non-NULL values of each dimension, in one more pass: a hash aggregation over
   * grouping sets (one per dimension), which Spark runs on its binary rows, where collecting
   * sets of boxed values per dimension took several times longer.
   */
  static Map<String, List<Object>> distinctValues(Dataset<Row> data, List<String> dims) {
    StructType schema = data.schema();
    String view = "__zarr_input_" + java.util.UUID.randomUUID().toString().replace('-', '_');
    data.createOrReplaceTempView(view);
    Map<String, List<Object>> out = new HashMap<>();
    try {
      List<String> quoted = new ArrayList<>();
      for (String d : dims) {
        quoted.add("`" + d.replace("`", "``") + "`");
        out.put(d, new ArrayList<>());
      }
      String sets = "GROUPING SETS (" + String.join(", ", quoted.stream().map(q -> "(" + q + ")").toList()) + ")";
      String sql = "SELECT grouping_id() AS g, " + String.join(", ", quoted) + " FROM " + view + " GROUP BY " + sets;
      int n = dims.size();
      for (Row r : data.sparkSession().sql(sql).collectAsList()) {
        long g = ((Number) r.get(0)).longValue();
        for (int d = 0; d < n; d++) {
          // grouping_id: bit (n - 1 - d) is 0 for the dimension the row's set groups by.
          if ((g >> (n - 1 - d) & 1) == 0 && !r.isNullAt(1 + d)) {
            out.get(dims.get(d)).add(ValueKind.of(dims.get(d), schema.apply(dims.get(d)).dataType()).key(r.get(1 + d)));
          }
        }
      }
    } finally {
      data.sparkSession().catalog().dropTempView(view);
    }
    return out;
  }
}
