package org.zarrspark.core.write;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.BitSet;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;

/**
 * One variable's values over a box, filled element by element (in any order) from rows, starting
 * as the fill value. Elements given twice are reported, so a grid point that appears in two rows
 * fails the write instead of keeping whichever row came last.
 */
public final class BlockBuilder {
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

  private final NdBuffer buffer;
  private final byte[] bytes;
  private final Object[] objects;
  private final int itemSize;
  private final boolean floating;
  /** The element index the buffer starts at: a buffer may hold a window of the box only. */
  private final int base;

  public BlockBuilder(DataType type, int[] shape, Object fill) {
    this(NdBuffer.filled(type, shape, fill));
  }

  /** Fills an existing buffer (its elements are kept until set). */
  public BlockBuilder(NdBuffer buffer) {
    this(buffer, 0);
  }

  /**
   * Fills a buffer that holds the box's elements {@code [base, base + buffer.size())} only: element
   * {@code i} of the box is the buffer's element {@code i - base}.
   */
  public BlockBuilder(NdBuffer buffer, int base) {
    this.base = base;
    this.buffer = buffer;
    this.bytes = buffer.bytes();
    this.objects = buffer.objects();
    this.itemSize = buffer.type().itemSize();
    this.floating = buffer.type().isFloating();
  }

  /** C-order index of a position inside a box of {@code shape} at {@code origin}. */
  public static int index(long[] position, long[] origin, int[] shape) {
    long i = 0;
    for (int d = 0; d < shape.length; d++) {
      i = i * shape[d] + (position[d] - origin[d]);
    }
    return (int) i;
  }

  /** Sets an integer, boolean (0/1) or time element. */
  public void setLong(int i, long v) {
    if (floating) {
      setDouble(i, v);
      return;
    }
    int off = (i - base) * itemSize;
    switch (itemSize) {
      case 1: bytes[off] = (byte) v; break;
      case 2: SHORT.set(bytes, off, (short) v); break;
      case 4: INT.set(bytes, off, (int) v); break;
      default: LONG.set(bytes, off, v); break;
    }
  }

  public void setDouble(int i, double v) {
    int off = (i - base) * itemSize;
    if (itemSize == 4) {
      FLOAT.set(bytes, off, (float) v);
    } else {
      DOUBLE.set(bytes, off, v);
    }
  }

  public void setString(int i, String v) {
    objects[i - base] = v;
  }

  public NdBuffer build() {
    return buffer;
  }

  /** Marks elements as given; returns false for an element given before. */
  public static boolean mark(BitSet seen, int i) {
    if (seen.get(i)) {
      return false;
    }
    seen.set(i);
    return true;
  }

  @Override
  public String toString() {
    return "BlockBuilder" + Arrays.toString(buffer.shape());
  }
}
