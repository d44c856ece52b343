package org.zarrspark.spark.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.spark.model.CfConventions;
import org.zarrspark.spark.model.Decoding;
import org.zarrspark.spark.read.DecodedRun;

/** Count, sum and extremes of decoded runs: fill-value masks, NaN as NULL or as a value, unreadable rows. */
class RunStatsTest {
  private static final double FILL = -9999.0;

  private static Decoding decoding(DataType t, boolean cf) {
    ObjectNode attrs = JsonNodeFactory.instance.objectNode();
    attrs.put("_FillValue", FILL);
    return CfConventions.decoding(t, attrs, cf, null);
  }

  private static NdBuffer floats(float... v) {
    NdBuffer b = NdBuffer.allocate(DataType.FLOAT32, new int[] {v.length});
    ByteBuffer bb = ByteBuffer.wrap(b.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < v.length; i++) {
      bb.putFloat(i * 4, v[i]);
    }
    return b;
  }

  private static NdBuffer doubles(double... v) {
    NdBuffer b = NdBuffer.allocate(DataType.FLOAT64, new int[] {v.length});
    ByteBuffer bb = ByteBuffer.wrap(b.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < v.length; i++) {
      bb.putDouble(i * 8, v[i]);
    }
    return b;
  }

  @Test
  void fillValuesAndNanAreNullUnderCf() {
    RunStats s = new RunStats(decoding(DataType.FLOAT32, true), DataType.FLOAT32, true, true);
    // The run starts at element 1: element 0 (100) is not part of it.
    s.of(DecodedRun.of(floats(100f, 2f, (float) FILL, Float.NaN, -3f, 5f), 1, 5, null), 0, 5);
    assertEquals(3, s.count);
    assertEquals(4.0, s.sum);
    assertEquals(-3.0, s.minValue());
    assertEquals(5.0, s.maxValue());
  }

  @Test
  void withoutCfNanIsAValueAboveEverything() {
    RunStats s = new RunStats(decoding(DataType.FLOAT64, false), DataType.FLOAT64, true, true);
    s.of(DecodedRun.of(doubles(1, Double.NaN, FILL, 7), 0, 4, null), 0, 4);
    assertEquals(4, s.count, "the fill value is a value too");
    assertTrue(Double.isNaN(s.sum));
    assertTrue(Double.isNaN(s.maxValue()));
    assertEquals(FILL, s.minValue());
  }

  @Test
  void allNanHasANanMinimum() {
    RunStats s = new RunStats(decoding(DataType.FLOAT64, false), DataType.FLOAT64, false, true);
    s.of(DecodedRun.of(doubles(Double.NaN, Double.NaN), 0, 2, null), 0, 2);
    assertEquals(2, s.count);
    assertTrue(Double.isNaN(s.minValue()));
  }

  @Test
  void rowsOfUnreadableChunksAreSkipped() {
    NdBuffer mask = NdBuffer.allocate(DataType.BOOL, new int[] {5});
    mask.bytes()[1] = 1;
    mask.bytes()[4] = 1;
    RunStats s = new RunStats(decoding(DataType.FLOAT64, true), DataType.FLOAT64, true, true);
    DecodedRun run = DecodedRun.of(doubles(1, 1000, FILL, 4, -1000), 0, 5, mask);
    assertTrue(run.hasUnreadable());
    s.of(run, 0, 5);
    assertEquals(2, s.count);
    assertEquals(5.0, s.sum);
    assertEquals(1.0, s.minValue());
    assertEquals(4.0, s.maxValue());
  }

  @Test
  void aSliceOfTheRunAndNoValues() {
    RunStats s = new RunStats(decoding(DataType.FLOAT32, true), DataType.FLOAT32, true, false);
    DecodedRun run = DecodedRun.of(floats(1f, 2f, 3f, (float) FILL), 0, 4, null);
    s.of(run, 1, 3);
    assertEquals(2, s.count);
    assertEquals(5.0, s.sum);
    s.of(run, 3, 4);
    assertEquals(0, s.count);
    assertFalse(s.nan);
  }

  @Test
  void onlyPlainFloatsAreFolded() {
    assertTrue(RunStats.supports(decoding(DataType.FLOAT32, true), DataType.FLOAT32));
    assertFalse(RunStats.supports(decoding(DataType.INT32, true), DataType.INT32));
    ObjectNode scaled = JsonNodeFactory.instance.objectNode();
    scaled.put("scale_factor", 0.5);
    assertFalse(RunStats.supports(CfConventions.decoding(DataType.FLOAT32, scaled, true, null), DataType.FLOAT32));
  }
}
