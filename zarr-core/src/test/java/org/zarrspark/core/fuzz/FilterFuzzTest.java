package org.zarrspark.core.fuzz;

import static org.zarrspark.core.fuzz.FuzzSupport.MAX_DECODED;
import static org.zarrspark.core.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.filter.NumcodecsFilters;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.json.Json;

/**
 * numcodecs filters and compressors built from fuzzed JSON, decoding fuzzed data. An input is
 * {@code <array dtype>\n<filter object or list of them>\0<encoded bytes>}; a list is decoded
 * last to first, as a v2 chain. Seeds and regression inputs:
 * {@code src/test/resources/org/zarrspark/core/fuzz/FilterFuzzTestInputs/}.
 */
class FilterFuzzTest {
  @FuzzTest
  void decode(byte[] data) throws Exception {
    check(() -> {
      String head = FuzzSupport.head(data);
      int nl = head.indexOf('\n');
      DataType type = DataType.parseNumpy(nl < 0 ? "<f8" : head.substring(0, nl));
      JsonNode config = Json.parse(head.substring(nl + 1).getBytes(StandardCharsets.UTF_8));
      List<BytesCodec> chain = new ArrayList<>();
      if (config.isArray()) {
        for (JsonNode f : config) {
          chain.add(NumcodecsFilters.fromJson(f, type));
        }
      } else {
        chain.add(NumcodecsFilters.fromJson(config, type));
      }
      byte[] b = FuzzSupport.tail(data);
      for (int i = chain.size() - 1; i >= 0; i--) {
        b = chain.get(i).decode(b, MAX_DECODED);
      }
    });
  }
}
