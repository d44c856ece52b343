package org.zarrspark.spark.write;


import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.zarrspark.core.write.CfTime;
import org.zarrspark.spark.util.JavaSerialized;

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
   * One pass over the input, as Spark's binary rows read with primitive getters: each partition
   * is summarised ({@link InputSummary}: distinct dimension values in primitive hash sets, counts,
   * ranges) and the summaries merge on the driver. A SQL aggregation did the same with a grouping
   * set per dimension, several times slower (its hash map compares whole grouping keys per row).
   */
  public static InputStats compute(Dataset<Row> data, List<String> dims) {
    StructType schema = data.schema();
    List<String> ints = new ArrayList<>();
    List<String> times = new ArrayList<>();
    for (String name : schema.fieldNames()) {
      ValueKind k = ValueKind.of(name, schema.apply(name).dataType());
      if (!dims.contains(name) && k.isInteger()) {
        ints.add(name);
      } else if (!dims.contains(name) && k == ValueKind.TIMESTAMP) {
        times.add(name);
      }
    }
    // Timestamp variables: the earliest instant, and per unit length u the least and greatest
    // instant mod u (all equal = every instant a whole number of u from the earliest).
    long[] units = CfTime.unitLengths();
    InputSummary.Columns cols = InputSummary.Columns.of(schema, dims, ints, times, units);
    List<JavaSerialized<InputSummary>> parts = data.queryExecution().toRdd().toJavaRDD().mapPartitions(
        (org.apache.spark.api.java.function.FlatMapFunction<java.util.Iterator<org.apache.spark.sql.catalyst.InternalRow>,
            JavaSerialized<InputSummary>>) it -> {
          InputSummary x = new InputSummary(cols);
          while (it.hasNext()) {
            x.add(it.next(), cols);
          }
          // Task results pass spark.serializer (Kryo on many clusters): wrapped.
          return List.of(new JavaSerialized<>(x)).iterator();
        }).collect();
    InputSummary all = new InputSummary(cols);
    parts.forEach(p -> all.merge(p.get()));

    InputStats s = new InputStats(all.rows);
    for (int d = 0; d < dims.size(); d++) {
      s.nulls.put(dims.get(d), all.dimNulls[d]);
      s.distinct.put(dims.get(d), all.distinct(d, cols.dimKinds()[d]));
    }
    for (int i = 0; i < ints.size(); i++) {
      if (all.intMin[i] <= all.intMax[i]) {
        s.ranges.put(ints.get(i), new long[] {all.intMin[i], all.intMax[i]});
      }
      s.nulls.put(ints.get(i), all.intNulls[i]);
    }
    for (int t = 0; t < times.size(); t++) {
      if (all.timeMin[t] != Long.MAX_VALUE) {
        java.util.Set<Long> whole = new java.util.HashSet<>();
        for (int u = 0; u < units.length; u++) {
          if (all.modMin[t][u] == all.modMax[t][u]) {
            whole.add(units[u]);
          }
        }
        s.times.put(times.get(t), CfTime.coarsest(all.timeMin[t], whole::contains));
      }
    }
    return s;
  }
}
