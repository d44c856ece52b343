package org.zarrspark.spark.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;

/**
 * Where a batch's rows lie in a column's box, and the run view handed to folds: rows are
 * consecutive elements only when the column spans every dimension and its box matches the cell
 * in all but the outermost.
 */
class BatchFillTest {

  private static BoxData box(int... shape) {
    int[] dims = new int[shape.length];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = i;
    }
    return new BoxData(NdBuffer.allocate(DataType.FLOAT64, shape), dims, true, null, 1, 0);
  }

  @Test
  void aCellInsideAPartitionBox() {
    // The column was read for the partition box rows 0..9 x columns 0..3; the cell is rows 4..7.
    BoxData b = box(10, 4);
    long[] boxOrigin = {0, 0};
    assertEquals(16, BatchFill.contiguousStart(b, boxOrigin, new long[] {4, 0}, new int[] {4, 4}, 0));
    assertEquals(21, BatchFill.contiguousStart(b, boxOrigin, new long[] {4, 0}, new int[] {4, 4}, 5));
  }

  @Test
  void notARunWhenInnerExtentsDifferOrADimensionIsMissing() {
    BoxData b = box(10, 4);
    assertEquals(-1, BatchFill.contiguousStart(b, new long[] {0, 0}, new long[] {4, 0}, new int[] {4, 2}, 0));
    BoxData partial = new BoxData(NdBuffer.allocate(DataType.FLOAT64, new int[] {10}), new int[] {0}, false, null, 1,
        0);
    assertEquals(-1, BatchFill.contiguousStart(partial, new long[] {0, 0}, new long[] {0, 0}, new int[] {10, 4}, 0));
    assertEquals(-1, BatchFill.contiguousStart(null, new long[] {0, 0}, new long[] {0, 0}, new int[] {10, 4}, 0));
  }

  @Test
  void aRunViewReadsFromItsStart() {
    NdBuffer data = NdBuffer.allocate(DataType.FLOAT32, new int[] {4});
    java.nio.ByteBuffer.wrap(data.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(8, 2.5f);
    NdBuffer mask = NdBuffer.allocate(DataType.BOOL, new int[] {4});
    mask.bytes()[3] = 1;
    DecodedRun run = new DecodedRun();
    assertFalse(run.inBuffer());
    run.point(data, 2, 2, mask);
    assertTrue(run.inBuffer());
    assertEquals(2.5f, run.floatAt(0));
    assertEquals(2, run.length());
    assertFalse(run.unreadableAt(0));
    assertTrue(run.unreadableAt(1));
    run.clear();
    assertFalse(run.inBuffer());
  }
}
