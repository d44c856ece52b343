package org.zarrspark.core.fuzz;

import static org.zarrspark.core.fuzz.FuzzSupport.LARGE_DECODED;
import static org.zarrspark.core.fuzz.FuzzSupport.MAX_DECODED;
import static org.zarrspark.core.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.zarrspark.core.codec.compress.GzipCodec;
import org.zarrspark.core.codec.compress.ZlibCodec;

/** gzip and zlib streams. Seeds and regression inputs: {@code src/test/resources/org/zarrspark/core/fuzz/DeflateFuzzTestInputs/}. */
class DeflateFuzzTest {
  private static final GzipCodec GZIP = new GzipCodec(5);
  private static final ZlibCodec ZLIB = new ZlibCodec(1);

  @FuzzTest
  void gzip(byte[] data) throws Exception {
    check(() -> GZIP.decode(data, MAX_DECODED));
    check(() -> GZIP.decode(data, LARGE_DECODED));
  }

  @FuzzTest
  void zlib(byte[] data) throws Exception {
    check(() -> ZLIB.decode(data, MAX_DECODED));
    check(() -> ZLIB.decode(data, LARGE_DECODED));
  }
}
