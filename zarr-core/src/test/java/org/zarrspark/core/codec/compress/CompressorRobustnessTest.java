package org.zarrspark.core.codec.compress;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.zarrspark.core.codec.BytesCodec;

/** Thousands of damaged encodings per codec: nothing but ZarrException subclasses may escape. */
class CompressorRobustnessTest {
  static final int VARIANTS = 3000;

  @TestFactory
  Stream<DynamicTest> damagedEncodingsRaiseOnlyZarrExceptions() {
    List<BytesCodec> codecs = CompressorRoundTripTest.codecs();
    return codecs.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
      byte[][] inputs = {TestData.random(700, 3), TestData.patterned(5000), TestData.text(3001), new byte[0], {9}};
      byte[][] valid = new byte[inputs.length][];
      int[] bounds = new int[inputs.length];
      for (int i = 0; i < inputs.length; i++) {
        valid[i] = c.encode(inputs[i]);
        bounds[i] = inputs[i].length + (i % 2 == 0 ? 0 : 100);
      }
      int failures = Mutations.fuzz(c, valid, bounds, VARIANTS, c.toString().hashCode());
      // the damage must be noticed most of the time (a flip in stored literals may go unnoticed)
      assertTrue(failures > VARIANTS / 5, c + ": only " + failures + " of " + VARIANTS + " damaged inputs failed");
    }));
  }
}
