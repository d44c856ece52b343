package org.zarrspark.core.fuzz;

import static org.zarrspark.core.fuzz.FuzzSupport.LARGE_DECODED;
import static org.zarrspark.core.fuzz.FuzzSupport.MAX_DECODED;
import static org.zarrspark.core.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.zarrspark.core.codec.compress.ZstdCodec;

/** Zstandard frames. Seeds and regression inputs: {@code src/test/resources/org/zarrspark/core/fuzz/ZstdFuzzTestInputs/}. */
class ZstdFuzzTest {
  private static final ZstdCodec ZSTD = new ZstdCodec(3, false);

  @FuzzTest
  void decode(byte[] data) throws Exception {
    check(() -> ZSTD.decode(data, MAX_DECODED));
    check(() -> ZSTD.decode(data, LARGE_DECODED));
  }
}
