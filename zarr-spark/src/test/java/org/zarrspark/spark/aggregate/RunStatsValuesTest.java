package org.zarrspark.spark.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.spark.model.CfConventions;
import org.zarrspark.spark.model.Decoding;
import org.zarrspark.spark.read.DecodedRun;

/**
 * {@link RunStats}: count, sum, min and max of a run of float32/float64 elements read straight
 * from a little-endian buffer, with the NULLs {@link Decoding} defines. Expected values are
 * either exact by construction or computed by a plain row-by-row loop in the test.
 */
class RunStatsValuesTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private static NdBuffer f64(double... v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double x : v) {
      b.putDouble(x);
    }
    return NdBuffer.wrap(DataType.FLOAT64, new int[] {v.length}, b.array());
  }

  private static NdBuffer f32(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      b.putFloat(x);
    }
    return NdBuffer.wrap(DataType.FLOAT32, new int[] {v.length}, b.array());
  }

  private static Decoding cf(DataType t, ObjectNode attrs) {
    return CfConventions.decoding(t, attrs, true, null);
  }

  private static Decoding raw(DataType t) {
    return CfConventions.decoding(t, F.objectNode(), false, null);
  }

  /** The whole buffer as one decoded run, so run positions are buffer positions. */
  private static DecodedRun run(NdBuffer b) {
    return DecodedRun.of(b, 0, b.size(), null);
  }

  private static RunStats fold(Decoding dec, NdBuffer b) {
    RunStats s = new RunStats(dec, b.type(), true, true);
    s.of(run(b), 0, b.size());
    return s;
  }

  @Test
  void plainDoubles() {
    RunStats s = fold(cf(DataType.FLOAT64, F.objectNode()), f64(2.5, -1.25, 8, 0.5));
    assertEquals(4, s.count);
    assertEquals(4, s.numbers);
    assertEquals(9.75, s.sum);
    assertEquals(-1.25, s.minValue());
    assertEquals(8.0, s.maxValue());
    assertFalse(s.nan);
  }

  @Test
  void sumIsTakenInElementOrder() {
    // Left to right: (1e16 + 1) rounds to 1e16, minus 1e16 is 0. A compensated sum would give 1.
    RunStats s = fold(raw(DataType.FLOAT64), f64(1e16, 1, -1e16));
    assertEquals(0.0, s.sum);
    // Random values against a row-by-row loop.
    Random rnd = new Random(42);
    double[] v = new double[1000];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(12));
    }
    double sum = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      sum += x;
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    RunStats r = fold(raw(DataType.FLOAT64), f64(v));
    assertEquals(1000, r.count);
    assertEquals(sum, r.sum);
    assertEquals(lo, r.minValue());
    assertEquals(hi, r.maxValue());
  }

  @Test
  void float32ValuesAreSummedAsDoubles() {
    // 0.1f is 0.100000001490116...; three of them summed in double, not in float.
    float t = 0.1f;
    RunStats s = fold(raw(DataType.FLOAT32), f32(t, t, t));
    assertEquals((double) t + (double) t + (double) t, s.sum);
    assertEquals((double) t, s.minValue());
  }

  @Test
  void nanIsNullUnderCfDecoding() {
    RunStats s = fold(cf(DataType.FLOAT32, F.objectNode()), f32(1, Float.NaN, 3, Float.NaN));
    assertEquals(2, s.count);
    assertEquals(2, s.numbers);
    assertEquals(4.0, s.sum);
    assertEquals(1.0, s.minValue());
    assertEquals(3.0, s.maxValue());
    assertFalse(s.nan);
  }

  @Test
  void nanIsAValueWithoutCfDecoding() {
    RunStats s = fold(raw(DataType.FLOAT32), f32(1, Float.NaN, 3));
    assertEquals(3, s.count, "NaN is a non-NULL value");
    assertEquals(2, s.numbers);
    assertTrue(Double.isNaN(s.sum));
    assertTrue(s.nan);
    assertTrue(Double.isNaN(s.maxValue()), "NaN sorts above every number in Spark");
    assertEquals(1.0, s.minValue());
  }

  @Test
  void onlyNaNsWithoutCfDecoding() {
    RunStats s = fold(raw(DataType.FLOAT64), f64(Double.NaN, Double.NaN));
    assertEquals(2, s.count);
    assertEquals(0, s.numbers);
    assertTrue(Double.isNaN(s.minValue()));
    assertTrue(Double.isNaN(s.maxValue()));
  }

  @Test
  void fillValueAndMissingValueAreNull() {
    ObjectNode attrs = F.objectNode().put("_FillValue", -9999.0).put("missing_value", 1e20);
    RunStats s = fold(cf(DataType.FLOAT64, attrs), f64(-9999, 4, 1e20, 6, -9998));
    assertEquals(3, s.count);
    assertEquals(4 + 6 - 9998.0, s.sum);
    assertEquals(-9998.0, s.minValue());
    assertEquals(6.0, s.maxValue());
  }

  @Test
  void masksOfFloat32ColumnsCompareAtFloat32() {
    // JSON 0.1 is the double 0.1; the stored float32 0.1f differs from it as a double but
    // is the same float32, as numpy compares it.
    ObjectNode attrs = F.objectNode().put("_FillValue", 0.1);
    RunStats s = fold(cf(DataType.FLOAT32, attrs), f32(0.1f, 2, 0.1f, 5));
    assertEquals(2, s.count);
    assertEquals(7.0, s.sum);
    assertEquals(2.0, s.minValue());
    // The same value in a float64 column is masked only when equal as a double.
    RunStats d = fold(cf(DataType.FLOAT64, attrs), f64(0.1, (double) 0.1f));
    assertEquals(1, d.count);
    assertEquals((double) 0.1f, d.sum);
  }

  @Test
  void v2FillValueMasksLikeFillValue() {
    JsonNode v2Fill = F.numberNode(-1.0);
    Decoding dec = CfConventions.decoding(DataType.FLOAT32, F.objectNode(), true, v2Fill);
    RunStats s = fold(dec, f32(-1, 0.5f, -1, 1.5f));
    assertEquals(2, s.count);
    assertEquals(2.0, s.sum);
  }

  @Test
  void infinitiesAreValuesUnlessTheyAreTheFill() {
    double inf = Double.POSITIVE_INFINITY;
    RunStats s = fold(raw(DataType.FLOAT64), f64(1, inf, -inf));
    assertEquals(3, s.count);
    assertEquals(-inf, s.minValue());
    assertEquals(inf, s.maxValue());
    assertTrue(Double.isNaN(s.sum), "inf + -inf");
    RunStats up = fold(raw(DataType.FLOAT32), f32(1, Float.POSITIVE_INFINITY));
    assertEquals(inf, up.sum);
    // "Infinity" as _FillValue (xarray's JSON spelling) makes +inf NULL.
    ObjectNode attrs = F.objectNode().put("_FillValue", "Infinity");
    RunStats m = fold(cf(DataType.FLOAT32, attrs), f32(1, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
    assertEquals(2, m.count);
    assertEquals(-inf, m.minValue());
    assertEquals(1.0, m.maxValue());
  }

  @Test
  void signedZerosKeepTheFirstAmongEquals() {
    RunStats a = fold(raw(DataType.FLOAT64), f64(0.0, -0.0));
    assertEquals(0.0, a.minValue(), "first of equal values");
    assertEquals(0.0, a.maxValue());
    RunStats b = fold(raw(DataType.FLOAT64), f64(-0.0, 0.0));
    assertEquals(-0.0, b.minValue());
    assertEquals(-0.0, b.maxValue());
    RunStats c = fold(raw(DataType.FLOAT32), f32(3, -0.0f, 0.0f));
    assertEquals(-0.0, c.minValue());
    // A zero fill masks both zeros, as numpy's == does.
    RunStats m = fold(cf(DataType.FLOAT64, F.objectNode().put("_FillValue", 0.0)), f64(-0.0, 0.0, 2));
    assertEquals(1, m.count);
    assertEquals(2.0, m.sum);
  }

  @Test
  void emptyRunAndAllNullRun() {
    RunStats s = new RunStats(raw(DataType.FLOAT64), DataType.FLOAT64, true, true);
    s.of(run(f64(1, 2, 3)), 2, 2);
    assertEquals(0, s.count);
    assertEquals(0, s.numbers);
    assertEquals(0.0, s.sum);
    assertFalse(s.nan);
    RunStats n = fold(cf(DataType.FLOAT32, F.objectNode()), f32(Float.NaN, Float.NaN));
    assertEquals(0, n.count);
    assertEquals(0.0, n.sum);
  }

  @Test
  void foldsOnlyTheRunAndReplacesWhatItHeld() {
    NdBuffer b = f64(100, 1, 2, 3, -100);
    RunStats s = new RunStats(raw(DataType.FLOAT64), DataType.FLOAT64, true, true);
    s.of(run(b), 1, 4);
    assertEquals(3, s.count);
    assertEquals(6.0, s.sum);
    assertEquals(1.0, s.minValue());
    assertEquals(3.0, s.maxValue());
    s.of(run(b), 3, 5);
    assertEquals(2, s.count);
    assertEquals(-97.0, s.sum);
    assertEquals(-100.0, s.minValue());
    assertEquals(3.0, s.maxValue());
    NdBuffer n = f64(Double.NaN, 4);
    s.of(run(n), 0, 2);
    assertTrue(s.nan);
    s.of(run(b), 0, 1);
    assertFalse(s.nan, "nan flag from the previous run is not kept");
  }

  @Test
  void unwantedPartsAreNotComputed() {
    NdBuffer b = f64(5, -2, 9);
    RunStats noSum = new RunStats(raw(DataType.FLOAT64), DataType.FLOAT64, false, true);
    noSum.of(run(b), 0, 3);
    assertEquals(3, noSum.count);
    assertEquals(0.0, noSum.sum);
    assertEquals(-2.0, noSum.minValue());
    RunStats noRange = new RunStats(raw(DataType.FLOAT64), DataType.FLOAT64, true, false);
    noRange.of(run(b), 0, 3);
    assertEquals(12.0, noRange.sum);
    assertEquals(3, noRange.count);
  }

  @Test
  void supportsPlainFloatColumnsOnly() {
    assertTrue(RunStats.supports(cf(DataType.FLOAT32, F.objectNode()), DataType.FLOAT32));
    assertTrue(RunStats.supports(raw(DataType.FLOAT64), DataType.FLOAT64));
    assertTrue(RunStats.supports(cf(DataType.FLOAT64, F.objectNode().put("_FillValue", 1.0)), DataType.FLOAT64));
    assertFalse(RunStats.supports(cf(DataType.FLOAT32, F.objectNode().put("scale_factor", 2.0)), DataType.FLOAT32));
    assertFalse(RunStats.supports(cf(DataType.INT16, F.objectNode()), DataType.INT16));
    assertFalse(RunStats.supports(raw(DataType.INT32), DataType.INT32));
    assertFalse(RunStats.supports(raw(DataType.FLOAT16), DataType.FLOAT16), "float16 is widened to FLOAT");
    assertFalse(RunStats.supports(null, DataType.FLOAT64));
    ObjectNode time = F.objectNode().put("units", "days since 2000-01-01");
    assertFalse(RunStats.supports(cf(DataType.FLOAT64, time), DataType.FLOAT64), "CF times are timestamps");
  }

  /** Random float32 runs with NaNs and a fill, against a row-by-row fold written here. */
  @Test
  void randomRunsMatchARowByRowFold() {
    Random rnd = new Random(99);
    float fill = -999f;
    Decoding dec = cf(DataType.FLOAT32, F.objectNode().put("_FillValue", -999.0));
    for (int round = 0; round < 50; round++) {
      float[] v = new float[1 + rnd.nextInt(200)];
      for (int i = 0; i < v.length; i++) {
        int k = rnd.nextInt(10);
        v[i] = k == 0 ? Float.NaN : k == 1 ? fill : (float) (rnd.nextGaussian() * 50);
      }
      int from = rnd.nextInt(v.length);
      int to = from + rnd.nextInt(v.length - from + 1);
      long count = 0;
      double sum = 0;
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = from; i < to; i++) {
        if (Float.isNaN(v[i]) || v[i] == fill) {
          continue;
        }
        count++;
        sum += v[i];
        lo = Math.min(lo, v[i]);
        hi = Math.max(hi, v[i]);
      }
      RunStats s = new RunStats(dec, DataType.FLOAT32, true, true);
      s.of(run(f32(v)), from, to);
      assertEquals(count, s.count);
      assertEquals(sum, s.sum);
      if (count > 0) {
        assertEquals(lo, s.minValue());
        assertEquals(hi, s.maxValue());
      }
    }
  }
}
