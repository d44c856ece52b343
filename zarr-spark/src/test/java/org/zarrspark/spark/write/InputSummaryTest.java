package org.zarrspark.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The primitive set behind the write's coordinate pass: every distinct value once, through growth and merges. */
class InputSummaryTest {
  @Test
  void aLongSetHoldsEachValueOnce() {
    Random rnd = new Random(3);
    InputSummary.LongSet a = new InputSummary.LongSet();
    InputSummary.LongSet b = new InputSummary.LongSet();
    TreeSet<Long> want = new TreeSet<>();
    for (int i = 0; i < 100_000; i++) {
      long v = rnd.nextInt(5000) - 2500L;
      if (i % 3 == 0) {
        v = Double.doubleToLongBits(rnd.nextInt(50) * 0.25); // float coordinates as bits
      }
      (i % 2 == 0 ? a : b).add(v);
      (i % 2 == 0 ? a : b).add(v); // a run of one value
      want.add(v);
    }
    a.addAll(b);
    TreeSet<Long> got = new TreeSet<>();
    int[] n = {0};
    a.forEach(v -> {
      got.add(v);
      n[0]++;
    });
    assertEquals(want, got);
    assertEquals(want.size(), n[0], "no value twice");
  }

  /** Doubles whose low mantissa bits are zero (grid coordinates) must not all probe one slot. */
  @Test
  void gridCoordinatesAreAddedInLinearTime() {
    InputSummary.LongSet s = new InputSummary.LongSet();
    long t0 = System.nanoTime();
    for (int rep = 0; rep < 20; rep++) {
      for (int i = 0; i < 100_000; i++) {
        s.add(Double.doubleToLongBits(i * 0.25));
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    int[] n = {0};
    s.forEach(v -> n[0]++);
    assertEquals(100_000, n[0]);
    // 2 M adds: well under a second when hashed well, minutes when every key probes one slot.
    org.junit.jupiter.api.Assertions.assertTrue(seconds < 5, seconds + " s");
  }
}
