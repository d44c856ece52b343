package org.zarrspark.core.codec.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.compress.ChunkFixtures.ArrayCase;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.testing.Fixtures;

/** Decodes chunks written by numcodecs, zarr-python, tensorstore and zarrita with the compressors. */
class CompressorFixtureTest {
  private static final Set<String> MINE = Set.of("gzip", "zlib", "zstd", "lz4", "bz2", "lzma", "crc32c");

  static List<ArrayCase> cases() throws IOException {
    Path py = Fixtures.python();
    List<ArrayCase> all = new ArrayList<>();
    for (String c : List.of("nc_v2_compressors", "ts_v2_codecs", "ts_v3_codecs", "ts_v3_dtypes", "zp_arrays_v2",
        "zp_arrays_v3")) {
      all.addAll(ChunkFixtures.pythonCase(py.resolve(c)));
    }
    Path zr = Fixtures.zarrita().resolve("cases");
    try (Stream<Path> dirs = Files.list(zr)) {
      for (Path d : dirs.sorted().collect(Collectors.toList())) {
        if (!d.getFileName().toString().startsWith("bad_")) {
          all.addAll(ChunkFixtures.zarritaCase(d));
        }
      }
    }
    return all.stream()
        .filter(a -> a != null && !a.usesBlosc && a.codecNames.stream().anyMatch(MINE::contains))
        .collect(Collectors.toList());
  }

  @TestFactory
  Stream<DynamicTest> everyStoredChunkDecodesToTheExpectedValues() throws IOException {
    return cases().stream().map(a -> DynamicTest.dynamicTest(a.toString(), () -> ChunkFixtures.verify(a)));
  }

  @Test
  void theFixturesCoverEveryCompressorAndTheNamedArrays() throws IOException {
    List<ArrayCase> cases = cases();
    Set<String> ids = new TreeSet<>();
    Set<String> codecs = new TreeSet<>();
    for (ArrayCase a : cases) {
      ids.add(a.id);
      codecs.addAll(a.codecNames);
    }
    assertTrue(codecs.containsAll(MINE), "codecs covered: " + codecs);
    for (String must : List.of("nc_v2_compressors/bz2_l9", "nc_v2_compressors/gzip_l5", "nc_v2_compressors/lz4_a1",
        "nc_v2_compressors/lzma_xz", "nc_v2_compressors/zlib_l1", "nc_v2_compressors/zstd_l3",
        "ts_v3_codecs/zstd_checksum", "ts_v3_codecs/zstd_crc32c", "ts_v3_codecs/transpose_bytes_be_gzip",
        "ts_v2_codecs/bz2", "ts_v2_codecs/zlib", "v2_u2_zlib_order_f/_root", "v2_f8_zstd_nested_nan/_root",
        "v3_i2_zstd_missing_dimnames/_root", "v2_dtypes_group/int64", "v3_dtypes_group/uint32")) {
      assertTrue(ids.contains(must), "fixture array " + must + " is not covered; covered: " + ids);
    }
    assertTrue(cases.size() >= 40, "only " + cases.size() + " arrays");
  }

  /** Every stored chunk re-encoded with its own configuration decodes back to the same bytes. */
  @TestFactory
  Stream<DynamicTest> fixtureChunksSurviveAReEncode() throws IOException {
    return cases().stream().filter(a -> a.id.startsWith("nc_v2_compressors") || a.id.startsWith("ts_v3_codecs"))
        .map(a -> DynamicTest.dynamicTest(a.toString(), () -> {
          try (Stream<Path> files = Files.list(a.dir)) {
            for (Path p : files.filter(f -> !f.getFileName().toString().startsWith(".")
                && !f.getFileName().toString().equals("zarr.json") && Files.isRegularFile(f)).collect(Collectors.toList())) {
              byte[] stored = Files.readAllBytes(p);
              BytesCodec last = a.codecs.get(a.codecs.size() - 1);
              byte[] raw = last.decode(stored, 1 << 20);
              byte[] again = last.encode(raw);
              assertArrayEquals(raw, last.decode(again, raw.length), a.id + " " + p.getFileName());
            }
          }
        }));
  }

  @Test
  void aZstdChunkCutInHalfIsATruncatedChunk() throws IOException {
    Path a = Fixtures.python().resolve("bad_v3_zstd_truncated/store.zarr/a");
    ZstdCodec zstd = ZstdCodec.fromJson(ChunkFixtures.readJson(a.resolve("zarr.json")).get("codecs").get(1).get("configuration"));
    for (String key : List.of("c/0/0", "c/0/1", "c/1/1")) {
      assertEquals(8 * 8 * 4, zstd.decode(Files.readAllBytes(a.resolve(key)), 8 * 8 * 4).length, key);
    }
    byte[] damaged = Files.readAllBytes(a.resolve("c/1/0"));
    CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> zstd.decode(damaged, 8 * 8 * 4));
    assertTrue(e instanceof TruncatedChunkException, "expected truncated-chunk, got " + e.kind() + ": " + e.getMessage());
    assertEquals("truncated-chunk", e.kind());
  }

  @Test
  void aFlippedPayloadByteFailsTheCrc32c() throws IOException {
    Path a = Fixtures.python().resolve("bad_v3_crc32c_mismatch/store.zarr/a");
    Crc32cCodec crc = Crc32cCodec.fromJson(ChunkFixtures.readJson(a.resolve("zarr.json")).get("codecs").get(1).get("configuration"));
    for (String key : List.of("c/0/0", "c/1/0", "c/1/1")) {
      assertEquals(8 * 8 * 4, crc.decode(Files.readAllBytes(a.resolve(key)), 8 * 8 * 4).length, key);
    }
    byte[] damaged = Files.readAllBytes(a.resolve("c/0/1"));
    ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> crc.decode(damaged, 8 * 8 * 4));
    assertEquals("checksum-mismatch", e.kind());
    assertTrue(e.getMessage().contains("67cbedbd") && e.getMessage().contains("a9b3fee2"), e.getMessage());
  }
}
