package org.zarrspark.core.chunk;

/** Copies between C-order blocks: sub-boxes and axis permutations, run by run. */
public final class Strides {
  private Strides() {}

  /** C-order strides (in elements) of a shape. */
  public static long[] of(int[] shape) {
    long[] st = new long[shape.length];
    long s = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      st[i] = s;
      s *= shape[i];
    }
    return st;
  }

  /**
   * Copies the box of {@code extent} at {@code srcOrigin} in {@code src} to {@code dstOrigin} in
   * {@code dst}. Both blocks hold the same type; the innermost axis is copied as one run.
   */
  public static void copyBox(NdBuffer src, int[] srcOrigin, NdBuffer dst, int[] dstOrigin, int[] extent) {
    int rank = extent.length;
    for (int e : extent) {
      if (e <= 0) {
        return;
      }
    }
    if (rank == 0) {
      copyRun(src, 0, dst, 0, 1);
      return;
    }
    long[] ss = of(src.shape());
    long[] ds = of(dst.shape());
    int run = extent[rank - 1];
    // Merge trailing axes that are whole in both blocks into one longer run.
    int axis = rank - 1;
    while (axis > 0 && extent[axis] == src.shape()[axis] && extent[axis] == dst.shape()[axis]
        && srcOrigin[axis] == 0 && dstOrigin[axis] == 0) {
      axis--;
      run = (int) ((long) run * extent[axis]);
    }
    int outer = axis; // axes [0, outer) are iterated; axis 'outer' and beyond form one run
    long srcBase = 0;
    long dstBase = 0;
    for (int i = 0; i < rank; i++) {
      srcBase += srcOrigin[i] * ss[i];
      dstBase += dstOrigin[i] * ds[i];
    }
    int[] idx = new int[outer];
    while (true) {
      long so = srcBase;
      long d = dstBase;
      for (int i = 0; i < outer; i++) {
        so += idx[i] * ss[i];
        d += idx[i] * ds[i];
      }
      copyRun(src, (int) so, dst, (int) d, run);
      int i = outer - 1;
      while (i >= 0 && ++idx[i] == extent[i]) {
        idx[i] = 0;
        i--;
      }
      if (i < 0) {
        return;
      }
    }
  }

  private static void copyRun(NdBuffer src, int from, NdBuffer dst, int to, int count) {
    if (src.objects() != null) {
      System.arraycopy(src.objects(), from, dst.objects(), to, count);
    } else {
      int item = src.type().itemSize();
      System.arraycopy(src.bytes(), from * item, dst.bytes(), to * item, count * item);
    }
  }

  /**
   * Permutes axes: output axis i is input axis {@code perm[i]}; {@code outShape} is the permuted
   * shape. Used by transpose and Fortran order.
   */
  public static NdBuffer permute(NdBuffer in, int[] perm, int[] outShape) {
    int rank = perm.length;
    NdBuffer out = NdBuffer.allocate(in.type(), outShape);
    if (rank <= 1 || in.size() == 0) {
      copyBox(in, new int[rank], out, new int[rank], in.shape());
      return out;
    }
    long[] inStrides = of(in.shape());
    long[] st = new long[rank]; // input stride for each output axis
    for (int i = 0; i < rank; i++) {
      st[i] = inStrides[perm[i]];
    }
    int n = out.size();
    int last = outShape[rank - 1];
    long lastStride = st[rank - 1];
    int[] idx = new int[rank - 1];
    int item = in.type().itemSize();
    byte[] sb = in.bytes();
    byte[] db = out.bytes();
    Object[] so = in.objects();
    Object[] dob = out.objects();
    for (int o = 0; o < n; o += last) {
      long base = 0;
      for (int i = 0; i < rank - 1; i++) {
        base += idx[i] * st[i];
      }
      if (so != null) {
        for (int j = 0; j < last; j++) {
          dob[o + j] = so[(int) (base + j * lastStride)];
        }
      } else if (item == 4) {
        for (int j = 0; j < last; j++) {
          int s = (int) (base + j * lastStride) * 4;
          int d = (o + j) * 4;
          db[d] = sb[s];
          db[d + 1] = sb[s + 1];
          db[d + 2] = sb[s + 2];
          db[d + 3] = sb[s + 3];
        }
      } else {
        for (int j = 0; j < last; j++) {
          System.arraycopy(sb, (int) (base + j * lastStride) * item, db, (o + j) * item, item);
        }
      }
      for (int i = rank - 2; i >= 0; i--) {
        if (++idx[i] < outShape[i]) {
          break;
        }
        idx[i] = 0;
      }
    }
    return out;
  }
}
