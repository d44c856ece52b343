package org.zarrspark.core.codec.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.compress.Mutations;
import org.zarrspark.core.codec.compress.TestData;
import org.zarrspark.core.dtype.DataType;

/** Damaged filter encodings: only ZarrException subclasses may escape decoding. */
class FilterRobustnessTest {
  static final int VARIANTS = 3000;

  static List<BytesCodec> filters() {
    List<BytesCodec> c = new ArrayList<>();
    for (String cfg : List.of(
        "{\"id\":\"delta\",\"dtype\":\"<i8\",\"astype\":\"<i2\"}",
        "{\"id\":\"delta\",\"dtype\":\"<f4\"}",
        "{\"id\":\"fixedscaleoffset\",\"scale\":10,\"offset\":1000,\"dtype\":\"<f8\",\"astype\":\"<i4\"}",
        "{\"id\":\"quantize\",\"digits\":2,\"dtype\":\"<f8\",\"astype\":\"<f4\"}",
        "{\"id\":\"astype\",\"encode_dtype\":\"<f2\",\"decode_dtype\":\"<f8\"}",
        "{\"id\":\"shuffle\",\"elementsize\":8}",
        "{\"id\":\"packbits\"}",
        "{\"id\":\"categorize\",\"labels\":[\"a\",\"bb\",\"ccc\"],\"dtype\":\"<U3\",\"astype\":\"<u2\"}",
        "{\"id\":\"categorize\",\"labels\":[\"a\",\"bb\",\"ccc\"],\"dtype\":\"|O\",\"astype\":\"|u1\"}",
        "{\"id\":\"fletcher32\"}",
        "{\"id\":\"adler32\"}",
        "{\"id\":\"crc32\",\"location\":\"end\"}",
        "{\"id\":\"crc32c\",\"location\":\"start\"}")) {
      c.add(NumcodecsFilters.fromJson(NumcodecsFiltersTest.json(cfg)));
    }
    c.add(NumcodecsFilters.fromJson(NumcodecsFiltersTest.json("{\"id\":\"bitround\",\"keepbits\":5}"), DataType.FLOAT64));
    return c;
  }

  @TestFactory
  Stream<DynamicTest> damagedEncodingsRaiseOnlyZarrExceptions() {
    return filters().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
      byte[][] decoded = new byte[3][];
      decoded[0] = c instanceof Categorize ? c.decode(TestData.random(240, 1), 1 << 20) : TestData.random(240, 1);
      decoded[1] = c instanceof Categorize ? c.decode(new byte[24], 1 << 20) : TestData.patterned(4000);
      decoded[2] = new byte[0];
      if (c instanceof Categorize && ((Categorize) c).dtype().kind() == DataType.Kind.STRING) {
        decoded[2] = c.decode(new byte[0], 16);
      }
      byte[][] valid = new byte[3][];
      int[] bounds = new int[3];
      for (int i = 0; i < 3; i++) {
        valid[i] = c.encode(decoded[i]);
        bounds[i] = decoded[i].length + 16 * i;
      }
      int failures = Mutations.fuzz(c, valid, bounds, VARIANTS, c.toString().hashCode());
      if (c instanceof Fletcher32 || c instanceof Adler32 || c instanceof Crc32
          || c instanceof org.zarrspark.core.codec.compress.Crc32cCodec) {
        assertTrue(failures > VARIANTS / 2, c + ": the checksum caught only " + failures + " of " + VARIANTS);
      }
    }));
  }
}
