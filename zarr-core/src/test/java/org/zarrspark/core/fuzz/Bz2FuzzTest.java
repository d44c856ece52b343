package org.zarrspark.core.fuzz;

import static org.zarrspark.core.fuzz.FuzzSupport.LARGE_DECODED;
import static org.zarrspark.core.fuzz.FuzzSupport.MAX_DECODED;
import static org.zarrspark.core.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.zarrspark.core.codec.compress.Bz2Codec;

/** bzip2 streams. Seeds and regression inputs: {@code src/test/resources/org/zarrspark/core/fuzz/Bz2FuzzTestInputs/}. */
class Bz2FuzzTest {
  private static final Bz2Codec BZ2 = new Bz2Codec(9);

  @FuzzTest
  void decode(byte[] data) throws Exception {
    check(() -> BZ2.decode(data, MAX_DECODED));
    check(() -> BZ2.decode(data, LARGE_DECODED));
  }
}
