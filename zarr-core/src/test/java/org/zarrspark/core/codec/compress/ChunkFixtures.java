package org.zarrspark.core.codec.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.opentest4j.TestAbortedException;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.blosc.BloscCodec;
import org.zarrspark.core.codec.filter.NumcodecsFilters;
import org.zarrspark.core.dtype.DataType;

/**
 * Test support: reads arrays of the independent fixture stores (zarr v2 and v3) with nothing but
 * the bytes codecs under test, and compares every stored chunk with the expected C-order values.
 * Layout handling (byte order, order F, transpose, chunk keys, edge chunks) is done here; missing
 * chunks are skipped (their fill value is not the codecs' business).
 */
public final class ChunkFixtures {
  public static final ObjectMapper JSON = new ObjectMapper();

  private ChunkFixtures() {}

  /** One array of a fixture store, bound to its codecs. */
  public static final class ArrayCase {
    public final String id;
    final int zarrFormat;
    final int[] shape;
    final int[] chunks;
    final int itemSize;
    final int swapUnit; // bytes per byte-swapped unit, 1 = none
    final boolean floats;
    final boolean unicode;
    final int[] perm;
    public final List<BytesCodec> codecs; // encoding order
    public final List<String> codecNames;
    public final boolean usesBlosc;
    /** v2: whether the last codec is the compressor (the others are filters). */
    public final boolean hasCompressor;
    public final Path dir;
    final String v2Separator;
    final String v3KeyEncoding;
    final String v3Separator;
    final Path expectedBin;
    final Path expectedCsv;

    ArrayCase(String id, Path dir, JsonNode meta, String expectedDtype, Path bin, Path csv) {
      this.id = id;
      this.dir = dir;
      this.expectedBin = bin;
      this.expectedCsv = csv;
      this.zarrFormat = meta.path("zarr_format").asInt();
      this.shape = ints(meta.get("shape"));
      DataType expected;
      try {
        expected = DataType.parseNumpy(expectedDtype);
      } catch (RuntimeException e) {
        throw new Unhandled("expected dtype " + expectedDtype);
      }
      this.itemSize = expected.itemSize();
      this.floats = expected.kind() == DataType.Kind.FLOAT || expected.kind() == DataType.Kind.COMPLEX;
      this.unicode = expected.kind() == DataType.Kind.UNICODE;
      List<BytesCodec> list = new ArrayList<>();
      List<String> names = new ArrayList<>();
      boolean blosc = false;
      boolean compressor = false;
      ByteOrder order = ByteOrder.LITTLE_ENDIAN;
      int rank = shape.length;
      int[] p = new int[rank];
      for (int i = 0; i < rank; i++) {
        p[i] = i;
      }
      if (zarrFormat == 2) {
        this.chunks = ints(meta.get("chunks"));
        DataType stored = DataType.parseNumpy(meta.get("dtype").asText());
        order = stored.order();
        if ("F".equals(meta.path("order").asText("C"))) {
          for (int i = 0; i < rank; i++) {
            p[i] = rank - 1 - i;
          }
        }
        JsonNode filters = meta.get("filters");
        if (filters != null && filters.isArray()) {
          for (JsonNode f : filters) {
            if (f.path("id").asText().startsWith("vlen-")) {
              throw new Unhandled("filter " + f);
            }
            names.add(f.path("id").asText());
            list.add(NumcodecsFilters.fromJson(f, stored));
          }
        }
        JsonNode comp = meta.get("compressor");
        if (comp != null && comp.isObject()) {
          names.add(comp.path("id").asText());
          compressor = true;
          blosc |= comp.path("id").asText().equals("blosc");
          list.add(NumcodecsFilters.fromJson(comp, stored));
        }
        this.v2Separator = meta.path("dimension_separator").asText(".");
        this.v3KeyEncoding = null;
        this.v3Separator = null;
      } else {
        this.chunks = ints(meta.path("chunk_grid").path("configuration").get("chunk_shape"));
        for (JsonNode c : meta.get("codecs")) {
          String name = c.path("name").asText();
          JsonNode conf = c.path("configuration");
          names.add(name);
          switch (name) {
            case "transpose":
              p = ints(conf.get("order"));
              break;
            case "bytes":
              order = conf.path("endian").asText("little").equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
              break;
            case "gzip":
              list.add(GzipCodec.fromJson(conf));
              break;
            case "zstd":
              list.add(ZstdCodec.fromJson(conf));
              break;
            case "crc32c":
              list.add(Crc32cCodec.fromJson(conf));
              break;
            case "blosc": {
              blosc = true;
              String sh = conf.path("shuffle").asText("noshuffle");
              int s = sh.equals("shuffle") ? 1 : sh.equals("bitshuffle") ? 2 : 0;
              list.add(new BloscCodec(conf.path("cname").asText("lz4"), conf.path("clevel").asInt(5), s,
                  conf.path("typesize").asInt(itemSize), conf.path("blocksize").asInt(0)));
              break;
            }
            default:
              throw new Unhandled("codec " + name);
          }
        }
        this.v2Separator = null;
        JsonNode cke = meta.path("chunk_key_encoding");
        this.v3KeyEncoding = cke.path("name").asText("default");
        this.v3Separator = cke.path("configuration").path("separator")
            .asText(v3KeyEncoding.equals("v2") ? "." : "/");
      }
      this.perm = p;
      this.usesBlosc = blosc;
      this.hasCompressor = compressor;
      this.codecNames = names;
      this.codecs = list;
      this.swapUnit = order == ByteOrder.LITTLE_ENDIAN ? 1
          : unicode ? 4 : expected.kind() == DataType.Kind.COMPLEX ? itemSize / 2 : itemSize;
    }

    String key(int[] g) {
      StringBuilder sb = new StringBuilder();
      if (zarrFormat == 2) {
        if (g.length == 0) {
          return "0";
        }
        for (int i = 0; i < g.length; i++) {
          sb.append(i == 0 ? "" : v2Separator).append(g[i]);
        }
        return sb.toString();
      }
      if (v3KeyEncoding.equals("v2")) {
        if (g.length == 0) {
          return "0";
        }
        for (int i = 0; i < g.length; i++) {
          sb.append(i == 0 ? "" : v3Separator).append(g[i]);
        }
        return sb.toString();
      }
      sb.append('c');
      for (int x : g) {
        sb.append(v3Separator).append(x);
      }
      return sb.toString();
    }

    @Override
    public String toString() {
      return id + " " + codecNames;
    }
  }

  /** A feature the test reader deliberately leaves to other tests (sharding, vlen strings). */
  static final class Unhandled extends RuntimeException {
    Unhandled(String what) {
      super(what);
    }
  }

  static int[] ints(JsonNode n) {
    int[] out = new int[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = n.get(i).asInt();
    }
    return out;
  }

  public static JsonNode readJson(Path p) {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every array of a python-fixture case (case.json). */
  public static List<ArrayCase> pythonCase(Path caseDir) {
    JsonNode c = readJson(caseDir.resolve("case.json"));
    List<ArrayCase> out = new ArrayList<>();
    for (JsonNode a : c.path("arrays")) {
      JsonNode exp = a.path("expected");
      String dtype = exp.path("expected_dtype").asText();
      String bin = exp.path("bin").asText(null);
      String csv = exp.path("csv").asText(null);
      out.add(make(caseDir.getFileName() + "/" + a.path("path").asText(), caseDir.resolve("store.zarr"),
          a.path("path").asText(), dtype, bin == null ? null : caseDir.resolve(bin), csv == null ? null : caseDir.resolve(csv)));
    }
    return out;
  }

  /** Every array of a zarrita-zarrpy2 case (expected.json). */
  public static List<ArrayCase> zarritaCase(Path caseDir) {
    JsonNode c = readJson(caseDir.resolve("expected.json"));
    List<ArrayCase> out = new ArrayList<>();
    for (JsonNode a : c.path("arrays")) {
      JsonNode exp = a.path("expected");
      if (!exp.isObject() || !exp.hasNonNull("bin")) {
        continue;
      }
      String path = a.path("path").asText("");
      out.add(make(caseDir.getFileName() + "/" + (path.isEmpty() ? "_root" : path), caseDir.resolve("store.zarr"), path,
          exp.path("bin_dtype").asText(), caseDir.resolve(exp.path("bin").asText()), null));
    }
    return out;
  }

  private static ArrayCase make(String id, Path store, String path, String dtype, Path bin, Path csv) {
    Path dir = path.isEmpty() ? store : store.resolve(path);
    JsonNode meta = Files.exists(dir.resolve(".zarray")) ? readJson(dir.resolve(".zarray")) : readJson(dir.resolve("zarr.json"));
    if (!meta.has("zarr_format")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) meta).put("zarr_format", 2);
    }
    try {
      return new ArrayCase(id, dir, meta, dtype, bin, csv);
    } catch (Unhandled e) {
      return null; // arrays the test reader does not bind (sharding, vlen, ...): callers skip nulls
    }
  }

  static byte[] readBin(Path p) throws IOException {
    if (p.toString().endsWith(".gz")) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
        return in.readAllBytes();
      }
    }
    return Files.readAllBytes(p);
  }

  /** Decodes a stored chunk through the codecs (last first), with the pipeline's size bound. */
  public static byte[] decodeChunk(ArrayCase a, byte[] stored) {
    int elems = 1;
    for (int c : a.chunks) {
      elems *= c;
    }
    int bound = elems * a.itemSize + 64 * (1 + a.codecs.size());
    byte[] b = stored;
    for (int i = a.codecs.size() - 1; i >= 0; i--) {
      try {
        b = a.codecs.get(i).decode(b, bound);
      } catch (UnsupportedOperationException e) {
        throw new TestAbortedException("codec " + a.codecs.get(i).name() + " is not implemented yet: " + e);
      }
    }
    return b;
  }

  /**
   * Decodes every stored chunk and compares it with the expected values; returns the number of
   * chunks compared (at least one is required).
   */
  public static int verify(ArrayCase a) throws IOException {
    int rank = a.shape.length;
    long total = 1;
    for (int s : a.shape) {
      total *= s;
    }
    byte[] expected = a.expectedBin == null ? null : readBin(a.expectedBin);
    List<String> csvValues = null;
    if (expected == null) {
      assertTrue(a.unicode && a.expectedCsv != null, a.id + ": no expected values");
      csvValues = new ArrayList<>();
      for (String line : Files.readAllLines(a.expectedCsv)) {
        csvValues.add(line.substring(line.lastIndexOf(',') + 1));
      }
      csvValues.remove(0); // header
      assertEquals(total, csvValues.size(), a.id + ": csv rows");
    } else {
      assertEquals(total * a.itemSize, expected.length, a.id + ": expected .bin size");
    }
    int[] grid = new int[rank];
    int chunkElems = 1;
    for (int d = 0; d < rank; d++) {
      grid[d] = (a.shape[d] + a.chunks[d] - 1) / a.chunks[d];
      chunkElems *= a.chunks[d];
    }
    int[] encShape = new int[rank];
    for (int k = 0; k < rank; k++) {
      encShape[k] = a.chunks[a.perm[k]];
    }
    int compared = 0;
    int[] g = new int[rank];
    while (true) {
      Path p = a.dir.resolve(a.key(g));
      if (Files.exists(p)) {
        byte[] chunk = decodeChunk(a, Files.readAllBytes(p));
        assertEquals((long) chunkElems * a.itemSize, chunk.length, a.id + " chunk " + a.key(g) + ": decoded size");
        compareChunk(a, g, chunk, encShape, expected, csvValues);
        compared++;
      }
      int d = rank - 1;
      while (d >= 0 && ++g[d] == grid[d]) {
        g[d] = 0;
        d--;
      }
      if (d < 0) {
        break;
      }
    }
    assertTrue(compared > 0, a.id + ": no chunk found");
    return compared;
  }

  private static void compareChunk(ArrayCase a, int[] g, byte[] chunk, int[] encShape, byte[] expected,
      List<String> csv) {
    int rank = a.shape.length;
    int[] idx = new int[rank];
    int size = a.itemSize;
    byte[] elem = new byte[size];
    while (true) {
      boolean inside = true;
      long dst = 0;
      for (int d = 0; d < rank; d++) {
        int global = g[d] * a.chunks[d] + idx[d];
        if (global >= a.shape[d]) {
          inside = false;
          break;
        }
        dst = dst * a.shape[d] + global;
      }
      if (inside) {
        long src = 0;
        for (int k = 0; k < rank; k++) {
          src = src * encShape[k] + idx[a.perm[k]];
        }
        System.arraycopy(chunk, (int) (src * size), elem, 0, size);
        if (a.swapUnit > 1) {
          for (int u = 0; u < size; u += a.swapUnit) {
            for (int i = 0, j = a.swapUnit - 1; i < j; i++, j--) {
              byte t = elem[u + i];
              elem[u + i] = elem[u + j];
              elem[u + j] = t;
            }
          }
        }
        if (csv != null) {
          String s = utf32(elem);
          String want = csv.get((int) dst);
          if (!want.equals(s)) {
            fail(a.id + " chunk " + a.key(g) + " element " + dst + ": expected '" + want + "', got '" + s + "'");
          }
        } else {
          byte[] want = Arrays.copyOfRange(expected, (int) (dst * size), (int) (dst * size + size));
          if (!Arrays.equals(want, elem) && !(a.floats && bothNaN(want, elem))) {
            fail(a.id + " chunk " + a.key(g) + " element " + dst + ": expected " + hex(want) + ", got " + hex(elem));
          }
        }
      }
      int d = rank - 1;
      while (d >= 0 && ++idx[d] == a.chunks[d]) {
        idx[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  private static String utf32(byte[] e) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i + 4 <= e.length; i += 4) {
      int cp = (e[i] & 0xFF) | (e[i + 1] & 0xFF) << 8 | (e[i + 2] & 0xFF) << 16 | (e[i + 3] & 0xFF) << 24;
      if (cp != 0) {
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }

  private static boolean bothNaN(byte[] x, byte[] y) {
    if (x.length == 4) {
      return Float.isNaN(java.nio.ByteBuffer.wrap(x).order(ByteOrder.LITTLE_ENDIAN).getFloat())
          && Float.isNaN(java.nio.ByteBuffer.wrap(y).order(ByteOrder.LITTLE_ENDIAN).getFloat());
    }
    if (x.length == 8) {
      return Double.isNaN(java.nio.ByteBuffer.wrap(x).order(ByteOrder.LITTLE_ENDIAN).getDouble())
          && Double.isNaN(java.nio.ByteBuffer.wrap(y).order(ByteOrder.LITTLE_ENDIAN).getDouble());
    }
    return false;
  }

  public static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x & 0xFF));
    }
    return sb.toString();
  }

  public static byte[] unhex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
