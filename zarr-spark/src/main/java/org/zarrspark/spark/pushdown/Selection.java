package org.zarrspark.spark.pushdown;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A set of table rows as a union of disjoint index boxes over the table's dimensions. Each box
 * is {@code [lo0, hi0, lo1, hi1, ...]} with exclusive upper bounds. Operations keep boxes
 * disjoint so that each row is emitted once; past {@link #MAX_BOXES} the union is replaced by its
 * bounding box and marked inexact.
 */
public final class Selection implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final int MAX_BOXES = 1024;

  private final long[] sizes;
  private final List<long[]> boxes;
  private final boolean exact;

  private Selection(long[] sizes, List<long[]> boxes, boolean exact) {
    this.sizes = sizes;
    this.boxes = boxes;
    this.exact = exact;
  }

  public static Selection all(long[] sizes) {
    long[] box = new long[2 * sizes.length];
    for (int d = 0; d < sizes.length; d++) {
      box[2 * d + 1] = sizes[d];
    }
    return normalized(sizes, new ArrayList<>(List.of(box)), true);
  }

  public static Selection none(long[] sizes) {
    return new Selection(sizes, Collections.emptyList(), true);
  }

  /** Rows whose index along {@code dim} lies in one of the ranges {@code [lo, hi)}. */
  public static Selection alongDim(long[] sizes, int dim, List<long[]> ranges) {
    List<long[]> boxes = new ArrayList<>();
    for (long[] r : merged(ranges)) {
      long[] box = all(sizes).boxes.isEmpty() ? null : all(sizes).boxes.get(0).clone();
      if (box == null) {
        return none(sizes);
      }
      box[2 * dim] = Math.max(0, r[0]);
      box[2 * dim + 1] = Math.min(sizes[dim], r[1]);
      boxes.add(box);
    }
    return normalized(sizes, boxes, true);
  }

  /** Ranges sorted and merged where they overlap or touch, so no row is selected twice. */
  private static List<long[]> merged(List<long[]> ranges) {
    List<long[]> sorted = new ArrayList<>();
    for (long[] r : ranges) {
      if (r[0] < r[1]) {
        sorted.add(r);
      }
    }
    sorted.sort((x, y) -> Long.compare(x[0], y[0]));
    List<long[]> out = new ArrayList<>();
    for (long[] r : sorted) {
      long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && r[0] <= last[1]) {
        last[1] = Math.max(last[1], r[1]);
      } else {
        out.add(new long[] {r[0], r[1]});
      }
    }
    return out;
  }

  private static Selection normalized(long[] sizes, List<long[]> boxes, boolean exact) {
    List<long[]> out = new ArrayList<>();
    for (long[] b : boxes) {
      if (!isEmpty(b)) {
        out.add(b);
      }
    }
    if (out.size() > MAX_BOXES) {
      return new Selection(sizes, new ArrayList<>(List.of(bounds(out))), false);
    }
    return new Selection(sizes, out, exact);
  }

  private static boolean isEmpty(long[] b) {
    for (int i = 0; i < b.length; i += 2) {
      if (b[i] >= b[i + 1]) {
        return true;
      }
    }
    return false;
  }

  private static long[] bounds(List<long[]> boxes) {
    long[] r = boxes.get(0).clone();
    for (long[] b : boxes) {
      for (int i = 0; i < r.length; i += 2) {
        r[i] = Math.min(r[i], b[i]);
        r[i + 1] = Math.max(r[i + 1], b[i + 1]);
      }
    }
    return r;
  }

  private static long[] intersect(long[] a, long[] b) {
    long[] r = new long[a.length];
    for (int i = 0; i < a.length; i += 2) {
      r[i] = Math.max(a[i], b[i]);
      r[i + 1] = Math.min(a[i + 1], b[i + 1]);
    }
    return r;
  }

  /** Pieces of {@code b} outside {@code a}, disjoint (at most two per dimension). */
  private static List<long[]> subtract(long[] b, long[] a) {
    long[] inter = intersect(a, b);
    if (isEmpty(inter)) {
      return List.of(b);
    }
    List<long[]> out = new ArrayList<>();
    long[] rest = b.clone();
    for (int i = 0; i < b.length; i += 2) {
      if (rest[i] < inter[i]) {
        long[] below = rest.clone();
        below[i + 1] = inter[i];
        out.add(below);
      }
      if (inter[i + 1] < rest[i + 1]) {
        long[] above = rest.clone();
        above[i] = inter[i + 1];
        out.add(above);
      }
      rest[i] = inter[i];
      rest[i + 1] = inter[i + 1];
    }
    return out;
  }

  public Selection and(Selection o) {
    List<long[]> out = new ArrayList<>();
    for (long[] a : boxes) {
      for (long[] b : o.boxes) {
        long[] r = intersect(a, b);
        if (!isEmpty(r)) {
          out.add(r);
        }
      }
    }
    return normalized(sizes, out, exact && o.exact);
  }

  public Selection or(Selection o) {
    List<long[]> out = new ArrayList<>(boxes);
    for (long[] b : o.boxes) {
      List<long[]> pieces = new ArrayList<>(List.of(b));
      for (long[] a : boxes) {
        List<long[]> next = new ArrayList<>();
        for (long[] p : pieces) {
          next.addAll(subtract(p, a));
        }
        pieces = next;
        if (pieces.size() > MAX_BOXES) {
          break;
        }
      }
      out.addAll(pieces);
    }
    return normalized(sizes, out, exact && o.exact);
  }

  /** The complement, when every box constrains the same single dimension; else null. */
  public Selection not() {
    int dim = singleDim();
    if (dim == -2) {
      return null;
    }
    if (dim == -1) {
      return boxes.isEmpty() ? all(sizes) : none(sizes);
    }
    List<long[]> ranges = new ArrayList<>();
    List<long[]> sorted = new ArrayList<>(boxes);
    sorted.sort((x, y) -> Long.compare(x[2 * dim], y[2 * dim]));
    long pos = 0;
    for (long[] b : sorted) {
      if (b[2 * dim] > pos) {
        ranges.add(new long[] {pos, b[2 * dim]});
      }
      pos = Math.max(pos, b[2 * dim + 1]);
    }
    if (pos < sizes[dim]) {
      ranges.add(new long[] {pos, sizes[dim]});
    }
    Selection s = alongDim(sizes, dim, ranges);
    return exact ? s : null;
  }

  /** The one dimension all boxes constrain: -1 for none (all or nothing), -2 for several. */
  private int singleDim() {
    int dim = -1;
    for (long[] b : boxes) {
      for (int d = 0; d < sizes.length; d++) {
        if (b[2 * d] != 0 || b[2 * d + 1] != sizes[d]) {
          if (dim >= 0 && dim != d) {
            return -2;
          }
          dim = d;
        }
      }
    }
    return dim;
  }

  public List<long[]> boxes() {
    return boxes;
  }

  public boolean isExact() {
    return exact;
  }

  public Selection inexact() {
    return new Selection(sizes, boxes, false);
  }

  public boolean isAll() {
    return boxes.size() == 1 && Arrays.equals(boxes.get(0), all(sizes).boxes.isEmpty() ? null : all(sizes).boxes.get(0));
  }

  public long rowCount() {
    long n = 0;
    for (long[] b : boxes) {
      long v = 1;
      for (int i = 0; i < b.length; i += 2) {
        v = Math.multiplyExact(v, b[i + 1] - b[i]);
      }
      n = Math.addExact(n, v);
    }
    return n;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (long[] b : boxes) {
      if (sb.length() > 0) {
        sb.append(" | ");
      }
      for (int i = 0; i < b.length; i += 2) {
        sb.append(i == 0 ? "[" : ", ").append(b[i]).append(':').append(b[i + 1]);
      }
      sb.append(']');
    }
    return boxes.isEmpty() ? "[]" : sb.toString();
  }
}
