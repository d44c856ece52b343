package org.zarrspark.core.fuzz;

import static org.zarrspark.core.fuzz.FuzzSupport.LARGE_DECODED;
import static org.zarrspark.core.fuzz.FuzzSupport.MAX_DECODED;
import static org.zarrspark.core.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.zarrspark.core.codec.compress.LzmaCodec;
import org.zarrspark.core.json.Json;

/** LZMA: xz and .lzma (alone) streams, and raw LZMA2 with a filter chain. Seeds and regression inputs: {@code src/test/resources/org/zarrspark/core/fuzz/LzmaFuzzTestInputs/}. */
class LzmaFuzzTest {
  /** format 0: xz or alone, told apart by the magic bytes. */
  private static final LzmaCodec AUTO = new LzmaCodec(LzmaCodec.FORMAT_AUTO, -1, null);
  private static final LzmaCodec RAW = LzmaCodec.fromJson(Json.parse((
      "{\"id\":\"lzma\",\"format\":3,\"filters\":[{\"id\":3,\"dist\":4},"
      + "{\"id\":33,\"preset\":1}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8)));

  @FuzzTest
  void xzOrAlone(byte[] data) throws Exception {
    check(() -> AUTO.decode(data, MAX_DECODED));
    check(() -> AUTO.decode(data, LARGE_DECODED));
  }

  @FuzzTest
  void raw(byte[] data) throws Exception {
    check(() -> RAW.decode(data, MAX_DECODED));
    check(() -> RAW.decode(data, LARGE_DECODED));
  }
}
