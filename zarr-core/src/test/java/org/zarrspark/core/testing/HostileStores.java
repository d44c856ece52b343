package org.zarrspark.core.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.CorruptShardException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TooLargeException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.error.UnsupportedCodecException;
import org.zarrspark.core.error.UnsupportedDataTypeException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.core.write.CodecJson;
import org.zarrspark.core.write.GroupWriter;

/**
 * The bad-input matrix of issue #7, shared by the zarr-core and Spark tests: each case builds a
 * hostile store on disk (a valid store written with zarr-core, then its JSON or chunk bytes
 * replaced) and says which typed error must come out, naming which key and saying what.
 *
 * <p>Every store is a group {@code NAME.zarr} holding array {@code a}: int32, shape 16 x 16,
 * chunks 8 x 8, dimensions (y, x), every element set to its flat index + 1. Chunk cases spoil
 * chunk (1, 0) only, so rows y >= 8, x < 8 are the unreadable ones unless a case says otherwise.
 */
public final class HostileStores {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** A decoded size a lying header claims: about 2 GiB for a chunk of 256 bytes. */
  public static final int LIE = Integer.MAX_VALUE - 64;

  private HostileStores() {}

  /** Whether a case fails while opening metadata (driver) or while reading a chunk (executor). */
  public enum Level { METADATA, CHUNK }

  /** Rows of the table that come from the spoiled chunk(s). */
  public interface Rows {
    boolean bad(long y, long x);
  }

  /** One row of the matrix. */
  public static final class Case {
    public final String name;
    public final int format;
    public final Level level;
    public final Class<? extends ZarrException> expected;
    /** The store key the error must name. */
    public final String key;
    /** A fragment of the message saying what was expected or refused. */
    public final String detail;
    /** For chunk cases, the rows PERMISSIVE mode turns to NULL. */
    public final Rows badRows;
    private final Consumer<Path> spoil;
    private final ArraySpecTweak spec;

    Case(String name, int format, Level level, Class<? extends ZarrException> expected, String key, String detail,
        Rows badRows, ArraySpecTweak spec, Consumer<Path> spoil) {
      this.name = name;
      this.format = format;
      this.level = level;
      this.expected = expected;
      this.key = key;
      this.detail = detail;
      this.badRows = badRows;
      this.spec = spec;
      this.spoil = spoil;
    }

    /** Writes the hostile store under {@code dir} and returns its root. */
    public Path build(Path dir) {
      Path root = dir.resolve(name + ".zarr");
      LocalStore s = new LocalStore(root);
      GroupWriter.create(s, "", format, null);
      ArraySpec a = spec.apply(ArraySpec.of(DataType.INT32, new long[] {16, 16}, new int[] {8, 8})
          .zarrFormat(format).dimensionNames(List.of("y", "x")));
      ArrayWriter w = ArrayWriter.create(s, "a", a);
      if (!a.type().isVariableLength()) {
        NdBuffer all = NdBuffer.allocate(DataType.INT32, new int[] {16, 16});
        ByteBuffer b = ByteBuffer.wrap(all.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 256; i++) {
          b.putInt(4 * i, i + 1);
        }
        w.write(new long[2], all);
      } else {
        Object[] strings = new Object[256];
        Arrays.fill(strings, "s");
        w.write(new long[2], NdBuffer.wrapObjects(DataType.STRING, new int[] {16, 16}, strings));
      }
      spoil.accept(root);
      return root;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  interface ArraySpecTweak {
    ArraySpec apply(ArraySpec s);
  }

  private static final Rows CHUNK_1_0 = (y, x) -> y >= 8 && x < 8;

  /** The chunk the chunk cases spoil. */
  public static String badChunk(int format) {
    return format == 3 ? "a/c/1/0" : "a/1.0";
  }

  public static String arrayDoc(int format) {
    return format == 3 ? "a/zarr.json" : "a/.zarray";
  }

  /** Every case of the matrix. */
  public static List<Case> all() {
    List<Case> c = new ArrayList<>();
    // Truncated and garbage chunks.
    c.add(chunk("truncated_zstd", 3, TruncatedChunkException.class, "truncated", s -> s,
        r -> truncate(r, badChunk(3), 9)));
    c.add(chunk("truncated_blosc", 2, TruncatedChunkException.class, "bytes",
        s -> s.compressor(CodecJson.v2Blosc("lz4", 5, 1)), r -> truncate(r, badChunk(2), 20)));
    c.add(chunk("garbage_zlib", 2, CorruptChunkException.class, "zlib",
        s -> s.compressor(CodecJson.v2("zlib").put("level", 1)), r -> put(r, badChunk(2), garbage(200))));
    c.add(chunk("garbage_raw", 3, TruncatedChunkException.class, "expected 256",
        s -> s.codecs(CodecJson.list(CodecJson.bytes(true))), r -> put(r, badChunk(3), garbage(100))));
    // Headers that lie about sizes (decompression bombs).
    c.add(chunk("bomb_blosc_header", 2, CorruptChunkException.class, Integer.toString(LIE),
        s -> s.compressor(CodecJson.v2Blosc("lz4", 5, 1)), r -> put(r, badChunk(2), bloscLie())));
    c.add(chunk("bomb_zstd_content_size", 3, CorruptChunkException.class, "",
        s -> s, r -> put(r, badChunk(3), zstdLie())));
    c.add(chunk("bomb_lz4_header", 2, CorruptChunkException.class, Integer.toString(LIE),
        s -> s.compressor(CodecJson.v2("lz4").put("acceleration", 1)), r -> put(r, badChunk(2), lz4Lie())));
    c.add(chunk("bomb_gzip_stream", 3, CorruptChunkException.class, "",
        s -> s.codecs(CodecJson.list(CodecJson.bytes(true), CodecJson.gzip(1))),
        r -> put(r, badChunk(3), gzipZeros(64 << 20))));
    // Metadata may declare huge chunks; decoding one is refused before allocating it.
    c.add(new Case("oversized_chunk_shape", 3, Level.CHUNK, TooLargeException.class, "a/c/0/0", "limit",
        (y, x) -> true, s -> s, r -> {
          edit(r, 3, d -> chunks(d, 3, F.arrayNode().add(1 << 15).add(1 << 15)));
          put(r, "a/c/0/0", garbage(64));
        }));
    // A shard index the metadata makes huge (2^28 entries, 4 GiB): refused before it is fetched.
    c.add(new Case("shard_index_oversized", 3, Level.CHUNK, TooLargeException.class, "a/c/0/0", "index",
        (y, x) -> true, HostileStores::sharded, r -> {
          edit(r, 3, d -> {
            chunks(d, 3, F.arrayNode().add(1 << 14).add(1 << 14));
            ((ObjectNode) d.get("codecs").get(0).get("configuration")).set("chunk_shape", F.arrayNode().add(1).add(1));
          });
          put(r, "a/c/0/0", garbage(64));
        }));
    // Checksum mismatches.
    c.add(chunk("checksum_crc32c", 3, ChecksumMismatchException.class, "crc32c",
        s -> s.codecs(CodecJson.list(CodecJson.bytes(true), CodecJson.crc32c())), r -> flip(r, badChunk(3), 0)));
    c.add(chunk("checksum_fletcher32", 2, ChecksumMismatchException.class, "fletcher32",
        s -> s.filters(F.arrayNode().add(CodecJson.v2("fletcher32"))), r -> flip(r, badChunk(2), 0)));
    c.add(chunk("checksum_shard_index", 3, ChecksumMismatchException.class, "crc32c", HostileStores::sharded,
        r -> flip(r, badChunk(3), (int) size(r, badChunk(3)) - 10)));
    c.add(chunk("shard_index_outside", 3, CorruptShardException.class, "shard ends", HostileStores::sharded,
        r -> put(r, badChunk(3), shardIndexPointingAt(read(r, badChunk(3)), 1_000_000))));
    c.add(chunk("shard_truncated", 3, TruncatedChunkException.class, "shorter than its index",
        HostileStores::sharded, r -> truncate(r, badChunk(3), 10)));
    // Vlen strings with lying lengths.
    c.add(new Case("vlen_lying_length", 2, Level.CHUNK, TruncatedChunkException.class, badChunk(2), "claims",
        CHUNK_1_0, s -> ArraySpec.of(DataType.STRING, new long[] {16, 16}, new int[] {8, 8}).zarrFormat(2)
            .dimensionNames(List.of("y", "x")), r -> put(r, badChunk(2), vlenLie(64, 0x7fffffffL))));
    c.add(new Case("vlen_lying_count", 3, Level.CHUNK, CorruptChunkException.class, badChunk(3), "expected 64",
        CHUNK_1_0, s -> ArraySpec.of(DataType.STRING, new long[] {16, 16}, new int[] {8, 8})
            .codecs(CodecJson.list(CodecJson.vlenUtf8())).dimensionNames(List.of("y", "x")),
        r -> put(r, badChunk(3), vlenLie(0xfffffff0L, 1))));
    // Invalid or deeply nested JSON.
    for (int f : new int[] {2, 3}) {
      c.add(meta("invalid_json_v" + f, f, InvalidMetadataException.class, arrayDoc(f), "invalid JSON",
          r -> put(r, arrayDoc(f), "{\"zarr_format\": ".getBytes(StandardCharsets.UTF_8))));
    }
    c.add(meta("nested_json_v3", 3, InvalidMetadataException.class, arrayDoc(3), "nesting depth",
        r -> put(r, arrayDoc(3), nested("{\"zarr_format\": 3, \"node_type\": \"array\", \"attributes\": {\"x\": ",
            100_000, "}}"))));
    c.add(meta("nested_json_v2", 2, InvalidMetadataException.class, "a/.zattrs", "nesting depth",
        r -> put(r, "a/.zattrs", nested("{\"x\": ", 100_000, "}"))));
    for (int f : new int[] {2, 3}) {
      // Shapes whose product overflows 64 bits (the chunk count alone fits).
      c.add(meta("shape_overflow_v" + f, f, TooLargeException.class, arrayDoc(f), "64-bit",
          r -> edit(r, f, d -> {
            d.set("shape", F.arrayNode().add(1L << 40).add(1L << 40));
            chunks(d, f, F.arrayNode().add(1 << 20).add(1 << 20));
          })));
      c.add(meta("chunk_zero_v" + f, f, InvalidMetadataException.class, arrayDoc(f), "positive",
          r -> edit(r, f, d -> chunks(d, f, F.arrayNode().add(0).add(8)))));
      c.add(meta("chunk_negative_v" + f, f, InvalidMetadataException.class, arrayDoc(f), "[8,-8] must hold non-negative",
          r -> edit(r, f, d -> chunks(d, f, F.arrayNode().add(8).add(-8)))));
      c.add(meta("rank_mismatch_v" + f, f, InvalidMetadataException.class, arrayDoc(f), "shape has 2",
          r -> edit(r, f, d -> chunks(d, f, F.arrayNode().add(8)))));
    }
    c.add(meta("dimension_names_mismatch_v3", 3, InvalidMetadataException.class, arrayDoc(3), "rank 2",
        r -> edit(r, 3, d -> d.set("dimension_names", F.arrayNode().add("y")))));
    c.add(meta("array_dimensions_mismatch_v2", 2, InvalidMetadataException.class, "a/.zattrs", "rank 2",
        r -> put(r, "a/.zattrs", "{\"_ARRAY_DIMENSIONS\": [\"y\", \"x\", \"z\"]}".getBytes(StandardCharsets.UTF_8))));
    // Unknown data types and codecs.
    c.add(meta("unknown_dtype_v2", 2, UnsupportedDataTypeException.class, arrayDoc(2), "<q7",
        r -> edit(r, 2, d -> d.put("dtype", "<q7"))));
    c.add(meta("unknown_dtype_v3", 3, UnsupportedDataTypeException.class, arrayDoc(3), "quaternion64",
        r -> edit(r, 3, d -> d.put("data_type", "quaternion64"))));
    c.add(meta("unknown_codec_v2", 2, UnsupportedCodecException.class, arrayDoc(2), "nosuchcodec",
        r -> edit(r, 2, d -> d.set("compressor", CodecJson.v2("nosuchcodec")))));
    c.add(meta("unknown_codec_v3", 3, UnsupportedCodecException.class, arrayDoc(3), "nosuchcodec",
        r -> edit(r, 3, d -> ((ArrayNode) d.get("codecs")).add(F.objectNode().put("name", "nosuchcodec")))));
    // Consolidated entries that try to leave the store root.
    c.add(meta("escape_consolidated_v2", 2, InvalidMetadataException.class, ".zmetadata", "leave the store root",
        r -> {
          writeOutside(r, 2);
          ObjectNode md = F.objectNode();
          md.putObject(".zgroup").put("zarr_format", 2);
          md.set("../outside.zarr/.zarray", Json.parse(read(r.resolveSibling("outside.zarr"), ".zarray")));
          ObjectNode doc = F.objectNode().put("zarr_consolidated_format", 1);
          doc.set("metadata", md);
          put(r, ".zmetadata", Json.write(doc));
        }));
    c.add(meta("escape_consolidated_v3", 3, InvalidMetadataException.class, "zarr.json", "leave the store root",
        r -> {
          writeOutside(r, 3);
          ObjectNode doc = (ObjectNode) Json.parse(read(r, "zarr.json"));
          ObjectNode cm = doc.putObject("consolidated_metadata").put("kind", "inline").put("must_understand", false);
          cm.putObject("metadata").set("../outside.zarr",
              Json.parse(read(r.resolveSibling("outside.zarr"), "zarr.json")));
          put(r, "zarr.json", Json.write(doc));
        }));
    return c;
  }

  /** A valid, readable array beside the store root: what an escaping key would reach. */
  public static Path writeOutside(Path root, int format) {
    Path outside = root.resolveSibling("outside.zarr");
    ArrayWriter w = ArrayWriter.create(new LocalStore(outside), "",
        ArraySpec.of(DataType.INT32, new long[] {4}, new int[] {4}).zarrFormat(format));
    NdBuffer b = NdBuffer.allocate(DataType.INT32, new int[] {4});
    ByteBuffer bb = ByteBuffer.wrap(b.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 4; i++) {
      bb.putInt(4 * i, 4242);
    }
    w.writeChunk(new long[1], b);
    return outside;
  }

  private static Case chunk(String name, int format, Class<? extends ZarrException> expected, String detail,
      ArraySpecTweak spec, Consumer<Path> spoil) {
    return new Case(name, format, Level.CHUNK, expected, badChunk(format), detail, CHUNK_1_0, spec, spoil);
  }

  private static Case meta(String name, int format, Class<? extends ZarrException> expected, String key,
      String detail, Consumer<Path> spoil) {
    return new Case(name, format, Level.METADATA, expected, key, detail, null, s -> s, spoil);
  }

  private static ArraySpec sharded(ArraySpec s) {
    return s.codecs(CodecJson.list(CodecJson.sharding(new int[] {4, 4},
        CodecJson.list(CodecJson.bytes(true)), true)));
  }

  private static void chunks(ObjectNode d, int format, ArrayNode value) {
    if (format == 3) {
      ((ObjectNode) d.get("chunk_grid").get("configuration")).set("chunk_shape", value);
    } else {
      d.set("chunks", value);
    }
  }

  private static void edit(Path root, int format, Consumer<ObjectNode> change) {
    ObjectNode d = (ObjectNode) Json.parse(read(root, arrayDoc(format)));
    change.accept(d);
    put(root, arrayDoc(format), Json.write(d));
  }

  /** Random-looking but fixed bytes. */
  static byte[] garbage(int n) {
    byte[] b = new byte[n];
    new java.util.Random(n).nextBytes(b);
    return b;
  }

  /** A Blosc1 frame of 48 bytes whose header claims a decoded size of {@link #LIE}. */
  static byte[] bloscLie() {
    ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 2).put((byte) 1).put((byte) (0x01 | 1 << 5)).put((byte) 4);
    b.putInt(LIE).putInt(1 << 16).putInt(48);
    return b.array();
  }

  /** A zstd frame whose header declares {@link #LIE} bytes of content, with one small raw block. */
  static byte[] zstdLie() {
    ByteBuffer b = ByteBuffer.allocate(4 + 1 + 8 + 3 + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xFD2FB528);
    b.put((byte) 0xE0); // 8-byte frame content size, single segment
    b.putLong(LIE);
    int header = 1 | 0 << 1 | 4 << 3; // last block, raw, 4 bytes
    b.put((byte) header).put((byte) (header >>> 8)).put((byte) (header >>> 16));
    b.putInt(7);
    return b.array();
  }

  /** numcodecs lz4: a 4-byte decoded size ({@link #LIE}), then a few bytes of block. */
  static byte[] lz4Lie() {
    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(LIE).put(new byte[] {(byte) 0xf0, 0, 0, 0, 0, 0, 0, 0});
    return b.array();
  }

  /** A real gzip stream of {@code n} zero bytes (a bomb: ~1000x). */
  static byte[] gzipZeros(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      byte[] zeros = new byte[1 << 20];
      for (int done = 0; done < n; done += zeros.length) {
        gz.write(zeros, 0, Math.min(zeros.length, n - done));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A vlen-utf8 chunk: an item count, then one item whose length field claims {@code length}. */
  static byte[] vlenLie(long count, long length) {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt((int) count).putInt((int) length).put("abcdefgh".getBytes(StandardCharsets.US_ASCII));
    return b.array();
  }

  /** The shard with index entry 0 moved to {@code offset}, the index checksum made valid again. */
  static byte[] shardIndexPointingAt(byte[] shard, long offset) {
    byte[] s = shard.clone();
    int indexStart = s.length - (4 * 16 + 4);
    ByteBuffer b = ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(indexStart, offset);
    CRC32C crc = new CRC32C();
    crc.update(s, indexStart, 4 * 16);
    b.putInt(s.length - 4, (int) crc.getValue());
    return s;
  }

  static byte[] nested(String head, int depth, String tail) {
    StringBuilder sb = new StringBuilder(head);
    sb.append("[".repeat(depth)).append("]".repeat(depth)).append(tail);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] read(Path root, String key) {
    try {
      return Files.readAllBytes(root.resolve(key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long size(Path root, String key) {
    return read(root, key).length;
  }

  static void put(Path root, String key, byte[] bytes) {
    try {
      Files.createDirectories(root.resolve(key).getParent());
      Files.write(root.resolve(key), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void truncate(Path root, String key, int length) {
    put(root, key, Arrays.copyOf(read(root, key), length));
  }

  static void flip(Path root, String key, int at) {
    byte[] b = read(root, key);
    b[at] ^= 0x5a;
    put(root, key, b);
  }
}
