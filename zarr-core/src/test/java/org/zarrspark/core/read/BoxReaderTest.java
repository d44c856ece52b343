package org.zarrspark.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.core.write.CodecJson;
import org.zarrspark.core.write.GroupWriter;

/**
 * A box read over a 4x6 int32 array in 2x3 chunks (element value = its C-order index) whose chunk
 * (1, 0) is corrupt: failing fast, or flagging exactly that chunk's elements and reading the rest.
 */
class BoxReaderTest {
  private static final String CORRUPT = "a/c/1/0";
  private ZarrArray array;

  @BeforeEach
  void writeArray() {
    MemoryStore mem = new MemoryStore();
    GroupWriter.create(mem, "", 3, null);
    ArraySpec spec = ArraySpec.of(DataType.INT32, new long[] {4, 6}, new int[] {2, 3}).zarrFormat(3)
        .codecs(CodecJson.list(CodecJson.bytes(true), CodecJson.crc32c()));
    NdBuffer all = NdBuffer.allocate(DataType.INT32, new int[] {4, 6});
    for (int i = 0; i < 24; i++) {
      java.nio.ByteBuffer.wrap(all.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(i * 4, i);
    }
    ArrayWriter.create(mem, "a", spec).write(new long[] {0, 0}, all);
    byte[] bad = mem.get(CORRUPT);
    bad[0] ^= 0x55; // the checksum no longer matches
    mem.put(CORRUPT, bad);
    array = Hierarchy.open(mem).array("a");
  }

  @Test
  void failFastThrowsTheChunksErrorWithItsKey() {
    BoxReader reader = new BoxReader(FailurePolicy.FAIL_FAST, null);
    ZarrException e = assertThrows(ZarrException.class, () -> reader.read(array, new long[] {1, 1}, new int[] {3, 4}));
    assertTrue(e.getMessage().contains(CORRUPT), e.getMessage());
  }

  @Test
  void markUnreadableFlagsThatChunkAndReadsTheRest() {
    BoxResult r = new BoxReader(FailurePolicy.MARK_UNREADABLE, null).read(array, new long[] {1, 1}, new int[] {3, 4});
    assertEquals(1, r.failures().size());
    assertTrue(r.failures().get(0).getMessage().contains(CORRUPT));
    assertEquals(3, r.chunksDecoded(), "chunks (0,0), (0,1), (1,1) are read; (1,0) fails");
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        int e = y * 4 + x;
        boolean bad = y + 1 >= 2 && x + 1 < 3; // inside chunk (1, 0): rows 2..3, columns 0..2
        assertEquals(bad, r.unreadable().getBoolean(e), "y=" + y + " x=" + x);
        if (!bad) {
          assertEquals((y + 1) * 6 + x + 1, r.data().getInt(e));
        }
      }
    }
  }

  @Test
  void aBoxOfReadableChunksHasNoMask() {
    BoxResult r = new BoxReader(FailurePolicy.MARK_UNREADABLE, null).read(array, new long[] {0, 0}, new int[] {2, 6});
    assertNull(r.unreadable());
    assertTrue(r.failures().isEmpty());
    assertEquals(2, r.chunksDecoded());
    assertEquals(11, r.data().getInt(11));
  }

  @Test
  void oneWholeChunkIsItsDecodedBuffer() {
    BoxResult r = new BoxReader(FailurePolicy.FAIL_FAST, new ShardIndexCache()).read(array, new long[] {0, 3},
        new int[] {2, 3});
    assertEquals(1, r.chunksDecoded());
    assertEquals(3, r.data().getInt(0));
    assertEquals(11, r.data().getInt(5));
    assertNull(r.unreadable());
  }

  @Test
  void transposeMovesDataAndMaskTogether() {
    BoxResult r = new BoxReader(FailurePolicy.MARK_UNREADABLE, null).read(array, new long[] {0, 0}, new int[] {4, 6});
    assertSame(r, r.transpose(new int[] {0, 1}));
    BoxResult t = r.transpose(new int[] {1, 0});
    assertEquals(6, t.data().shape()[0]);
    for (int x = 0; x < 6; x++) {
      for (int y = 0; y < 4; y++) {
        assertEquals(r.unreadable().getBoolean(y * 6 + x), t.unreadable().getBoolean(x * 4 + y));
        assertEquals(r.data().getInt(y * 6 + x), t.data().getInt(x * 4 + y));
      }
    }
  }
}
