package org.zarrspark.spark.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.junit.jupiter.api.Test;

/** Runs of one group's rows, and group keys: NULLs, signed zeros and NaNs group as in Spark. */
class GroupRunsTest {

  private static OnHeapColumnVector longs(long... v) {
    OnHeapColumnVector c = new OnHeapColumnVector(v.length, DataTypes.LongType);
    for (int i = 0; i < v.length; i++) {
      c.putLong(i, v[i]);
    }
    return c;
  }

  private static OnHeapColumnVector doubles(double... v) {
    OnHeapColumnVector c = new OnHeapColumnVector(v.length, DataTypes.DoubleType);
    for (int i = 0; i < v.length; i++) {
      c.putDouble(i, v[i]);
    }
    return c;
  }

  @Test
  void runsOfEqualValues() {
    OnHeapColumnVector v = longs(5, 5, 5, 7, 7, 5);
    assertEquals(3, GroupRuns.runEnd(v, 0, 6));
    assertEquals(5, GroupRuns.runEnd(v, 3, 6));
    assertEquals(2, GroupRuns.runEnd(v, 0, 2), "never past the limit");
    assertEquals(6, GroupRuns.runEnd(v, 5, 6));
  }

  @Test
  void nullsAreOneRunAndEndOneOfValues() {
    OnHeapColumnVector v = longs(1, 1, 0, 0, 1);
    v.putNull(2);
    v.putNull(3);
    assertEquals(2, GroupRuns.runEnd(v, 0, 5));
    assertEquals(4, GroupRuns.runEnd(v, 2, 5));
  }

  @Test
  void signedZerosShareARunButNotWithNan() {
    OnHeapColumnVector v = doubles(0.0, -0.0, Double.NaN, Double.NaN, 1);
    assertEquals(GroupRuns.bits(v, 0), GroupRuns.bits(v, 1));
    assertEquals(GroupRuns.bits(v, 2), GroupRuns.bits(v, 3));
    assertEquals(4, GroupRuns.runEnd(v, 2, 5));
  }

  @Test
  void aRunEndsWhereAnyGroupingColumnChanges() {
    ColumnVector[] cols = {longs(1, 1, 1, 1, 2), longs(9, 9, 8, 8, 8), doubles(0.5, 0.5, 0.5, 0.5, 0.5)};
    ColumnarBatch b = new ColumnarBatch(cols, 5);
    assertEquals(2, GroupRuns.end(b, 2, 0, 5));
    assertEquals(4, GroupRuns.end(b, 2, 2, 5));
    assertEquals(4, GroupRuns.end(b, 1, 0, 5), "only the first column groups");
    assertEquals(5, GroupRuns.end(b, 0, 0, 5), "no grouping: the whole batch");
  }

  @Test
  void keysOfTheSameGroupAreEqual() {
    OnHeapColumnVector a = doubles(0.0, -0.0, 2.0);
    OnHeapColumnVector n = longs(3, 3, 3);
    n.putNull(2);
    ColumnarBatch b = new ColumnarBatch(new ColumnVector[] {a, n}, 3);
    GroupKey k0 = GroupKey.of(b, 2, 0);
    assertEquals(k0, GroupKey.of(b, 2, 1));
    assertEquals(k0.hashCode(), GroupKey.of(b, 2, 1).hashCode());
    assertNotEquals(k0, GroupKey.of(b, 2, 2));
    assertArrayEquals(new Object[] {0.0, 3L}, k0.values(b, 0));
    assertNull(GroupKey.of(b, 2, 2).values(b, 2)[1]);
    assertEquals(GroupKey.NONE, GroupKey.of(b, 0, 1));
  }
}
