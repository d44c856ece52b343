package org.zarrspark.core.fuzz;

import static org.zarrspark.core.fuzz.FuzzSupport.LARGE_DECODED;
import static org.zarrspark.core.fuzz.FuzzSupport.MAX_DECODED;
import static org.zarrspark.core.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.zarrspark.core.codec.blosc.BloscCodec;

/** Blosc1 frames (blosclz, lz4, lz4hc, zlib, zstd inside; byte and bit shuffle). Seeds and regression inputs: {@code src/test/resources/org/zarrspark/core/fuzz/BloscFuzzTestInputs/}. */
class BloscFuzzTest {
  private static final BloscCodec BLOSC = new BloscCodec("lz4", 5, 1, 4, 0);

  @FuzzTest
  void decode(byte[] data) throws Exception {
    check(() -> BLOSC.decode(data, MAX_DECODED));
    check(() -> BLOSC.decode(data, LARGE_DECODED));
  }
}
