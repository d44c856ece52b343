package org.zarrspark.spark.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;

/**
 * One column's rows of the current batch as a run of consecutive elements of its decoded buffer,
 * read-only: for a caller that folds the values itself, so that the reader leaves the column's
 * vector unfilled. Row {@code r} of the batch is element {@code start + r} of the buffer. The
 * reader moves one view per column from batch to batch (nothing is allocated per batch).
 */
public final class DecodedRun {
  private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle DOUBLE_LE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

  private NdBuffer buffer;
  private int start;
  private int length;
  private NdBuffer unreadable;

  DecodedRun() {}

  /** A run of {@code length} elements of {@code buffer} from {@code start}; {@code unreadable} may be null. */
  public static DecodedRun of(NdBuffer buffer, int start, int length, NdBuffer unreadable) {
    DecodedRun r = new DecodedRun();
    r.point(buffer, start, length, unreadable);
    return r;
  }

  void point(NdBuffer buffer, int start, int length, NdBuffer unreadable) {
    this.buffer = buffer;
    this.start = start;
    this.length = length;
    this.unreadable = unreadable;
  }

  /** This batch's rows are not one run of the buffer: they are in the column's vector. */
  void clear() {
    point(null, 0, 0, null);
  }

  /** Whether this batch's rows are here; if not, the column's vector holds them. */
  public boolean inBuffer() {
    return buffer != null;
  }

  /** The elements' stored type (little-endian). */
  public DataType type() {
    return buffer.type();
  }

  /** Rows in the run (the batch's rows). */
  public int length() {
    return length;
  }

  /** Row {@code r}'s element, stored as float32. */
  public float floatAt(int r) {
    return (float) FLOAT_LE.get(buffer.bytes(), (start + r) << 2);
  }

  /** Row {@code r}'s element, stored as float64. */
  public double doubleAt(int r) {
    return (double) DOUBLE_LE.get(buffer.bytes(), (start + r) << 3);
  }

  /** Whether some row came from a chunk that could not be read (PERMISSIVE): such rows are NULL. */
  public boolean hasUnreadable() {
    return unreadable != null;
  }

  /** Whether row {@code r} came from an unreadable chunk. */
  public boolean unreadableAt(int r) {
    return unreadable != null && unreadable.getBoolean(start + r);
  }
}
