package org.zarrspark.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.chunk.Strides;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.core.testing.RecordingStore;
import org.zarrspark.core.testing.SameArrays;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.core.write.CodecJson;
import org.zarrspark.core.write.GroupWriter;

/**
 * Reading a sharded array one inner chunk at a time, as the Spark reader does: the values equal a
 * whole read, each shard's index is fetched once per {@link ShardIndexCache}, each inner chunk is
 * one ranged read, and a missing shard is asked for once.
 */
class ShardReaderTest {

  /** Reads every inner-chunk-sized box of the array into one buffer, sharing one index cache. */
  private static NdBuffer readByInnerChunks(ZarrArray a) {
    ArrayMetadata m = a.metadata();
    int[] inner = m.sharding().innerShape();
    int[] shard = m.chunkShape();
    long[] shape = m.shape();
    int rank = shape.length;
    int[] whole = new int[rank];
    for (int d = 0; d < rank; d++) {
      whole[d] = (int) shape[d];
    }
    NdBuffer out = NdBuffer.allocate(m.dataType(), whole);
    ShardIndexCache cache = new ShardIndexCache();
    long[] pos = new long[rank];
    while (true) {
      long[] coords = new long[rank];
      int[] in = new int[rank];
      int[] box = new int[rank];
      int[] at = new int[rank];
      for (int d = 0; d < rank; d++) {
        coords[d] = pos[d] / shard[d];
        in[d] = (int) (pos[d] % shard[d]);
        box[d] = (int) Math.min(inner[d], shape[d] - pos[d]);
        at[d] = (int) pos[d];
      }
      NdBuffer got = a.readChunkBox(coords, in, box, null, cache);
      assertEquals(Arrays.toString(box), Arrays.toString(got.shape()));
      Strides.copyBox(got, new int[rank], out, at, box);
      int d = rank - 1;
      while (d >= 0 && pos[d] + inner[d] >= shape[d]) {
        pos[d] = 0;
        d--;
      }
      if (d < 0) {
        return out;
      }
      pos[d] += inner[d];
    }
  }

  /** Index reads (ranged or suffix reads of the index) per shard key. */
  private static Map<String, Long> readsPerShard(List<String> reads) {
    return reads.stream().filter(r -> r.contains("/c/")).collect(Collectors.groupingBy(r -> r.split(" ")[1],
        Collectors.counting()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"shard_index_end", "shard_index_start", "shard_nested", "shard_be_crc32c_inner",
      "shard_blosc_transpose", "shard_index_no_crc"})
  void fixtureShardsReadChunkByChunkEqualAWholeRead(String name) {
    Path store = Fixtures.python().resolve("ts_v3_sharding/store.zarr");
    NdBuffer want = Hierarchy.open(new LocalStore(store)).array(name).readAll();
    RecordingStore rec = new RecordingStore(new LocalStore(store));
    ZarrArray a = Hierarchy.open(rec).array(name);
    rec.reads.clear();
    SameArrays.assertSame(name, want, readByInnerChunks(a));
    int innerPerShard = 1;
    for (int d = 0; d < a.metadata().rank(); d++) {
      innerPerShard *= a.metadata().chunkShape()[d] / a.metadata().sharding().innerShape()[d];
    }
    // Per shard: one read of its index, then at most one read per inner chunk.
    for (Map.Entry<String, Long> e : readsPerShard(rec.reads).entrySet()) {
      long indexReads = rec.reads.stream().filter(r -> r.endsWith(" " + e.getKey()))
          .filter(r -> r.startsWith("suffix") || r.startsWith("range")).count();
      assertTrue(e.getValue() <= 1 + innerPerShard, e.getKey() + ": " + e.getValue() + " reads");
      assertTrue(indexReads >= 1, e.getKey());
    }
  }

  @Test
  void ownShardsWithMissingInnerChunksAndAMissingShard() {
    MemoryStore mem = new MemoryStore();
    GroupWriter.create(mem, "", 3, null);
    long[] shape = {12, 8};
    ArraySpec spec = ArraySpec.of(DataType.FLOAT32, shape, new int[] {6, 8}).zarrFormat(3)
        .codecs(CodecJson.list(CodecJson.sharding(new int[] {3, 4},
            CodecJson.list(CodecJson.bytes(true), CodecJson.zstd(3, false)), true)))
        .fill(new byte[] {0, 0, (byte) 0xc0, 0x7f}); // NaN
    ArrayWriter w = ArrayWriter.create(mem, "a", spec);
    // Only rows 0..2 of the first shard are written (one inner chunk row); the second shard
    // (rows 6..11) is never written: it is missing.
    NdBuffer part = NdBuffer.allocate(DataType.FLOAT32, new int[] {3, 8});
    for (int i = 0; i < 24; i++) {
      java.nio.ByteBuffer.wrap(part.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(i * 4, i + 0.5f);
    }
    w.write(new long[] {0, 0}, part);
    RecordingStore rec = new RecordingStore(mem);
    ZarrArray a = Hierarchy.open(rec).array("a");
    rec.reads.clear();
    NdBuffer got = readByInnerChunks(a);
    for (int y = 0; y < 12; y++) {
      for (int x = 0; x < 8; x++) {
        float v = got.getFloat(y * 8 + x);
        if (y < 3) {
          assertEquals(y * 8 + x + 0.5f, v, "y=" + y + " x=" + x);
        } else {
          assertTrue(Float.isNaN(v), "fill at y=" + y + " x=" + x);
        }
      }
    }
    Map<String, Long> perShard = new HashMap<>(readsPerShard(rec.reads));
    // Shard 0: its index once and its 2 stored inner chunks; shard 1 (missing): asked for once.
    assertEquals(3L, perShard.get("a/c/0/0"), rec.reads.toString());
    assertEquals(1L, perShard.get("a/c/1/0"), rec.reads.toString());
  }
}
