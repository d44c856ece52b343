package org.zarrspark.spark.read;

import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.zarrspark.spark.model.ColumnSpec;

/**
 * Where a batch's rows of one column lie in its box, and laying them into a column vector by
 * runs rather than row by row. A batch is {@code n} rows from row {@code first} of a cell (table
 * origin {@code origin}, shape {@code shape}, rows in row-major order); the column's box starts at
 * table coordinates {@code boxOrigin}.
 */
final class BatchFill {
  private BatchFill() {}

  /**
   * The element of the box holding the batch's first row when the batch's rows are consecutive
   * elements of it (the column spans every dimension and its box matches the cell in all but the
   * outermost), else -1.
   */
  static int contiguousStart(BoxData b, long[] boxOrigin, long[] origin, int[] shape, long first) {
    if (b == null || !b.full()) {
      return -1;
    }
    int[] dshape = b.data().shape();
    long shift = 0;
    long st = 1;
    for (int d = dshape.length - 1; d >= 0; d--) {
      if (d > 0 && dshape[d] != shape[d]) {
        return -1;
      }
      shift += (origin[d] - boxOrigin[d]) * st;
      st *= dshape[d];
    }
    return (int) (shift + first);
  }

  /**
   * Fills rows [0, n) of {@code v}. Over the trailing dimensions that the column either all has
   * (and holds whole, so that they are contiguous) or all lacks, its elements are one copy or one
   * value (converted once, repeated): a coordinate along the outer dimension is one run per batch.
   * {@code b} is null for an index column (the dimension's position).
   */
  static void fill(ColumnSpec c, BoxData b, long[] boxOrigin, long[] origin, int[] shape, long first, int n,
      WritableColumnVector v) {
    int rank = shape.length;
    if (rank == 0) {
      ColumnWriter.write(c.decoding, b.data(), 0, n, v, 0); // a 0-d array: one row
      return;
    }
    boolean[] has = new boolean[rank];
    long[] stride = new long[rank];
    int[] extent = new int[rank];
    long shift = 0;
    if (b == null) {
      has[c.dim] = true;
    } else {
      int[] dshape = b.data().shape();
      int[] dims = b.dims();
      long st = 1;
      for (int a = dims.length - 1; a >= 0; a--) {
        int d = dims[a];
        has[d] = true;
        stride[d] = st;
        extent[d] = dshape[a];
        shift += (origin[d] - boxOrigin[d]) * st;
        st *= dshape[a];
      }
    }
    boolean contiguous = has[rank - 1];
    int inner = rank - 1;
    while (inner > 0 && has[inner - 1] == contiguous && (b == null || !contiguous || extent[inner] == shape[inner])) {
      inner--;
    }
    long seg = 1;
    for (int d = inner; d < rank; d++) {
      seg *= shape[d];
    }
    long g = first;
    int r = 0;
    while (r < n) {
      long q = g / seg;
      int off = (int) (g % seg);
      int len = (int) Math.min(seg - off, n - r);
      long base = shift;
      long indexValue = 0;
      for (int d = inner - 1; d >= 0; d--) {
        long pos = q % shape[d];
        q /= shape[d];
        base += has[d] ? pos * stride[d] : 0;
        if (b == null && d == c.dim) {
          indexValue = origin[d] + pos;
        }
      }
      if (b == null) {
        if (contiguous) {
          for (int i = 0; i < len; i++) {
            v.putLong(r + i, origin[c.dim] + off + i);
          }
        } else {
          v.putLongs(r, len, indexValue);
        }
      } else if (contiguous) {
        int e = (int) (base + off);
        ColumnWriter.write(c.decoding, b.data(), e, len, v, r);
        if (b.nulls() != null) {
          for (int i = 0; i < len; i++) {
            if (b.nulls().getBoolean(e + i)) {
              v.putNull(r + i);
            }
          }
        }
      } else {
        ColumnWriter.writeRun(c.decoding, b.data(), (int) base, len, v, r);
        if (b.nulls() != null && b.nulls().getBoolean((int) base)) {
          v.putNulls(r, len);
        }
      }
      r += len;
      g += len;
    }
  }
}
