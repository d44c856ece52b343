package org.zarrspark.spark.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * Folding vector rows and run statistics into a group's partials, and the partial values that
 * come out: NULLs skipped, NaN above everything, SUM/MIN/MAX of nothing NULL, COUNT of nothing 0.
 */
class FoldsTest {

  private static OnHeapColumnVector floats(float... v) {
    OnHeapColumnVector c = new OnHeapColumnVector(v.length, DataTypes.FloatType);
    for (int i = 0; i < v.length; i++) {
      c.putFloat(i, v[i]);
    }
    return c;
  }

  @Test
  void vectorFoldsSkipNulls() {
    OnHeapColumnVector v = floats(1f, 100f, Float.NaN, -2f);
    v.putNull(1);
    Partials p = new Partials(new Object[0], 4);
    VectorFolds.count(v, 0, 4, 4, p, 0);
    VectorFolds.count(v, 1, 3, 4, p, 1);
    VectorFolds.extremeDouble(v, 0, 4, p, 2, true);
    VectorFolds.extremeDouble(v, 0, 4, p, 3, false);
    assertEquals(3L, p.l[0]);
    assertEquals(1L, p.l[1]);
    assertTrue(Double.isNaN(p.d[2]), "NaN is the maximum");
    assertEquals(-2.0, p.d[3]);
  }

  @Test
  void sumsAndIntegerExtremes() {
    OnHeapColumnVector v = floats(1.5f, 2.5f);
    OnHeapColumnVector i = new OnHeapColumnVector(3, DataTypes.IntegerType);
    i.putInt(0, 4);
    i.putInt(1, -7);
    i.putNull(2);
    Partials p = new Partials(new Object[0], 3);
    VectorFolds.sum(v, 0, 2, p, 0);
    VectorFolds.sum(v, 0, 1, p, 0);
    VectorFolds.extremeLong(i, 0, 3, p, 1, false);
    VectorFolds.extremeLong(i, 2, 3, p, 2, true);
    assertEquals(5.5, p.d[0]);
    assertEquals(-7L, p.l[1]);
    assertEquals(false, p.seen[2]);
  }

  @Test
  void mergesRunStatisticsInSparksOrder() {
    RunStats s = new RunStats(new org.zarrspark.spark.model.Decoding.Builder().build(),
        org.zarrspark.core.dtype.DataType.FLOAT64, true, true);
    s.count = 2;
    s.numbers = 2;
    s.sum = 3;
    s.min = -1;
    s.max = 4;
    Partials p = new Partials(new Object[0], 3);
    p.merge(s, DataAggregates.Kind.SUM, 0);
    p.merge(s, DataAggregates.Kind.SUM, 0);
    p.merge(s, DataAggregates.Kind.MAX, 1);
    p.merge(s, DataAggregates.Kind.COUNT, 2);
    assertEquals(6.0, p.d[0]);
    assertEquals(4.0, p.d[1]);
    assertEquals(2L, p.l[2]);
    s.nan = true;
    p.merge(s, DataAggregates.Kind.MAX, 1);
    assertTrue(Double.isNaN(p.d[1]));
    assertTrue(Partials.beats(1, Double.NaN, false), "a number is below NaN");
    assertTrue(!Partials.beats(1, Double.NaN, true));
  }

  @Test
  void partialValuesOfNothing() {
    Partials p = new Partials(new Object[0], 1);
    DataAggregates.Agg sum = new DataAggregates.Agg(DataAggregates.Kind.SUM, 0, DataTypes.DoubleType);
    DataAggregates.Agg count = new DataAggregates.Agg(DataAggregates.Kind.COUNT, 0, DataTypes.LongType);
    DataAggregates.Agg min = new DataAggregates.Agg(DataAggregates.Kind.MIN, 0, DataTypes.ShortType);
    assertNull(PartialRows.value(sum, p, 0));
    assertEquals(0L, PartialRows.value(count, p, 0));
    assertNull(PartialRows.value(min, p, 0));
    p.l[0] = -3;
    p.seen[0] = true;
    assertEquals((short) -3, PartialRows.value(min, p, 0));
  }
}
