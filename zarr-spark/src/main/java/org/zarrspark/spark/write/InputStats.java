package org.zarrspark.spark.write;


import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.zarrspark.core.write.CfTime;

/**
 * What the driver learns from the input in one pass before writing: the distinct values of each
 * dimension (the coordinates), NULL counts of the dimensions and of the integer columns, the
 * range of each integer column (to pick a fill value that no real value uses, when one is
 * needed), and the encoding of each timestamp variable.
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

  /**
   * One pass over the input: a hash aggregation over grouping sets, one per dimension, which
   * Spark runs on its binary rows. Each set's rows are that dimension's distinct values; the
   * first set's rows also carry the counts, NULL counts and ranges of its groups, which the
   * driver folds into the totals (a sum of sums, a min of mins).
   */
  public static InputStats compute(Dataset<Row> data, List<String> dims) {
    StructType schema = data.schema();
    List<String> aggs = new ArrayList<>();
    aggs.add("count(1)");
    for (String d : dims) {
      aggs.add("sum(CASE WHEN " + q(d) + " IS NULL THEN 1 ELSE 0 END)");
    }
    List<String> ints = new ArrayList<>();
    for (String name : schema.fieldNames()) {
      if (!dims.contains(name) && ValueKind.of(name, schema.apply(name).dataType()).isInteger()) {
        ints.add(name);
        aggs.add("min(" + q(name) + ")");
        aggs.add("max(" + q(name) + ")");
        aggs.add("sum(CASE WHEN " + q(name) + " IS NULL THEN 1 ELSE 0 END)");
      }
    }
    // Timestamp variables: the earliest instant, and per unit length u the least and greatest
    // instant mod u (all equal = every instant a whole number of u from the earliest).
    long[] units = CfTime.unitLengths();
    List<String> times = new ArrayList<>();
    for (String name : schema.fieldNames()) {
      if (!dims.contains(name) && ValueKind.of(name, schema.apply(name).dataType()) == ValueKind.TIMESTAMP) {
        times.add(name);
        String micros = "unix_micros(CAST(" + q(name) + " AS TIMESTAMP))";
        aggs.add("min(" + micros + ")");
        for (long u : units) {
          aggs.add("min(pmod(" + micros + ", " + u + "L))");
          aggs.add("max(pmod(" + micros + ", " + u + "L))");
        }
      }
    }
    int n = dims.size();
    List<String> quoted = dims.stream().map(InputStats::q).toList();
    String view = "__zarr_input_" + java.util.UUID.randomUUID().toString().replace('-', '_');
    String sql = "SELECT grouping_id() AS g, " + String.join(", ", quoted) + ", " + String.join(", ", aggs) + " FROM "
        + view + " GROUP BY GROUPING SETS (" + String.join(", ", quoted.stream().map(x -> "(" + x + ")").toList()) + ")";
    List<Row> rows;
    data.createOrReplaceTempView(view);
    try {
      rows = data.sparkSession().sql(sql).collectAsList();
    } finally {
      data.sparkSession().catalog().dropTempView(view);
    }
    // The first dimension's set: grouping_id with every bit but the first one's set.
    long firstSet = (1L << (n - 1)) - 1;
    Totals t = new Totals(aggs.size());
    Map<String, List<Object>> distinct = new HashMap<>();
    dims.forEach(d -> distinct.put(d, new ArrayList<>()));
    for (Row r : rows) {
      long g = ((Number) r.get(0)).longValue();
      for (int d = 0; d < n; d++) {
        // grouping_id: bit (n - 1 - d) is 0 for the dimension the row's set groups by.
        if ((g >> (n - 1 - d) & 1) == 0 && !r.isNullAt(1 + d)) {
          distinct.get(dims.get(d)).add(ValueKind.of(dims.get(d), schema.apply(dims.get(d)).dataType()).key(r.get(1 + d)));
        }
      }
      if (g == firstSet) {
        t.add(r, 1 + n);
      }
    }
    InputStats s = new InputStats(t.sum(0));
    s.distinct.putAll(distinct);
    int i = 1;
    for (String d : dims) {
      s.nulls.put(d, t.sum(i++));
    }
    for (String name : ints) {
      if (t.has(i)) {
        s.ranges.put(name, new long[] {t.min(i), t.max(i + 1)});
      }
      s.nulls.put(name, t.sum(i + 2));
      i += 3;
    }
    for (String name : times) {
      if (t.has(i)) {
        java.util.Set<Long> whole = new java.util.HashSet<>();
        for (int u = 0; u < units.length; u++) {
          if (t.min(i + 1 + 2 * u) == t.max(i + 2 + 2 * u)) {
            whole.add(units[u]);
          }
        }
        s.times.put(name, CfTime.coarsest(t.min(i), whole::contains));
      }
      i += 1 + 2 * units.length;
    }
    return s;
  }

  private static String q(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** The aggregates of the first set's groups folded together: sums, least and greatest values. */
  private static final class Totals {
    private final long[] sum;
    private final long[] min;
    private final long[] max;
    private final boolean[] seen;

    Totals(int n) {
      sum = new long[n];
      min = new long[n];
      max = new long[n];
      seen = new boolean[n];
      java.util.Arrays.fill(min, Long.MAX_VALUE);
      java.util.Arrays.fill(max, Long.MIN_VALUE);
    }

    void add(Row r, int first) {
      for (int k = 0; k < sum.length; k++) {
        if (!r.isNullAt(first + k)) {
          long v = ((Number) r.get(first + k)).longValue();
          sum[k] += v;
          min[k] = Math.min(min[k], v);
          max[k] = Math.max(max[k], v);
          seen[k] = true;
        }
      }
    }

    long sum(int k) {
      return sum[k];
    }

    long min(int k) {
      return min[k];
    }

    long max(int k) {
      return max[k];
    }

    boolean has(int k) {
      return seen[k];
    }
  }
}
