package org.zarrspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decode benchmark on two small chunks of the dataset, for a few milliseconds each: no Spark, no timing asserts. */
class DecodeBenchTest {
  @Test
  void everyCodecDecodesTheChunksAndGetsPositiveNumbers() throws Exception {
    Era5Dataset data = new Era5Dataset(0.01, Paths.get("target", "unused"));
    List<byte[]> chunks = List.of(data.values(0, new long[] {0, 0, 0}, data.chunks).bytes(),
        data.values(1, new long[] {0, 0, 0}, data.chunks).bytes());
    List<DecodeBench.Result> rows = new DecodeBench(chunks, 0.01, 0.01).run();
    assertEquals(List.of("blosc-lz4", "blosc-zstd", "blosc-blosclz", "blosc-lz4, fresh arrays", "zstd", "zstd (pure Java)",
        "gzip", "uncompressed"),
        rows.stream().map(DecodeBench.Result::codec).toList());
    for (DecodeBench.Result r : rows) {
      assertTrue(r.oursMBps() > 0 && r.oursWallMBps() > 0, r.codec());
      assertTrue(r.nativeMBps() > 0 || r.note().contains("unavailable"), r.codec());
      assertTrue(r.encodedBytes() > 0 && r.decodedBytes() == 2L * data.chunkBytes(), r.codec());
    }
  }
}
