package org.zarrspark.core.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.testing.Expected;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;

/** Arrays on rectilinear chunk grids: the v3ext fixtures, boxes across chunk edges, shards, writes. */
class RectilinearReadTest {
  private static Path caseDir() {
    return Fixtures.v3ext().resolve("rl_rectilinear_v3");
  }

  private static ZarrArray open(String path) {
    return Hierarchy.open(new LocalStore(caseDir().resolve("store.zarr"))).array(path);
  }

  @Test
  void everyFixtureArrayReadsAsWritten() throws Exception {
    for (String a : new String[] {"rl_explicit_i4", "rl_mixed_f4", "rl_daily_2023", "rl_sharded_u2", "rl_overflow_i2"}) {
      Expected.assertSameElements(a, Expected.bin(caseDir().resolve("expected/" + a + ".bin")), open(a).readAll());
    }
  }

  @Test
  void boxesAcrossMonthEdgesEqualTheSameSliceOfTheWhole() throws Exception {
    ZarrArray a = open("rl_daily_2023");
    NdBuffer whole = a.readAll();
    // Days 50..129 (February to May), stations 2..5, levels 3..6.
    long[] origin = {50, 2, 3};
    int[] shape = {80, 4, 4};
    NdBuffer box = a.read(origin, shape);
    FloatCursor w = new FloatCursor(whole, new int[] {365, 6, 8});
    FloatCursor b = new FloatCursor(box, shape);
    for (int t = 0; t < shape[0]; t++) {
      for (int s = 0; s < shape[1]; s++) {
        for (int l = 0; l < shape[2]; l++) {
          assertEquals(Float.floatToIntBits(w.at(50 + t, 2 + s, 3 + l)), Float.floatToIntBits(b.at(t, s, l)));
        }
      }
    }
    // The box meets February..May (4 months) x both station chunks x one level chunk: 8 chunks, of which
    // February's two were never written (fill), so 6 are fetched and decoded.
    LongAdder decoded = new LongAdder();
    java.util.List<String> months = new java.util.ArrayList<>();
    a.visit(origin, shape, (chunk, data, dataOrigin, selOrigin, extent) -> months.add(chunk[0] + "/" + chunk[1]),
        decoded);
    assertEquals(java.util.List.of("1/0", "1/1", "2/0", "2/1", "3/0", "3/1", "4/0", "4/1"), months);
    assertEquals(6, decoded.sum());
  }

  @Test
  void aShardedRectilinearArrayReadsOnlyTheInnerChunksABoxNeeds() {
    ZarrArray a = open("rl_sharded_u2");
    NdBuffer whole = a.readAll();
    LongAdder decoded = new LongAdder();
    // Rows 9..11 lie in the second shard row (rows 8..11), one inner chunk (4 rows); columns 6..8 one inner chunk
    // of the second shard column.
    NdBuffer box = a.readChunkBox(new long[] {1, 1}, new int[] {1, 0}, new int[] {3, 3}, decoded);
    assertEquals(1, decoded.sum());
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(whole.bytes()[((9 + r) * 12 + 6 + c) * 2], box.bytes()[(r * 3 + c) * 2]);
        assertEquals(whole.bytes()[((9 + r) * 12 + 6 + c) * 2 + 1], box.bytes()[(r * 3 + c) * 2 + 1]);
      }
    }
    assertArrayEquals(new int[] {4, 6}, a.metadata().chunkShape(new long[] {1, 1}));
  }

  @Test
  void theEdgesMustCoverTheArray() {
    Path bad = Fixtures.v3ext().resolve("bad_v3_rectilinear_edges_short/store.zarr");
    InvalidMetadataException e = assertThrows(InvalidMetadataException.class,
        () -> Hierarchy.open(new LocalStore(bad)).array("a"));
    assertTrue(e.getMessage().contains("must cover") && e.getMessage().contains("zarr.json"), e.getMessage());
  }

  @Test
  void writtenMonthlyChunksReadBackAndKeyByGridIndex() {
    MemoryStore store = new MemoryStore();
    ChunkGrid grid = ChunkGrid.of(new long[] {59, 3}, new ChunkGrid.Axis[] {
        ChunkGrid.Axis.explicit(59, new long[] {31, 28}, new long[] {1, 1}), ChunkGrid.Axis.regular(2)});
    ArrayWriter w = ArrayWriter.create(store, "t", ArraySpec.of(DataType.INT32, grid).fill(new byte[4]));
    NdBuffer data = NdBuffer.allocate(DataType.INT32, new int[] {59, 3});
    ByteBuffer bb = ByteBuffer.wrap(data.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 59 * 3; i++) {
      bb.putInt(i * 4, i + 1);
    }
    w.write(new long[] {0, 0}, data);
    assertTrue(store.get("t/c/1/1") != null, "February's second column chunk is stored under its grid index");
    ZarrArray back = Hierarchy.open(store).array("t");
    assertEquals(grid, back.metadata().chunkGrid());
    assertArrayEquals(data.bytes(), back.readAll().bytes());
    NdBuffer feb = back.read(new long[] {30, 1}, new int[] {3, 2});
    ByteBuffer fb = ByteBuffer.wrap(feb.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(30 * 3 + 1 + 1, fb.getInt(0));
    assertEquals(32 * 3 + 2 + 1, fb.getInt(20));
  }

  /** Float elements of a little-endian C-order buffer by index. */
  private static final class FloatCursor {
    private final ByteBuffer b;
    private final int[] shape;

    FloatCursor(NdBuffer buf, int[] shape) {
      this.b = ByteBuffer.wrap(buf.bytes()).order(ByteOrder.LITTLE_ENDIAN);
      this.shape = shape;
    }

    float at(int i, int j, int k) {
      return b.getFloat(((i * shape[1] + j) * shape[2] + k) * 4);
    }
  }
}
