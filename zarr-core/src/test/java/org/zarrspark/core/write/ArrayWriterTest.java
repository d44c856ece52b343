package org.zarrspark.core.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.CountingStore;
import org.zarrspark.core.store.MemoryStore;

/** Round trips through every codec and type the writer supports, read back by the reader. */
class ArrayWriterTest {
  private static final long[] SHAPE = {13, 10};
  private static final int[] CHUNKS = {4, 6};

  static NdBuffer randomData(DataType type, int[] shape, long seed) {
    Random r = new Random(seed);
    NdBuffer b = NdBuffer.allocate(type, shape);
    if (type.isVariableLength()) {
      Object[] o = b.objects();
      for (int i = 0; i < o.length; i++) {
        o[i] = i % 7 == 0 ? "" : "s" + r.nextInt(1000) + (i % 5 == 0 ? "é,\"q\"" : "");
      }
      return b;
    }
    r.nextBytes(b.bytes());
    if (type.kind() == DataType.Kind.BOOL) {
      for (int i = 0; i < b.bytes().length; i++) {
        b.bytes()[i] &= 1;
      }
    }
    if (type.kind() == DataType.Kind.UNICODE) {
      byte[] x = b.bytes();
      for (int i = 0; i < x.length; i += 4) {
        x[i] = (byte) ('a' + (x[i] & 15));
        x[i + 1] = 0;
        x[i + 2] = 0;
        x[i + 3] = 0;
      }
    }
    return b;
  }

  static Stream<Arguments> types() {
    List<Arguments> out = new ArrayList<>();
    String[] numpy = {"|b1", "|i1", "<i2", ">i2", "<i4", "<i8", ">i8", "|u1", "<u2", "<u4", ">u4", "<u8",
        "<f2", "<f4", ">f4", "<f8", ">f8", "<c8", "<c16", "<M8[ns]", "<M8[s]", ">M8[D]", "<m8[ms]", "|S5", "<U3", "|O"};
    for (String n : numpy) {
      out.add(Arguments.of(2, n));
      out.add(Arguments.of(3, n));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "v{0} {1}")
  @MethodSource("types")
  void everyTypeRoundTrips(int format, String numpy) {
    DataType type = DataType.parseNumpy(numpy);
    if (format == 3) {
      type = type.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    }
    MemoryStore store = new MemoryStore();
    GroupWriter.create(store, "", format, null);
    ArraySpec spec = ArraySpec.of(type, SHAPE, CHUNKS).zarrFormat(format).dimensionNames(Arrays.asList("y", "x"));
    if (format == 2) {
      spec.compressor(CodecJson.v2("zlib").put("level", 1));
    }
    ArrayWriter w = ArrayWriter.create(store, "a", spec);
    NdBuffer data = randomData(type, new int[] {13, 10}, 42);
    w.write(new long[2], data);
    ZarrArray back = Hierarchy.open(store).array("a");
    assertEquals(Arrays.asList("y", "x"), back.metadata().dimensionNames());
    NdBuffer got = back.readAll();
    if (type.isVariableLength()) {
      assertArrayEquals(data.objects(), got.objects());
    } else {
      assertArrayEquals(data.bytes(), got.bytes());
    }
  }

  static Stream<Arguments> v3Codecs() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    List<Arguments> out = new ArrayList<>();
    out.add(Arguments.of("bytes-le", CodecJson.list(CodecJson.bytes(true))));
    out.add(Arguments.of("bytes-be", CodecJson.list(CodecJson.bytes(false))));
    out.add(Arguments.of("transpose", CodecJson.list(CodecJson.transpose(1, 0), CodecJson.bytes(true))));
    out.add(Arguments.of("gzip", CodecJson.list(CodecJson.bytes(true), CodecJson.gzip(5))));
    out.add(Arguments.of("zstd", CodecJson.list(CodecJson.bytes(true), CodecJson.zstd(3, false))));
    out.add(Arguments.of("zstd-checksum", CodecJson.list(CodecJson.bytes(true), CodecJson.zstd(1, true))));
    out.add(Arguments.of("crc32c", CodecJson.list(CodecJson.bytes(true), CodecJson.crc32c())));
    for (String cname : new String[] {"lz4", "zstd", "zlib", "blosclz"}) {
      for (String shuffle : new String[] {"noshuffle", "shuffle", "bitshuffle"}) {
        out.add(Arguments.of("blosc-" + cname + "-" + shuffle,
            CodecJson.list(CodecJson.bytes(true), CodecJson.blosc(cname, 5, shuffle, 4))));
      }
    }
    out.add(Arguments.of("numcodecs.lz4", CodecJson.list(CodecJson.bytes(true),
        CodecJson.numcodecs(CodecJson.v2("lz4").put("acceleration", 1)))));
    out.add(Arguments.of("numcodecs.zlib", CodecJson.list(CodecJson.bytes(true),
        CodecJson.numcodecs(CodecJson.v2("zlib").put("level", 1)))));
    out.add(Arguments.of("sharding-end", CodecJson.list(CodecJson.sharding(new int[] {2, 3},
        CodecJson.list(CodecJson.bytes(true), CodecJson.zstd(1, false)), true))));
    out.add(Arguments.of("sharding-start-transposed", CodecJson.list(CodecJson.sharding(new int[] {2, 3},
        CodecJson.list(CodecJson.transpose(1, 0), CodecJson.bytes(false), CodecJson.crc32c()), false))));
    ArrayNode nested = CodecJson.list(CodecJson.sharding(new int[] {2, 3},
        CodecJson.list(CodecJson.sharding(new int[] {1, 1}, CodecJson.list(CodecJson.bytes(true)), true)), false));
    out.add(Arguments.of("sharding-nested", nested));
    f.arrayNode();
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("v3Codecs")
  void everyV3CodecRoundTrips(String name, ArrayNode codecs) {
    MemoryStore store = new MemoryStore();
    ArrayWriter w = ArrayWriter.create(store, "", ArraySpec.of(DataType.FLOAT32, SHAPE, CHUNKS).codecs(codecs));
    NdBuffer data = smoothFloats(13, 10);
    w.write(new long[2], data);
    NdBuffer got = Hierarchy.open(store).array("").readAll();
    assertArrayEquals(data.bytes(), got.bytes(), name);
  }

  static Stream<Arguments> v2Compressors() {
    return Stream.of(
        Arguments.of("none", null, "C"),
        Arguments.of("zlib-F", CodecJson.v2("zlib").put("level", 6), "F"),
        Arguments.of("gzip", CodecJson.v2("gzip").put("level", 5), "C"),
        Arguments.of("zstd", CodecJson.v2("zstd").put("level", 3), "C"),
        Arguments.of("lz4", CodecJson.v2("lz4").put("acceleration", 1), "C"),
        Arguments.of("bz2", CodecJson.v2("bz2").put("level", 9), "C"),
        Arguments.of("lzma", CodecJson.v2("lzma").put("preset", 1), "C"),
        Arguments.of("blosc-lz4-shuffle", CodecJson.v2Blosc("lz4", 5, 1), "C"),
        Arguments.of("blosc-zstd-bitshuffle", CodecJson.v2Blosc("zstd", 3, 2), "F"),
        Arguments.of("blosc-blosclz", CodecJson.v2Blosc("blosclz", 5, 0), "C"),
        Arguments.of("blosc-zlib", CodecJson.v2Blosc("zlib", 5, 1), "C"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("v2Compressors")
  void everyV2CompressorRoundTrips(String name, com.fasterxml.jackson.databind.node.ObjectNode compressor, String order) {
    MemoryStore store = new MemoryStore();
    ArrayWriter w = ArrayWriter.create(store, "", ArraySpec.of(DataType.FLOAT64, SHAPE, CHUNKS).zarrFormat(2)
        .compressor(compressor).order(order));
    NdBuffer data = smoothDoubles(13, 10);
    w.write(new long[2], data);
    NdBuffer got = Hierarchy.open(store).array("").readAll();
    assertArrayEquals(data.bytes(), got.bytes(), name);
  }

  @Test
  void partialWritesMergeAndFillChunksAreNotStored() {
    MemoryStore store = new MemoryStore();
    GroupWriter.create(store, "", 3, null);
    ArrayWriter w = ArrayWriter.create(store, "a", ArraySpec.of(DataType.INT32, SHAPE, CHUNKS)
        .fill(new byte[] {-1, -1, -1, -1}));
    assertFalse(store.keys().stream().anyMatch(k -> k.startsWith("a/c/")), "no chunk before writing");
    NdBuffer box = NdBuffer.allocate(DataType.INT32, new int[] {3, 3});
    for (int i = 0; i < 9; i++) {
      java.nio.ByteBuffer.wrap(box.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(i * 4, 100 + i);
    }
    w.write(new long[] {3, 5}, box); // straddles four chunks
    w.write(new long[] {3, 5}, box); // again: read-modify-write keeps the rest as fill
    List<String> keys = new ArrayList<>(store.keys());
    keys.removeIf(k -> !k.startsWith("a/c/"));
    assertEquals(Arrays.asList("a/c/0/0", "a/c/0/1", "a/c/1/0", "a/c/1/1"), keys);
    NdBuffer all = Hierarchy.open(store).array("a").readAll();
    for (int y = 0; y < 13; y++) {
      for (int x = 0; x < 10; x++) {
        boolean in = y >= 3 && y < 6 && x >= 5 && x < 8;
        int want = in ? 100 + (y - 3) * 3 + (x - 5) : -1;
        assertEquals(want, all.getInt(y * 10 + x), "element " + y + "," + x);
      }
    }
    // Writing fill values back removes the chunk.
    NdBuffer fill = NdBuffer.filled(DataType.INT32, new int[] {4, 6}, new byte[] {-1, -1, -1, -1});
    w.writeChunk(new long[] {0, 0}, fill);
    assertFalse(store.keys().contains("a/c/0/0"));
  }

  @Test
  void shardedReadsFetchOnlyTheInnerChunksTheyNeed() {
    MemoryStore mem = new MemoryStore();
    GroupWriter.create(mem, "", 3, null);
    ArrayWriter w = ArrayWriter.create(mem, "s", ArraySpec.of(DataType.UINT16, new long[] {16, 16}, new int[] {16, 16})
        .codecs(CodecJson.list(CodecJson.sharding(new int[] {4, 4}, CodecJson.list(CodecJson.bytes(true)), true))));
    NdBuffer data = randomData(DataType.UINT16, new int[] {16, 16}, 7);
    w.write(new long[2], data);
    CountingStore counting = new CountingStore(mem);
    ZarrArray a = Hierarchy.open(counting).array("s");
    counting.reset();
    NdBuffer box = a.read(new long[] {5, 5}, new int[] {2, 2}); // inside inner chunk (1, 1)
    assertEquals(0, counting.gets.get(), "no whole-object read");
    assertEquals(2, counting.rangeGets.get(), "index + one inner chunk");
    int indexBytes = 16 * 16 + 4;
    assertEquals(indexBytes + 4 * 4 * 2, counting.bytes.get());
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(data.getShort((5 + i) * 16 + 5 + j), box.getShort(i * 2 + j));
      }
    }
    counting.reset();
    a.read(new long[] {4, 0}, new int[] {4, 16}); // a row of 4 adjacent inner chunks: one ranged read
    assertEquals(2, counting.rangeGets.get(), "adjacent inner chunks are fetched in one request");
    assertEquals(indexBytes + 4 * 16 * 2, counting.bytes.get());
  }

  @Test
  void consolidatedMetadataDescribesTheTreeInOneRead() {
    for (int format : new int[] {2, 3}) {
      MemoryStore mem = new MemoryStore();
      GroupWriter.create(mem, "", format, JsonNodeFactory.instance.objectNode().put("title", "t"));
      GroupWriter.create(mem, "g", format, null);
      ArrayWriter.create(mem, "g/a", ArraySpec.of(DataType.INT8, new long[] {3}, new int[] {2}).zarrFormat(format));
      ArrayWriter.create(mem, "b", ArraySpec.of(DataType.FLOAT64, new long[] {2, 2}, new int[] {2, 2}).zarrFormat(format));
      GroupWriter.consolidate(mem);
      CountingStore counting = new CountingStore(mem);
      Hierarchy h = Hierarchy.open(counting);
      assertTrue(h.isConsolidated());
      assertEquals(Arrays.asList("", "b", "g", "g/a"), h.walk(""));
      assertEquals(Arrays.asList(3L), Arrays.stream(h.arrayMetadata("g/a").shape()).boxed().collect(java.util.stream.Collectors.toList()));
      assertEquals("t", h.groupMetadata("").attributes().get("title").asText());
      assertEquals(0, counting.lists.get(), "no listing");
      assertEquals(format == 3 ? 1 : 2, counting.gets.get(), "v3: zarr.json; v2: zarr.json probe + .zmetadata");
      // Told the format, an open is one read for either.
      counting.reset();
      assertEquals(Arrays.asList("", "b", "g", "g/a"), Hierarchy.open(counting, true, format).walk(""));
      assertEquals(1, counting.requests(), "one read of the consolidated document");
      // The wrong format is an error naming the store, not a misread.
      int other = 5 - format;
      org.zarrspark.core.error.ZarrException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.zarrspark.core.error.ZarrException.class, () -> Hierarchy.open(mem, true, other).walk(""));
      assertTrue(e.getMessage().contains(mem.describe()), e.getMessage());
    }
  }

  static NdBuffer smoothFloats(int h, int w) {
    NdBuffer b = NdBuffer.allocate(DataType.FLOAT32, new int[] {h, w});
    java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < h * w; i++) {
      bb.putFloat(i * 4, i % 11 == 0 ? Float.NaN : (float) Math.sin(i * 0.1) * 100);
    }
    return b;
  }

  static NdBuffer smoothDoubles(int h, int w) {
    NdBuffer b = NdBuffer.allocate(DataType.FLOAT64, new int[] {h, w});
    java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < h * w; i++) {
      bb.putDouble(i * 8, i % 13 == 0 ? Double.NEGATIVE_INFINITY : Math.cos(i * 0.05) * 1e5);
    }
    return b;
  }
}
