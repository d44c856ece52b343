package org.zarrspark.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.codec.blosc.BloscCodec;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.read.BoxReader;
import org.zarrspark.core.read.FailurePolicy;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.core.write.CodecJson;
import org.zarrspark.core.write.GroupWriter;

/**
 * Chunks decoded into recycled arrays: the array of a chunk given back holds the next chunk
 * decoded, exactly (nothing of the one before shows); arrays a caller keeps are never reused.
 */
class DecodeBuffersTest {
  private static byte[] floats(int n, float base) {
    ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      b.putFloat(base + (i % 977) / 64f);
    }
    return b.array();
  }

  @Test
  void aGivenBackArrayHoldsTheNextChunkExactly() {
    BloscCodec blosc = new BloscCodec("lz4", 5, 1, 4, 0);
    byte[] a = floats(24 * 91 * 180, 250f);
    byte[] b = floats(24 * 91 * 180, -7f);
    byte[] encA = blosc.encode(a);
    byte[] encB = blosc.encode(b);
    DecodeBuffers buffers = new DecodeBuffers();
    byte[] first = blosc.decodeRange(encA, a.length, 0, Long.MAX_VALUE, buffers);
    assertArrayEquals(a, first);
    buffers.give(first);
    byte[] second = blosc.decodeRange(encB, b.length, 0, Long.MAX_VALUE, buffers);
    assertSame(first, second, "the array given back is reused");
    assertArrayEquals(b, second);
    // Kept by the caller (never given back): the next decode gets another array.
    byte[] third = blosc.decodeRange(encA, a.length, 0, Long.MAX_VALUE, buffers);
    assertNotSame(second, third);
    assertArrayEquals(a, third);
    assertArrayEquals(b, second);
    // An array not handed out here is ignored; a range decode fills its range exactly.
    buffers.give(new byte[a.length]);
    buffers.give(third);
    byte[] part = blosc.decodeRange(encB, b.length, 4000, 4400, buffers);
    assertSame(third, part);
    assertArrayEquals(Arrays.copyOfRange(b, 4000, 4400), Arrays.copyOfRange(part, 4000, 4400));
  }

  @Test
  void takeGivesExactSizesAndForgetsOldArrays() {
    DecodeBuffers buffers = new DecodeBuffers();
    byte[] x = buffers.take(100);
    assertEquals(100, x.length);
    buffers.give(x);
    assertNotSame(x, buffers.take(101), "only arrays of the exact size");
    assertSame(x, buffers.take(100));
    for (int i = 0; i < 20; i++) {
      buffers.take(100); // x is now an old hand-out: forgotten, so never reused
    }
    buffers.give(x);
    for (int i = 0; i < 5; i++) {
      assertNotSame(x, buffers.take(100));
    }
  }

  /**
   * A box reader going chunk by chunk (Blosc chunks, or zstd inner chunks of shards), recycling
   * each chunk's array: every chunk's own values.
   */
  @ParameterizedTest
  @ValueSource(strings = {"blosc", "sharded-zstd"})
  void aReaderRecyclingChunksReadsEveryChunksValues(String layout) {
    MemoryStore mem = new MemoryStore();
    GroupWriter.create(mem, "", 3, null);
    int nt = 6;
    ArraySpec spec = layout.equals("blosc")
        ? ArraySpec.of(DataType.FLOAT32, new long[] {nt, 30, 40}, new int[] {1, 30, 40}).zarrFormat(3)
            .codecs(CodecJson.list(CodecJson.bytes(true), CodecJson.blosc("lz4", 5, "shuffle", 4)))
        : ArraySpec.of(DataType.FLOAT32, new long[] {nt, 30, 40}, new int[] {3, 30, 40}).zarrFormat(3)
            .codecs(CodecJson.list(CodecJson.sharding(new int[] {1, 30, 40},
                CodecJson.list(CodecJson.bytes(true), CodecJson.zstd(3, false)), true)));
    NdBuffer all = NdBuffer.allocate(DataType.FLOAT32, new int[] {nt, 30, 40});
    ByteBuffer w = ByteBuffer.wrap(all.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < nt * 1200; i++) {
      w.putFloat(i * 4, i * 0.5f);
    }
    ArrayWriter.create(mem, "v", spec).write(new long[] {0, 0, 0}, all);
    ZarrArray array = Hierarchy.open(mem).array("v");
    BoxReader reader = new BoxReader(FailurePolicy.FAIL_FAST, null);
    byte[] previous = null;
    int reused = 0;
    for (int t = 0; t < nt; t++) {
      NdBuffer d = reader.read(array, new long[] {t, 0, 0}, new int[] {1, 30, 40}).data();
      reused += d.bytes() == previous ? 1 : 0;
      for (int i = 0; i < 1200; i++) {
        assertEquals((t * 1200 + i) * 0.5f, d.getFloat(i), "t=" + t + " i=" + i);
      }
      previous = d.bytes();
      reader.recycle(d);
    }
    assertEquals(nt - 1, reused, "each chunk decoded into the array of the one before");
  }
}
