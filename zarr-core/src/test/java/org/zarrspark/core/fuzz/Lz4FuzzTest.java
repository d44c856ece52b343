package org.zarrspark.core.fuzz;

import static org.zarrspark.core.fuzz.FuzzSupport.LARGE_DECODED;
import static org.zarrspark.core.fuzz.FuzzSupport.MAX_DECODED;
import static org.zarrspark.core.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.zarrspark.core.codec.compress.Lz4Codec;

/** numcodecs LZ4 (a little-endian size, then one LZ4 block). Seeds and regression inputs: {@code src/test/resources/org/zarrspark/core/fuzz/Lz4FuzzTestInputs/}. */
class Lz4FuzzTest {
  private static final Lz4Codec LZ4 = new Lz4Codec(1);

  @FuzzTest
  void decode(byte[] data) throws Exception {
    check(() -> LZ4.decode(data, MAX_DECODED));
    check(() -> LZ4.decode(data, LARGE_DECODED));
  }
}
