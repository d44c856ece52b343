package org.zarrspark.core.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.read.ZarrArray;

/**
 * {@code bin/zarr cat}: an array as CSV. Header: one column per dimension (its name, else
 * dim_i) holding the index, then the array's name; rows in C order; raw stored values.
 */
public final class CatCommand {
  /** Elements read per slab, so arrays larger than memory still stream. */
  private static final long SLAB_ELEMENTS = 1 << 22;

  private CatCommand() {}

  public static void run(ZarrArray array, String name, Writer out) throws IOException {
    ArrayMetadata m = array.metadata();
    int rank = m.rank();
    List<String> header = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      String d = m.dimensionNames() == null ? null : m.dimensionNames().get(i);
      header.add(d == null || d.isEmpty() ? "dim_" + i : d);
    }
    header.add(name);
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < header.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(csvField(header.get(i)));
    }
    out.write(line.append('\n').toString());
    long[] shape = m.shape();
    boolean text = ValueFormat.isText(m.dataType());
    if (rank == 0) {
      NdBuffer b = array.read(new long[0], new int[0]);
      out.write(value(b, 0, text) + "\n");
      return;
    }
    for (long s : shape) {
      if (s == 0) {
        return;
      }
    }
    long rowElements = 1;
    for (int i = 1; i < rank; i++) {
      rowElements = Math.multiplyExact(rowElements, shape[i]);
    }
    if (rowElements > SLAB_ELEMENTS * 64) {
      throw new IllegalArgumentException("rows of " + rowElements + " elements are too large to print");
    }
    int slabRows = (int) Math.max(1, Math.min(shape[0], SLAB_ELEMENTS / rowElements));
    long[] idx = new long[rank];
    StringBuilder sb = new StringBuilder(1 << 16);
    for (long start = 0; start < shape[0]; start += slabRows) {
      int rows = (int) Math.min(slabRows, shape[0] - start);
      long[] origin = new long[rank];
      origin[0] = start;
      int[] box = new int[rank];
      box[0] = rows;
      for (int i = 1; i < rank; i++) {
        box[i] = (int) shape[i];
      }
      NdBuffer b = array.read(origin, box);
      int n = b.size();
      idx[0] = start;
      for (int i = 1; i < rank; i++) {
        idx[i] = 0;
      }
      for (int e = 0; e < n; e++) {
        for (int i = 0; i < rank; i++) {
          sb.append(idx[i]).append(',');
        }
        sb.append(value(b, e, text)).append('\n');
        for (int i = rank - 1; i >= 0; i--) {
          if (++idx[i] < (i == 0 ? Long.MAX_VALUE : shape[i])) {
            break;
          }
          idx[i] = 0;
        }
        if (sb.length() > (1 << 16) - 512) {
          out.write(sb.toString());
          sb.setLength(0);
        }
      }
    }
    out.write(sb.toString());
  }

  private static String value(NdBuffer b, int i, boolean text) {
    String v = ValueFormat.format(b, i);
    return text ? ValueFormat.csvQuote(v) : v;
  }

  private static String csvField(String s) {
    return s.matches("[A-Za-z0-9_.:/ -]*") ? s : ValueFormat.csvQuote(s);
  }
}
