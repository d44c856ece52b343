package org.zarrspark.core.write;

/**
 * A chunk shape when the user gives none: about {@link #TARGET_BYTES} per chunk, keeping the
 * trailing dimensions whole and splitting the leading ones (a time series of whole fields, as
 * most readers of gridded data want).
 */
public final class DefaultChunks {
  /** 32 MiB: inside the 8-64 MB range object stores and compressors handle well. */
  public static final long TARGET_BYTES = 32L << 20;

  private DefaultChunks() {}

  public static int[] choose(long[] shape, int itemSize) {
    return choose(shape, itemSize, TARGET_BYTES);
  }

  public static int[] choose(long[] shape, int itemSize, long targetBytes) {
    int rank = shape.length;
    int[] chunks = new int[rank];
    long target = Math.max(1, targetBytes / Math.max(1, itemSize)); // elements per chunk
    long trailing = 1; // elements of the dimensions after i, kept whole
    for (int i = rank - 1; i >= 0; i--) {
      long n = Math.max(1, shape[i]);
      if (trailing * n <= target) {
        chunks[i] = (int) Math.min(Integer.MAX_VALUE, n);
        trailing *= n;
      } else {
        // Split this dimension; dimensions before it get chunks of 1.
        chunks[i] = (int) Math.max(1, Math.min(n, target / trailing));
        for (int j = i - 1; j >= 0; j--) {
          chunks[j] = 1;
        }
        break;
      }
    }
    return chunks;
  }
}
