package org.zarrspark.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.codec.ShardingCodec;
import org.zarrspark.core.codec.blosc.BloscCodec;
import org.zarrspark.core.codec.compress.LzmaCodec;
import org.zarrspark.core.codec.compress.ZstdCodec;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.CorruptShardException;
import org.zarrspark.core.error.InvalidReferencesException;
import org.zarrspark.core.error.TooLargeException;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.read.ShardReader;
import org.zarrspark.core.refs.Hdf5References;
import org.zarrspark.core.store.MemoryStore;

/**
 * What each fuzzer finding now raises, beyond "only ZarrException" (which the fuzz targets check
 * on the same {@code regression-*} inputs).
 */
class FuzzRegressionTest {
  private static byte[] input(String target, String name) throws IOException {
    try (InputStream in = FuzzRegressionTest.class.getResourceAsStream(target + "Inputs/" + name)) {
      return in.readAllBytes();
    }
  }

  private static MemoryStore store(byte[] records) {
    MemoryStore s = new MemoryStore();
    for (Map.Entry<String, byte[]> r : FuzzSupport.records(records).entrySet()) {
      s.put(r.getKey(), r.getValue());
    }
    return s;
  }

  @Test
  void emptyChildNameDoesNotWalkForever() throws IOException {
    for (String name : List.of("regression-empty-child-name-endless-walk", "regression-empty-child-name-endless-walk-v3")) {
      Hierarchy h = Hierarchy.open(store(input("MetadataFuzzTest", "hierarchy/" + name)));
      assertEquals(List.of("", "a"), h.walk(""), name);
    }
  }

  @Test
  void shardEntryLongerThanAnArrayIsCorrupt() throws IOException {
    byte[] in = input("ShardFuzzTest", "decode/regression-inner-length-over-2gib-partial-read");
    MemoryStore store = new MemoryStore();
    store.put("s", Arrays.copyOfRange(in, 1, in.length));
    ShardingCodec codec = ShardFuzzTest.layout(in[0]);
    int[] shard = {16, 16};
    assertThrows(CorruptShardException.class, () -> ShardReader.read(store, "s", codec, DataType.INT32, shard,
        new byte[4], new int[2], shard, null));
  }

  @Test
  void zstdContentSizeBeyondItsBlocksIsRefusedBeforeAllocating() throws IOException {
    byte[] in = input("ZstdFuzzTest", "decode/regression-content-size-1gib-one-rle-byte");
    CorruptChunkException e = assertThrows(CorruptChunkException.class,
        () -> new ZstdCodec(3, false).decode(in, 1 << 30));
    assertTrue(e.getMessage().contains("blocks can produce at most 1"), e.getMessage());
  }

  @Test
  void bloscSizeBeyondWhatItsFrameCanExpandToIsRefused() throws IOException {
    byte[] in = input("BloscFuzzTest", "decode/regression-nbytes-944mib-in-395-byte-frame");
    CorruptChunkException e = assertThrows(CorruptChunkException.class,
        () -> new BloscCodec("lz4", 5, 1, 4, 0).decode(in, 1 << 30));
    assertTrue(e.getMessage().contains("can expand to"), e.getMessage());
  }

  @Test
  void lzmaDictionariesAreCutToTheOutput() throws IOException {
    LzmaCodec lzma = new LzmaCodec(LzmaCodec.FORMAT_AUTO, -1, null);
    // a one-byte .lzma stream naming a 192 MiB dictionary decodes with a small one
    assertEquals(1, lzma.decode(input("LzmaFuzzTest", "xzOrAlone/regression-alone-192mib-dictionary-for-one-byte"),
        1 << 20).length);
    // xz cannot be cut: past 64 MiB, a dictionary larger than the chunk is refused
    assertThrows(TooLargeException.class,
        () -> lzma.decode(input("LzmaFuzzTest", "xzOrAlone/regression-xz-192mib-dictionary-for-one-byte"), 1 << 20));
  }

  @Test
  void hdf5HeaderLargerThanTheFileIsRefusedBeforeAllocating() throws IOException {
    // a v1 object header claiming 1.7 GiB of messages in an 11 KiB file: jHDF allocated it, then
    // filled it by re-reading the file's last bytes
    byte[] in = input("ReferencesFuzzTest", "hdf5/regression-object-header-1700mib-in-11kib-file");
    MemoryStore dir = new MemoryStore();
    dir.put("f.nc", in);
    InvalidReferencesException e = assertThrows(InvalidReferencesException.class,
        () -> Hdf5References.read(dir, "f.nc", "mem:///d/f.nc"));
    assertEquals("mem:///d/f.nc", e.store());
    assertTrue(e.getMessage().contains("past the end of the file (" + in.length + " bytes)"), e.getMessage());
  }

  @Test
  void hugeChunkShapeFailsBeforeAllocating() throws IOException {
    // a 10-element array in one 1 GiB chunk (transpose + sharding: the whole-shard path)
    Hierarchy h = Hierarchy.open(store(input("MetadataFuzzTest", "hierarchy/regression-1gib-shard-of-fill-from-500-bytes")));
    TooLargeException e = assertThrows(TooLargeException.class, () -> h.array("").readAll());
    assertTrue(e.getMessage().contains("zarr.maxChunkBytes"), e.getMessage());
  }
}
