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
}
