package org.zarrspark.core.codec.blosc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.testing.Fixtures;

/**
 * Decodes every Blosc chunk of the independent fixtures (zarr-python/numcodecs, tensorstore,
 * zarrita/numcodecs.js) and compares the values with the expected arrays the fixtures ship.
 */
class BloscFixtureTest {
  /** Decoding takes nothing from the configuration, so any instance decodes any frame. */
  private static final BloscCodec CODEC = new BloscCodec("lz4", 5, 1, 4, 0);

  /** Chunks damaged on purpose: they must fail, with these exception types. */
  private static final Map<String, Class<? extends Exception>> BAD_CHUNKS = Map.of(
      "python/bad_v2_blosc_hostile_nbytes/store.zarr/a/0.1", CorruptChunkException.class,
      "zarrita-zarrpy2/cases/bad_v2_truncated_chunk/store.zarr/0.1",
      TruncatedChunkException.class);

  @Test
  void everyBloscChunkOfEveryFixtureDecodes() throws IOException {
    Path root = Fixtures.require();
    List<ArrayCase> arrays = findBloscArrays(root);
    int chunks = 0;
    int valueChecked = 0;
    int badSeen = 0;
    List<String> failures = new ArrayList<>();
    for (ArrayCase a : arrays) {
      byte[] expected = a.readExpected();
      for (Chunk c : a.chunks()) {
        String rel = root.relativize(c.file).toString().replace('\\', '/');
        Class<? extends Exception> bad = BAD_CHUNKS.get(rel);
        if (bad != null) {
          assertThrows(bad, () -> CODEC.decode(c.bytes(), a.chunkBytes()), rel);
          badSeen++;
          continue;
        }
        byte[] decoded;
        try {
          decoded = CODEC.decode(c.bytes(), a.maxDecoded());
        } catch (RuntimeException e) {
          failures.add(rel + ": " + e);
          continue;
        }
        chunks++;
        if (a.filtered) {
          continue; // a filter stage follows: its size is not the chunk's
        }
        if (decoded.length != a.chunkBytes()) {
          failures.add(rel + ": decoded " + decoded.length + " bytes, expected " + a.chunkBytes());
          continue;
        }
        if (expected != null) {
          String err = a.compare(c.coords, decoded, expected);
          if (err != null) {
            failures.add(rel + ": " + err);
          } else {
            valueChecked++;
          }
        }
      }
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " chunk(s) failed:\n" + String.join("\n", failures));
    }
    System.out.printf("blosc fixtures: %d arrays, %d chunks decoded, %d value-checked%n",
        arrays.size(), chunks, valueChecked);
    assertEquals(BAD_CHUNKS.size(), badSeen, "every damaged chunk was tried");
    assertTrue(arrays.size() >= 100, "blosc arrays found: " + arrays.size());
    assertTrue(chunks >= 600, "blosc chunks decoded: " + chunks);
    assertTrue(valueChecked >= 500, "chunks checked against expected values: " + valueChecked);
  }

  /** The numcodecs arrays, one per cname x shuffle: each must match its expected values. */
  @ParameterizedTest
  @ValueSource(strings = {"blosclz", "lz4", "lz4hc", "zlib", "zstd"})
  void numcodecsArraysMatchExpectedValues(String cname) throws IOException {
    Path store = Fixtures.python().resolve("nc_v2_compressors/store.zarr");
    for (String sh : new String[] {"noshuffle", "shuffle", "bitshuffle"}) {
      ArrayCase a = ArrayCase.of(store.resolve("blosc_" + cname + "_" + sh + "/.zarray"));
      byte[] expected = a.readExpected();
      assertEquals(24 * 20 * 4, expected.length);
      List<Chunk> chunks = a.chunks();
      assertEquals(6, chunks.size());
      for (Chunk c : chunks) {
        byte[] decoded = CODEC.decode(c.bytes(), 400);
        assertEquals(400, decoded.length);
        String err = a.compare(c.coords, decoded, expected);
        assertEquals(null, err, a.dir + " chunk " + Arrays.toString(c.coords));
      }
    }
  }

  @Test
  void hostileNbytesIsRefusedBeforeAllocating() throws IOException {
    Path chunk = Fixtures.python().resolve("bad_v2_blosc_hostile_nbytes/store.zarr/a/0.1");
    byte[] bytes = Files.readAllBytes(chunk);
    assertEquals(2147483632, LittleEndian.getInt(bytes, 4), "the fixture's lying header");
    // Even a caller allowing every size gets the error, not an attempt to allocate 2 GB.
    CorruptChunkException e = assertThrows(CorruptChunkException.class,
        () -> CODEC.decode(bytes, 256));
    assertTrue(e.getMessage().contains("2147483632"), e.getMessage());
    assertThrows(CorruptChunkException.class, () -> CODEC.decode(bytes, Integer.MAX_VALUE));
    // Its sibling chunks are fine.
    byte[] good = Files.readAllBytes(chunk.resolveSibling("0.0"));
    assertEquals(256, CODEC.decode(good, 256).length);
  }

  @Test
  void truncatedChunkIsRefused() throws IOException {
    Path store = Fixtures.zarrita().resolve("cases/bad_v2_truncated_chunk/store.zarr");
    byte[] bytes = Files.readAllBytes(store.resolve("0.1"));
    assertEquals(68, bytes.length);
    assertThrows(TruncatedChunkException.class, () -> CODEC.decode(bytes, 120));
    assertEquals(120, CODEC.decode(Files.readAllBytes(store.resolve("0.0")), 120).length);
  }

  /** numcodecs.js writes typesize 4 for float64 data: the header's typesize must win. */
  @Test
  void typesizeComesFromTheHeaderNotTheMetadata() throws IOException {
    Path store = Fixtures.zarrita().resolve("cases/v3_f8_transpose_bigendian_blosc/store.zarr");
    ArrayCase a = ArrayCase.of(store.resolve("zarr.json"));
    assertEquals(8, a.itemsize);
    byte[] expected = a.readExpected();
    int checked = 0;
    for (Chunk c : a.chunks()) {
      byte[] frame = c.bytes();
      assertEquals(4, frame[3], "header typesize");
      // A codec configured with typesize 8 (as the metadata says) decodes the same.
      byte[] decoded = new BloscCodec("lz4", 5, 1, 8, 0).decode(frame, a.chunkBytes());
      assertEquals(null, a.compare(c.coords, decoded, expected));
      checked++;
    }
    assertEquals(8, checked);
  }

  // ---------------------------------------------------------------------------------------

  static List<ArrayCase> findBloscArrays(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      List<Path> metas = s.filter(p -> {
        String n = p.getFileName().toString();
        return n.equals(".zarray") || n.equals("zarr.json");
      }).sorted().collect(Collectors.toList());
      List<ArrayCase> out = new ArrayList<>();
      for (Path m : metas) {
        ArrayCase a = ArrayCase.of(m);
        if (a != null) {
          out.add(a);
        }
      }
      return out;
    }
  }

  record Chunk(Path file, long[] coords, long offset, long length) {
    byte[] bytes() {
      try {
        byte[] all = Files.readAllBytes(file);
        if (offset == 0 && length == all.length) {
          return all;
        }
        return Arrays.copyOfRange(all, (int) offset, (int) (offset + length));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** One array whose chunks go through blosc, with what is needed to place its elements. */
  static final class ArrayCase {
    Path dir;
    Path expectedBin;
    long[] shape;
    int[] chunk; // the (inner) chunk whose bytes blosc holds
    int[] shardChunk; // outer chunk when sharded, else null
    boolean indexAtStart;
    int indexTrailer; // checksum bytes after the shard index
    int itemsize;
    boolean bigEndian;
    boolean isFloat;
    int[] perm; // storage order of the chunk's dimensions
    boolean filtered; // a stage after blosc (v2 filters) changes the size
    int trailer; // bytes after the blosc frame (crc32c)
    boolean v3;

    long chunkElems() {
      long n = 1;
      for (int c : chunk) {
        n *= c;
      }
      return n;
    }

    int chunkBytes() {
      return (int) (chunkElems() * itemsize);
    }

    int maxDecoded() {
      return filtered ? chunkBytes() * 4 + 64 : chunkBytes();
    }

    @SuppressWarnings("unchecked")
    static ArrayCase of(Path meta) throws IOException {
      Object parsed;
      try {
        parsed = MiniJson.parse(Files.readString(meta, StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        return null; // the fixtures include broken metadata on purpose
      }
      if (!(parsed instanceof Map)) {
        return null;
      }
      Map<String, Object> m = (Map<String, Object>) parsed;
      ArrayCase a = new ArrayCase();
      a.dir = meta.getParent();
      if (meta.getFileName().toString().equals(".zarray")) {
        Object comp = m.get("compressor");
        if (!(comp instanceof Map) || !"blosc".equals(((Map<String, Object>) comp).get("id"))) {
          return null;
        }
        String dtype = String.valueOf(m.get("dtype"));
        if (!dtype.matches("[<>|][biufcmM]\\d+(\\[.*\\])?")) {
          return null; // strings, structured types: not placed element-wise here
        }
        a.itemsize = Integer.parseInt(dtype.replaceAll("^..(\\d+).*$", "$1"));
        a.bigEndian = dtype.charAt(0) == '>';
        a.isFloat = dtype.charAt(1) == 'f';
        a.shape = longs((List<Object>) m.get("shape"));
        a.chunk = ints((List<Object>) m.get("chunks"));
        a.perm = identity(a.chunk.length);
        if ("F".equals(m.get("order"))) {
          for (int i = 0; i < a.perm.length; i++) {
            a.perm[i] = a.perm.length - 1 - i;
          }
        }
        Object filters = m.get("filters");
        a.filtered = filters instanceof List && !((List<Object>) filters).isEmpty();
      } else {
        if (!"array".equals(m.get("node_type"))) {
          return null;
        }
        a.v3 = true;
        String dt = String.valueOf(m.get("data_type"));
        a.itemsize = v3Size(dt);
        if (a.itemsize == 0) {
          return null;
        }
        a.isFloat = dt.startsWith("float");
        a.shape = longs((List<Object>) m.get("shape"));
        Map<String, Object> grid = (Map<String, Object>) m.get("chunk_grid");
        if (!"regular".equals(grid.get("name"))) {
          return null; // this walk computes chunk keys on regular grids only; no Blosc store is rectilinear
        }
        int[] outer = ints((List<Object>) ((Map<String, Object>) grid.get("configuration"))
            .get("chunk_shape"));
        List<Object> codecs = (List<Object>) m.get("codecs");
        Map<String, Object> first = (Map<String, Object>) codecs.get(0);
        if ("sharding_indexed".equals(first.get("name"))) {
          Map<String, Object> cfg = (Map<String, Object>) first.get("configuration");
          a.shardChunk = outer;
          a.chunk = ints((List<Object>) cfg.get("chunk_shape"));
          a.indexAtStart = "start".equals(cfg.get("index_location"));
          for (Object ic : (List<Object>) cfg.get("index_codecs")) {
            if ("crc32c".equals(((Map<String, Object>) ic).get("name"))) {
              a.indexTrailer = 4;
            }
          }
          codecs = (List<Object>) cfg.get("codecs");
        } else {
          a.chunk = outer;
        }
        a.perm = identity(a.chunk.length);
        boolean sawBlosc = false;
        for (Object o : codecs) {
          Map<String, Object> c = (Map<String, Object>) o;
          String name = String.valueOf(c.get("name"));
          Map<String, Object> cfg = (Map<String, Object>) c.get("configuration");
          if (sawBlosc) {
            if (!name.equals("crc32c")) {
              return null;
            }
            a.trailer += 4;
          } else if (name.equals("blosc")) {
            sawBlosc = true;
          } else if (name.equals("transpose")) {
            a.perm = ints((List<Object>) cfg.get("order"));
          } else if (name.equals("bytes")) {
            a.bigEndian = cfg != null && "big".equals(cfg.get("endian"));
          } else {
            return null;
          }
        }
        if (!sawBlosc) {
          return null;
        }
      }
      // Expected values: <case>/expected/<array path or _root>.bin[.gz]
      Path store = a.dir;
      while (store != null && !store.getFileName().toString().equals("store.zarr")) {
        store = store.getParent();
      }
      if (store != null) {
        String rel = store.relativize(a.dir).toString().replace('\\', '/');
        Path exp = store.getParent().resolve("expected");
        String base = rel.isEmpty() ? "_root" : rel;
        for (String ext : new String[] {".bin", ".bin.gz"}) {
          if (Files.isRegularFile(exp.resolve(base + ext))) {
            a.expectedBin = exp.resolve(base + ext);
          }
        }
      }
      return a;
    }

    byte[] readExpected() throws IOException {
      if (expectedBin == null) {
        return null;
      }
      if (expectedBin.toString().endsWith(".gz")) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(expectedBin))) {
          return in.readAllBytes();
        }
      }
      return Files.readAllBytes(expectedBin);
    }

    /** Chunk files (or inner chunks of shards) with their grid coordinates. */
    List<Chunk> chunks() throws IOException {
      List<Chunk> out = new ArrayList<>();
      List<Path> files;
      try (Stream<Path> s = Files.walk(dir)) {
        files = s.filter(Files::isRegularFile).filter(p -> {
          String n = p.getFileName().toString();
          return !n.startsWith(".") && !n.equals("zarr.json");
        }).sorted().collect(Collectors.toList());
      }
      for (Path f : files) {
        String rel = dir.relativize(f).toString().replace('\\', '/');
        if (!rel.matches("(c[./])?\\d+([./]\\d+)*") && !(rel.equals("c") && shape.length == 0)) {
          continue;
        }
        long[] coords = new long[shape.length];
        String[] parts = rel.replaceFirst("^c[./]?", "").split("[./]");
        if (shape.length > 0) {
          if (parts.length != shape.length) {
            continue;
          }
          for (int i = 0; i < parts.length; i++) {
            coords[i] = Long.parseLong(parts[i]);
          }
        }
        long size = Files.size(f);
        if (shardChunk == null) {
          out.add(new Chunk(f, coords, 0, size - trailer));
        } else {
          addInnerChunks(f, coords, out);
        }
      }
      return out;
    }

    private void addInnerChunks(Path shard, long[] shardCoords, List<Chunk> out)
        throws IOException {
      byte[] all = Files.readAllBytes(shard);
      int nd = chunk.length;
      int[] per = new int[nd];
      int n = 1;
      for (int d = 0; d < nd; d++) {
        per[d] = shardChunk[d] / chunk[d];
        n *= per[d];
      }
      int indexLen = 16 * n + indexTrailer;
      int indexOff = indexAtStart ? 0 : all.length - indexLen;
      for (int i = 0; i < n; i++) {
        long off = LittleEndian.getLong(all, indexOff + 16 * i);
        long len = LittleEndian.getLong(all, indexOff + 16 * i + 8);
        if (off == -1L && len == -1L) {
          continue;
        }
        long[] coords = new long[nd];
        int rem = i;
        for (int d = nd - 1; d >= 0; d--) {
          coords[d] = shardCoords[d] * per[d] + rem % per[d];
          rem /= per[d];
        }
        out.add(new Chunk(shard, coords, off, len - trailer));
      }
    }

    /** Null when every in-bounds element of the decoded chunk equals the expected array. */
    String compare(long[] coords, byte[] decoded, byte[] expected) {
      int nd = chunk.length;
      int[] sshape = new int[nd];
      for (int k = 0; k < nd; k++) {
        sshape[k] = chunk[perm[k]];
      }
      long n = chunkElems();
      int[] sc = new int[nd];
      long[] g = new long[nd];
      outer:
      for (long li = 0; li < n; li++) {
        long rem = li;
        for (int k = nd - 1; k >= 0; k--) {
          sc[k] = (int) (rem % sshape[k]);
          rem /= sshape[k];
        }
        for (int k = 0; k < nd; k++) {
          int d = perm[k];
          g[d] = coords[d] * chunk[d] + sc[k];
          if (g[d] >= shape[d]) {
            continue outer;
          }
        }
        long gi = 0;
        for (int d = 0; d < nd; d++) {
          gi = gi * shape[d] + g[d];
        }
        int e = (int) (gi * itemsize);
        int s = (int) (li * itemsize);
        boolean same = true;
        for (int b = 0; b < itemsize; b++) {
          byte got = decoded[s + (bigEndian ? itemsize - 1 - b : b)];
          if (got != expected[e + b]) {
            same = false;
            break;
          }
        }
        if (!same && !(isFloat && bothNaN(decoded, s, expected, e))) {
          return "element " + Arrays.toString(g) + " differs from the expected value";
        }
      }
      return null;
    }

    private boolean bothNaN(byte[] decoded, int s, byte[] expected, int e) {
      byte[] a = new byte[itemsize];
      for (int b = 0; b < itemsize; b++) {
        a[b] = decoded[s + (bigEndian ? itemsize - 1 - b : b)];
      }
      if (itemsize == 4) {
        return Float.isNaN(Float.intBitsToFloat(LittleEndian.getInt(a, 0)))
            && Float.isNaN(Float.intBitsToFloat(LittleEndian.getInt(expected, e)));
      }
      if (itemsize == 8) {
        return Double.isNaN(Double.longBitsToDouble(LittleEndian.getLong(a, 0)))
            && Double.isNaN(Double.longBitsToDouble(LittleEndian.getLong(expected, e)));
      }
      return false;
    }

    private static int v3Size(String dt) {
      switch (dt) {
        case "bool":
        case "int8":
        case "uint8":
          return 1;
        case "int16":
        case "uint16":
        case "float16":
          return 2;
        case "int32":
        case "uint32":
        case "float32":
          return 4;
        case "int64":
        case "uint64":
        case "float64":
          return 8;
        default:
          return 0;
      }
    }

    private static int[] identity(int n) {
      int[] p = new int[n];
      for (int i = 0; i < n; i++) {
        p[i] = i;
      }
      return p;
    }

    private static long[] longs(List<Object> l) {
      return l.stream().mapToLong(o -> ((Number) o).longValue()).toArray();
    }

    private static int[] ints(List<Object> l) {
      return l.stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }
  }

  @Test
  void miniJsonReadsMetadata() {
    Object o = MiniJson.parse("{\"a\": [1, 2.5, \"x\\\"y\"], \"b\": null, \"c\": true}");
    assertEquals("{a=[1, 2.5, x\"y], b=null, c=true}", o.toString());
    assertArrayEquals(new long[] {1}, new long[] {(Long) ((List<?>) ((Map<?, ?>) o).get("a"))
        .get(0)});
  }
}
