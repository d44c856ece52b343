package org.zarrspark.core.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.core.write.CodecJson;

/**
 * One array, so one bound codec pipeline, decoded from many threads at once: every thread must
 * get the bytes a lone thread gets, for every codec (the shared, stateless and per-thread
 * decoder instances included).
 */
class ConcurrentDecodeTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 6;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  static List<ArraySpec> specs() {
    List<ArraySpec> s = new ArrayList<>();
    for (String cname : List.of("lz4", "lz4hc", "blosclz", "zstd", "zlib", "snappy")) {
      for (int shuffle : new int[] {0, 1, 2}) {
        s.add(base(2).compressor(CodecJson.v2Blosc(cname, 5, shuffle)));
      }
    }
    s.add(base(2).compressor(CodecJson.v2("zstd").put("level", 3)));
    s.add(base(2).compressor(CodecJson.v2("lz4").put("acceleration", 1)));
    s.add(base(2).compressor(CodecJson.v2("zlib").put("level", 5)));
    s.add(base(2).compressor(CodecJson.v2("gzip").put("level", 5)));
    s.add(base(2).compressor(CodecJson.v2("bz2").put("level", 5)));
    s.add(base(2).compressor(CodecJson.v2("lzma")));
    s.add(base(2).filters(F.arrayNode().add(CodecJson.v2("shuffle").put("elementsize", 8)))
        .compressor(CodecJson.v2("zlib").put("level", 1)));
    s.add(base(3).codecs(CodecJson.list(CodecJson.transpose(1, 0), CodecJson.bytes(false), CodecJson.zstd(3, true))));
    s.add(base(3).codecs(CodecJson.list(CodecJson.bytes(true), CodecJson.blosc("zstd", 5, "bitshuffle", 8),
        CodecJson.crc32c())));
    s.add(base(3).codecs(CodecJson.list(CodecJson.sharding(new int[] {8, 8},
        CodecJson.list(CodecJson.bytes(true), CodecJson.gzip(3)), true))));
    return s;
  }

  private static ArraySpec base(int format) {
    return ArraySpec.of(DataType.FLOAT64, new long[] {64, 64}, new int[] {16, 16}).zarrFormat(format);
  }

  @ParameterizedTest
  @MethodSource("specs")
  void sharedPipelineDecodesTheSameFromManyThreads(ArraySpec spec) throws Exception {
    MemoryStore store = new MemoryStore();
    NdBuffer data = NdBuffer.allocate(DataType.FLOAT64, new int[] {64, 64});
    ByteBuffer b = ByteBuffer.wrap(data.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    Random r = new Random(7);
    for (int i = 0; i < 64 * 64; i++) {
      b.putDouble(8 * i, Math.round(Math.sin(i / 50.0) * 1000) / 10.0 + (r.nextInt(8) == 0 ? r.nextInt(5) : 0));
    }
    ArrayWriter.create(store, "a", spec).write(new long[2], data);
    ZarrArray array = Hierarchy.open(store).array("a");

    List<long[]> chunks = new ArrayList<>();
    List<byte[]> expected = new ArrayList<>();
    for (long y = 0; y < 4; y++) {
      for (long x = 0; x < 4; x++) {
        chunks.add(new long[] {y, x});
        expected.add(array.readChunk(new long[] {y, x}).bytes());
      }
    }
    assertArrayEquals(data.bytes(), array.readAll().bytes());

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long seed = t;
        done.add(pool.submit(() -> {
          start.await();
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < chunks.size(); i++) {
            order.add(i);
          }
          int n = 0;
          for (int round = 0; round < ROUNDS; round++) {
            Collections.shuffle(order, new Random(seed * 31 + round));
            for (int i : order) {
              assertArrayEquals(expected.get(i), array.readChunk(chunks.get(i)).bytes(), "chunk " + i);
              n++;
            }
          }
          return n;
        }));
      }
      start.countDown();
      for (Future<Integer> f : done) {
        assertTrue(f.get(2, TimeUnit.MINUTES) == ROUNDS * chunks.size());
      }
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
    }
  }
}
