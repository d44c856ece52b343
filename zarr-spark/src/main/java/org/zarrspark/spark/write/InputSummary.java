package org.zarrspark.spark.write;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * What one input partition says about the input, read from Spark's binary rows with primitive
 * getters: row count, each dimension's distinct values (primitive hash sets; a value equal to the
 * row before's costs one comparison, as sorted inputs give runs), NULL counts, integer ranges and
 * the instants of timestamp variables. Partitions' summaries merge on the driver.
 */
final class InputSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The columns summarised: dimensions, integer variables, timestamp variables (input ordinals). */
  record Columns(int[] dims, ValueKind[] dimKinds, int[] ints, ValueKind[] intKinds, int[] times, long[] units)
      implements Serializable {
    static Columns of(StructType schema, List<String> dims, List<String> ints, List<String> times, long[] units) {
      return new Columns(ordinals(schema, dims), kinds(schema, dims), ordinals(schema, ints), kinds(schema, ints),
          ordinals(schema, times), units);
    }

    private static int[] ordinals(StructType schema, List<String> names) {
      return names.stream().mapToInt(schema::fieldIndex).toArray();
    }

    private static ValueKind[] kinds(StructType schema, List<String> names) {
      return names.stream().map(n -> ValueKind.of(n, schema.apply(n).dataType())).toArray(ValueKind[]::new);
    }
  }

  long rows;
  final long[] dimNulls;
  final LongSet[] numbers;
  final List<Set<String>> strings = new ArrayList<>();
  final long[] intMin;
  final long[] intMax;
  final long[] intNulls;
  final long[] timeMin;
  final long[][] modMin;
  final long[][] modMax;

  InputSummary(Columns c) {
    dimNulls = new long[c.dims().length];
    numbers = new LongSet[c.dims().length];
    for (int d = 0; d < numbers.length; d++) {
      numbers[d] = new LongSet();
      strings.add(new HashSet<>());
    }
    intMin = filled(c.ints().length, Long.MAX_VALUE);
    intMax = filled(c.ints().length, Long.MIN_VALUE);
    intNulls = new long[c.ints().length];
    timeMin = filled(c.times().length, Long.MAX_VALUE);
    modMin = new long[c.times().length][];
    modMax = new long[c.times().length][];
    for (int t = 0; t < modMin.length; t++) {
      modMin[t] = filled(c.units().length, Long.MAX_VALUE);
      modMax[t] = filled(c.units().length, Long.MIN_VALUE);
    }
  }

  private static long[] filled(int n, long v) {
    long[] a = new long[n];
    Arrays.fill(a, v);
    return a;
  }

  void add(InternalRow r, Columns c) {
    rows++;
    for (int d = 0; d < c.dims().length; d++) {
      int o = c.dims()[d];
      if (r.isNullAt(o)) {
        dimNulls[d]++;
      } else if (c.dimKinds()[d] == ValueKind.STRING) {
        strings.get(d).add(r.getUTF8String(o).toString());
      } else {
        numbers[d].add(bits(r, o, c.dimKinds()[d]));
      }
    }
    for (int i = 0; i < c.ints().length; i++) {
      int o = c.ints()[i];
      if (r.isNullAt(o)) {
        intNulls[i]++;
        continue;
      }
      long v = integer(r, o, c.intKinds()[i]);
      intMin[i] = Math.min(intMin[i], v);
      intMax[i] = Math.max(intMax[i], v);
    }
    for (int t = 0; t < c.times().length; t++) {
      int o = c.times()[t];
      if (r.isNullAt(o)) {
        continue;
      }
      long micros = r.getLong(o);
      timeMin[t] = Math.min(timeMin[t], micros);
      for (int u = 0; u < c.units().length; u++) {
        long m = Math.floorMod(micros, c.units()[u]);
        modMin[t][u] = Math.min(modMin[t][u], m);
        modMax[t][u] = Math.max(modMax[t][u], m);
      }
    }
  }

  /** A dimension value as 64 bits: integers, booleans, timestamps as themselves, floats as double bits. */
  private static long bits(InternalRow r, int o, ValueKind k) {
    switch (k) {
      case FLOAT32:
      case FLOAT64: {
        double d = k == ValueKind.FLOAT32 ? r.getFloat(o) : r.getDouble(o);
        return Double.doubleToLongBits(d == 0.0 ? 0.0 : d); // -0.0 and 0.0 are one coordinate
      }
      default:
        return integer(r, o, k);
    }
  }

  private static long integer(InternalRow r, int o, ValueKind k) {
    return switch (k) {
      case BOOL -> r.getBoolean(o) ? 1L : 0L;
      case INT8 -> r.getByte(o);
      case INT16 -> r.getShort(o);
      case INT32 -> r.getInt(o);
      default -> r.getLong(o); // INT64, timestamps in microseconds
    };
  }

  InputSummary merge(InputSummary o) {
    rows += o.rows;
    for (int d = 0; d < numbers.length; d++) {
      dimNulls[d] += o.dimNulls[d];
      numbers[d].addAll(o.numbers[d]);
      strings.get(d).addAll(o.strings.get(d));
    }
    for (int i = 0; i < intMin.length; i++) {
      intMin[i] = Math.min(intMin[i], o.intMin[i]);
      intMax[i] = Math.max(intMax[i], o.intMax[i]);
      intNulls[i] += o.intNulls[i];
    }
    for (int t = 0; t < timeMin.length; t++) {
      timeMin[t] = Math.min(timeMin[t], o.timeMin[t]);
      for (int u = 0; u < modMin[t].length; u++) {
        modMin[t][u] = Math.min(modMin[t][u], o.modMin[t][u]);
        modMax[t][u] = Math.max(modMax[t][u], o.modMax[t][u]);
      }
    }
    return this;
  }

  /** A dimension's distinct values as the writer's keys (Long, Double or String). */
  List<Object> distinct(int d, ValueKind k) {
    List<Object> out = new ArrayList<>();
    if (k == ValueKind.STRING) {
      out.addAll(strings.get(d));
    } else if (k.isFloating()) {
      numbers[d].forEach(b -> out.add(Double.longBitsToDouble(b)));
    } else {
      numbers[d].forEach(out::add);
    }
    return out;
  }

  /**
   * A set of longs by open addressing (no boxing); remembers the last value added, so runs of
   * one value (an outer dimension of sorted input) cost one comparison.
   */
  static final class LongSet implements Serializable {
    private static final long serialVersionUID = 1L;
    private long[] keys = new long[16];
    private boolean[] used = new boolean[16];
    private int size;
    private long last;
    private boolean hasLast;

    void add(long v) {
      if (hasLast && v == last) {
        return;
      }
      last = v;
      hasLast = true;
      if (2 * (size + 1) > keys.length) {
        grow();
      }
      int mask = keys.length - 1;
      int i = (int) mix(v) & mask;
      while (used[i]) {
        if (keys[i] == v) {
          return;
        }
        i = (i + 1) & mask;
      }
      used[i] = true;
      keys[i] = v;
      size++;
    }

    void addAll(LongSet o) {
      for (int i = 0; i < o.keys.length; i++) {
        if (o.used[i]) {
          add(o.keys[i]);
        }
      }
    }

    void forEach(java.util.function.LongConsumer c) {
      for (int i = 0; i < keys.length; i++) {
        if (used[i]) {
          c.accept(keys[i]);
        }
      }
    }

    private void grow() {
      long[] k = keys;
      boolean[] u = used;
      keys = new long[k.length * 2];
      used = new boolean[k.length * 2];
      size = 0;
      hasLast = false;
      for (int i = 0; i < k.length; i++) {
        if (u[i]) {
          add(k[i]);
        }
      }
    }

    /**
     * MurmurHash3's 64-bit finaliser: every input bit reaches the low bits the table uses. (A
     * plain multiply leaves them zero for doubles such as 0.25 * k, whose low mantissa bits are
     * zero: every coordinate then probed one slot, quadratic time.)
     */
    private static long mix(long v) {
      long h = v ^ (v >>> 33);
      h *= 0xff51afd7ed558ccdL;
      h ^= h >>> 33;
      h *= 0xc4ceb9fe1a85ec53L;
      return h ^ (h >>> 33);
    }
  }
}
