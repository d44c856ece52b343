package org.zarrspark.spark.pushdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.apache.spark.sql.connector.expressions.Cast;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.types.UTF8String;
import org.zarrspark.spark.model.ColumnSpec;

/**
 * Turns Spark V2 predicates on dimension columns into index selections: by index for index
 * columns, by value for coordinates (binary search when the coordinate is strictly monotonic,
 * a scan otherwise). AND, OR and NOT (of one dimension) combine selections. A predicate that
 * cannot be translated gives null and stays with Spark.
 *
 * <p>(Over 300 lines: every predicate's translation and Spark's comparison rules — NaN, -0.0, NULL — in one place.)
 */
public final class PredicateTranslator {
  private final long[] sizes;
  private final Map<String, ColumnSpec> dimColumns;
  private final Function<ColumnSpec, Coordinates> coordinates;

  public PredicateTranslator(long[] sizes, Map<String, ColumnSpec> dimColumns, Function<ColumnSpec, Coordinates> coordinates) {
    this.sizes = sizes;
    this.dimColumns = dimColumns;
    this.coordinates = coordinates;
  }

  /** The selection a predicate allows, or null when it is not translatable. */
  public Selection translate(Predicate p) {
    String name = p.name();
    Expression[] ch = p.children();
    switch (name) {
      case "AND": {
        Selection a = translate((Predicate) ch[0]);
        Selection b = translate((Predicate) ch[1]);
        if (a == null && b == null) {
          return null;
        }
        // One side alone still bounds the rows, but no longer exactly.
        if (a == null) {
          return b.inexact();
        }
        if (b == null) {
          return a.inexact();
        }
        return a.and(b);
      }
      case "OR": {
        Selection a = translate((Predicate) ch[0]);
        Selection b = translate((Predicate) ch[1]);
        return a == null || b == null ? null : a.or(b);
      }
      case "NOT": {
        Selection a = translate((Predicate) ch[0]);
        Selection n = a == null || !a.isExact() ? null : a.not();
        // Where the inner predicate may be NULL (a NULL literal, a coordinate with NULLs), NOT
        // of it is not true either: the complement then holds too many rows, so Spark filters.
        return n != null && mayBeNull(ch[0]) ? n.inexact() : n;
      }
      case "ALWAYS_TRUE":
        return Selection.all(sizes);
      case "ALWAYS_FALSE":
        return Selection.none(sizes);
      case "=":
      case "<=>":
      case "<":
      case "<=":
      case ">":
      case ">=":
        return comparison(name, ch[0], ch[1]);
      case "IN":
        return in(ch);
      case "IS_NULL":
      case "IS_NOT_NULL":
        return nullness(ch[0], name.equals("IS_NULL"));
      default:
        return null;
    }
  }

  /** Whether the expression may evaluate to NULL: a NULL literal, or a coordinate with NULLs. */
  private boolean mayBeNull(Expression e) {
    if (e instanceof Predicate && (((Predicate) e).name().equals("IS_NULL") || ((Predicate) e).name().equals("IS_NOT_NULL"))) {
      return false; // true or false, never NULL
    }
    if (e instanceof Literal) {
      return ((Literal<?>) e).value() == null;
    }
    ColumnSpec col = column(e);
    if (col != null) {
      if (col.role == ColumnSpec.Role.INDEX) {
        return false;
      }
      for (boolean n : coordinates.apply(col).nulls) {
        if (n) {
          return true;
        }
      }
      return false;
    }
    for (Expression c : e.children()) {
      if (mayBeNull(c)) {
        return true;
      }
    }
    return false;
  }

  private Selection comparison(String op, Expression left, Expression right) {
    ColumnSpec col = column(left);
    Literal<?> lit = literal(right);
    if (col == null || lit == null) {
      col = column(right);
      lit = literal(left);
      if (col == null || lit == null) {
        return null;
      }
      op = flip(op);
    }
    return compare(col, op, lit);
  }

  private static String flip(String op) {
    switch (op) {
      case "<": return ">";
      case "<=": return ">=";
      case ">": return "<";
      case ">=": return "<=";
      default: return op;
    }
  }

  /** Index columns are never NULL; coordinates are NULL where their values are missing. */
  private Selection nullness(Expression e, boolean isNull) {
    ColumnSpec col = column(e);
    if (col == null) {
      return null;
    }
    if (col.role == ColumnSpec.Role.INDEX) {
      return isNull ? Selection.none(sizes) : Selection.all(sizes);
    }
    Coordinates c = coordinates.apply(col);
    return Selection.alongDim(sizes, col.dim, scan(c.size(), i -> c.nulls[i] == isNull));
  }

  private Selection in(Expression[] ch) {
    ColumnSpec col = column(ch[0]);
    if (col == null) {
      return null;
    }
    Selection s = Selection.none(sizes);
    for (int i = 1; i < ch.length; i++) {
      Literal<?> lit = literal(ch[i]);
      if (lit == null) {
        return null;
      }
      Selection one = compare(col, "=", lit);
      if (one == null) {
        return null;
      }
      s = s.or(one);
    }
    return s;
  }

  private Selection compare(ColumnSpec col, String op, Literal<?> lit) {
    if (lit.value() == null) {
      // x = NULL is never true; x <=> NULL would need NULL coordinates: leave it to Spark.
      return op.equals("<=>") ? null : Selection.none(sizes);
    }
    int dim = col.dim;
    if (col.role == ColumnSpec.Role.INDEX) {
      Double v = number(lit);
      if (v == null) {
        return null;
      }
      long n = sizes[dim];
      return Selection.alongDim(sizes, dim, List.of(indexRange(op, v, n)));
    }
    Coordinates c = coordinates.apply(col);
    IntPredicate test;
    switch (c.kind) {
      case NUMBER: {
        Double v = number(lit);
        if (v == null) {
          return null;
        }
        double x = v;
        test = i -> !c.nulls[i] && holds(op, sqlCompare(c.numbers[i], x));
        break;
      }
      case TIME: {
        Long v = micros(lit);
        if (v == null) {
          return null;
        }
        long x = v;
        test = i -> !c.nulls[i] && holds(op, Long.compare(c.times[i], x));
        break;
      }
      default: {
        if (!(lit.dataType() instanceof StringType)) {
          return null;
        }
        UTF8String x = (UTF8String) lit.value();
        test = i -> !c.nulls[i] && holds(op, c.texts[i].compareTo(x));
        break;
      }
    }
    if (c.monotonic == 0) {
      return Selection.alongDim(sizes, dim, scan(c.size(), test));
    }
    if (op.equals("=") || op.equals("<=>")) {
      // A point: the intersection of the two inequalities, each found by binary search.
      return compare(col, ">=", lit).and(compare(col, "<=", lit));
    }
    return Selection.alongDim(sizes, dim, bisect(c.size(), test));
  }

  /** Spark's order of doubles: -0.0 equals 0.0, NaN equals NaN and is above every number. */
  static int sqlCompare(double a, double b) {
    return a == b ? 0 : Double.compare(a, b);
  }

  private static boolean holds(String op, int cmp) {
    switch (op) {
      case "=":
      case "<=>":
        return cmp == 0;
      case "<": return cmp < 0;
      case "<=": return cmp <= 0;
      case ">": return cmp > 0;
      default: return cmp >= 0;
    }
  }

  /** Index range [lo, hi) for an index column compared with v. */
  private static long[] indexRange(String op, double v, long n) {
    if (Double.isNaN(v)) {
      // Spark orders NaN above every number: i < NaN and i <= NaN hold everywhere.
      return op.equals("<") || op.equals("<=") ? new long[] {0, n} : new long[] {0, 0};
    }
    // Indices lie in [0, n): bring v into [-1, n] first so no cast to long overflows.
    v = Math.max(-1, Math.min(v, n));
    switch (op) {
      case "=":
      case "<=>":
        return v == Math.floor(v) ? new long[] {(long) v, (long) v + 1} : new long[] {0, 0};
      case "<": return new long[] {0, (long) Math.ceil(v)};
      case "<=": return new long[] {0, (long) Math.floor(v) + 1};
      case ">": return new long[] {(long) Math.floor(v) + 1, n};
      default: return new long[] {(long) Math.ceil(v), n};
    }
  }

  /**
   * On a strictly monotonic coordinate an inequality holds on a prefix or a suffix of the
   * indices: find its end by binary search.
   */
  private static List<long[]> bisect(int n, IntPredicate test) {
    List<long[]> out = new ArrayList<>();
    if (test.test(0)) {
      int a = 0;
      int b = n - 1;
      while (a < b) { // last index of the prefix
        int mid = (a + b + 1) >>> 1;
        if (test.test(mid)) {
          a = mid;
        } else {
          b = mid - 1;
        }
      }
      out.add(new long[] {0, a + 1});
    } else if (test.test(n - 1)) {
      int a = 0;
      int b = n - 1;
      while (a < b) { // first index of the suffix
        int mid = (a + b) >>> 1;
        if (test.test(mid)) {
          b = mid;
        } else {
          a = mid + 1;
        }
      }
      out.add(new long[] {a, n});
    }
    return out;
  }

  /** Runs of indices where the test holds. */
  private static List<long[]> scan(int n, IntPredicate test) {
    List<long[]> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= n; i++) {
      boolean t = i < n && test.test(i);
      if (t && start < 0) {
        start = i;
      } else if (!t && start >= 0) {
        out.add(new long[] {start, i});
        start = -1;
      }
    }
    return out;
  }

  private ColumnSpec column(Expression e) {
    if (e instanceof Cast) {
      Cast c = (Cast) e;
      if (!(c.dataType() instanceof NumericType)) {
        return null;
      }
      ColumnSpec inner = column(c.expression());
      // A widening cast of a numeric column keeps the order of values.
      return inner != null && inner.sparkType() instanceof NumericType ? inner : null;
    }
    if (e instanceof NamedReference) {
      String[] parts = ((NamedReference) e).fieldNames();
      if (parts.length == 1) {
        return dimColumns.get(parts[0]);
      }
    }
    return null;
  }

  private static Literal<?> literal(Expression e) {
    return e instanceof Literal ? (Literal<?>) e : null;
  }

  private static Double number(Literal<?> lit) {
    Object v = lit.value();
    DataType t = lit.dataType();
    if (v instanceof Decimal) {
      return ((Decimal) v).toDouble();
    }
    if (t instanceof NumericType && v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    return null;
  }

  private static Long micros(Literal<?> lit) {
    DataType t = lit.dataType();
    if (t instanceof TimestampType || t instanceof TimestampNTZType) {
      return (Long) lit.value();
    }
    return null;
  }
}
