package org.zarrspark.core.codec.blosc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedCodecException;
import org.zarrspark.core.testing.Fixtures;

/** encode then decode gives back the input, for every codec, shuffle, typesize and size. */
class BloscRoundTripTest {
  static final String[] CNAMES = {"blosclz", "lz4", "lz4hc", "zlib", "zstd", "snappy"};
  static final int[] TYPESIZES = {1, 2, 3, 4, 8};
  static final int[] SIZES = {0, 1, 7, 64, 127, 128, 129, 1000, 4099, 32 * 1024 - 1, 32 * 1024,
      32 * 1024 + 3, 65536 + 8, 131072 + 5, 262144 + 24};

  /** Kinds of data: zeros, random, float32 waves, ramps, float64 noise with structure, text. */
  static byte[] data(int kind, int len, long seed) {
    Random r = new Random(seed);
    byte[] d = new byte[len];
    switch (kind) {
      case 0:
        break;
      case 1:
        r.nextBytes(d);
        break;
      case 2:
        for (int i = 0; i + 4 <= len; i += 4) {
          float v = (float) (20 + 5 * Math.sin(i / 400.0) + 0.01 * (i % 7));
          LittleEndian.putInt(d, i, Float.floatToIntBits(v));
        }
        break;
      case 3:
        for (int i = 0; i + 2 <= len; i += 2) {
          LittleEndian.SHORT.set(d, i, (short) (i / 10));
        }
        break;
      case 4:
        for (int i = 0; i + 8 <= len; i += 8) {
          double v = 1000.0 + i / 8 * 0.5 + r.nextGaussian() * 1e-3;
          LittleEndian.putLong(d, i, Double.doubleToLongBits(v));
        }
        break;
      default:
        for (int i = 0; i < len; i++) {
          d[i] = (byte) "zarr blosc ".charAt((i / 3 + r.nextInt(2)) % 11);
        }
    }
    return d;
  }

  @ParameterizedTest
  @ValueSource(strings = {"blosclz", "lz4", "lz4hc", "zlib", "zstd", "snappy"})
  void everyShuffleTypesizeAndSizeRoundTrips(String cname) {
    int frames = 0;
    for (int shuffle = 0; shuffle <= 2; shuffle++) {
      for (int ts : TYPESIZES) {
        BloscCodec codec = new BloscCodec(cname, 5, shuffle, ts, 0);
        for (int size : SIZES) {
          for (int kind = 0; kind < 6; kind++) {
            byte[] x = data(kind, size, size * 31L + kind);
            byte[] frame = codec.encode(x);
            checkHeader(frame, x.length, ts, shuffle);
            assertArrayEquals(x, codec.decode(frame, x.length),
                cname + " shuffle " + shuffle + " ts " + ts + " size " + size + " kind " + kind);
            frames++;
          }
        }
      }
    }
    assertEquals(3 * TYPESIZES.length * SIZES.length * 6, frames);
  }

  @Test
  void compressibleDataIsCompressed() {
    for (String cname : CNAMES) {
      for (int shuffle = 0; shuffle <= 2; shuffle++) {
        // int16 ramp: every value repeats, so even unshuffled data compresses
        byte[] x = data(3, 200_000, 1);
        byte[] frame = new BloscCodec(cname, 5, shuffle, 2, 0).encode(x);
        assertEquals(0, frame[2] & BloscHeader.FLAG_MEMCPYED, cname + " " + shuffle);
        assertTrue(frame.length < x.length * 0.6, cname + " shuffle " + shuffle + ": "
            + frame.length + " bytes for " + x.length);
      }
    }
  }

  @Test
  void incompressibleAndTinyDataAreStoredAsIs() {
    byte[] random = data(1, 50_000, 2);
    for (String cname : CNAMES) {
      byte[] frame = new BloscCodec(cname, 9, 1, 4, 0).encode(random);
      assertEquals(BloscHeader.FLAG_MEMCPYED, frame[2] & BloscHeader.FLAG_MEMCPYED, cname);
      assertEquals(random.length + 16, frame.length);
      // Below 128 bytes c-blosc never compresses.
      byte[] tiny = new byte[100];
      assertEquals(116, new BloscCodec(cname, 9, 1, 4, 0).encode(tiny).length);
    }
    // clevel 0 means no compression at all.
    byte[] zeros = new byte[100_000];
    byte[] frame = new BloscCodec("lz4", 0, 1, 4, 0).encode(zeros);
    assertEquals(100_016, frame.length);
    assertArrayEquals(zeros, new BloscCodec("zstd", 1, 0, 1, 0).decode(frame, 100_000));
  }

  @Test
  void multiMegabyteArraysRoundTrip() {
    for (String cname : CNAMES) {
      for (int shuffle = 0; shuffle <= 2; shuffle++) {
        for (int ts : new int[] {4, 8}) {
          byte[] x = data(ts == 4 ? 2 : 4, 3 * 1024 * 1024 + 12, 7);
          BloscCodec codec = new BloscCodec(cname, 5, shuffle, ts, 0);
          byte[] frame = codec.encode(x);
          if (shuffle != 0) { // smooth floats compress once their bytes are regrouped
            assertTrue(frame.length < x.length * 0.8, cname + " " + shuffle + " " + ts + ": "
                + frame.length);
          }
          assertArrayEquals(x, codec.decode(frame, x.length), cname + " " + shuffle + " " + ts);
        }
      }
    }
  }

  @Test
  void forcedBlocksizesAndLevelsRoundTrip() {
    byte[] x = data(4, 300_000 + 5, 8);
    for (int clevel = 0; clevel <= 9; clevel++) {
      for (int bs : new int[] {0, 1, 100, 256, 1000, 4096, 1 << 20}) {
        for (String cname : new String[] {"blosclz", "lz4", "zstd"}) {
          BloscCodec codec = new BloscCodec(cname, clevel, 2, 8, bs);
          assertArrayEquals(x, codec.decode(codec.encode(x), x.length),
              cname + " clevel " + clevel + " blocksize " + bs);
        }
      }
    }
  }

  @Test
  void oddTypesizesAndAutoShuffle() {
    for (int ts : new int[] {0, 5, 7, 16, 17, 33, 255, 256, 1000}) {
      for (int shuffle = -1; shuffle <= 2; shuffle++) {
        byte[] x = data(3, 70_001, ts);
        BloscCodec codec = new BloscCodec("lz4", 5, shuffle, ts, 0);
        byte[] frame = codec.encode(x);
        int expectTs = ts < 1 || ts > 255 ? 1 : ts;
        assertEquals(expectTs, frame[3] & 0xFF);
        assertArrayEquals(x, codec.decode(frame, x.length), "ts " + ts + " shuffle " + shuffle);
      }
    }
    // auto: bitshuffle for 1-byte items, byte shuffle otherwise
    assertEquals(BloscHeader.FLAG_BITSHUFFLE,
        new BloscCodec("lz4", 5, -1, 1, 0).encode(new byte[1000])[2] & 0x05);
    assertEquals(BloscHeader.FLAG_SHUFFLE,
        new BloscCodec("lz4", 5, -1, 2, 0).encode(new byte[1000])[2] & 0x05);
  }

  /** Block sizes as c-blosc 1.21 computes them. */
  @Test
  void blocksizesFollowCBlosc() {
    int mb4 = 4 << 20;
    // lz4, clevel 5, float32: 128 KB, split by 4 -> 512 KB
    assertEquals(512 * 1024, BloscEncoder.computeBlocksize(BloscCompressor.LZ4, 5, 4, mb4, 0));
    // zstd is never split: 32 KB * 2 (high ratio) * 4 (clevel 5)
    assertEquals(256 * 1024, BloscEncoder.computeBlocksize(BloscCompressor.ZSTD, 5, 4, mb4, 0));
    // blosclz, clevel 9, float64: 256 KB * 8 capped at 1 MB
    assertEquals(1 << 20, BloscEncoder.computeBlocksize(BloscCompressor.BLOSCLZ, 9, 8, mb4, 0));
    // small buffers are one block, a multiple of the typesize
    assertEquals(400, BloscEncoder.computeBlocksize(BloscCompressor.LZ4, 5, 4, 400, 0));
    assertEquals(999, BloscEncoder.computeBlocksize(BloscCompressor.LZ4, 5, 3, 1001, 0));
    assertEquals(1, BloscEncoder.computeBlocksize(BloscCompressor.LZ4, 5, 8, 7, 0));
    // forced: at least 128, as c-blosc
    assertEquals(128, BloscEncoder.computeBlocksize(BloscCompressor.ZSTD, 5, 4, 10_000, 100));
  }

  /**
   * Re-encode the numcodecs fixture chunks: our header must carry the same version, flags
   * (except the "stored as is" bit, which depends on the inner codec's ratio), typesize,
   * nbytes and blocksize as c-blosc 1.21 wrote.
   */
  @Test
  void headersMatchThoseOfCBlosc() throws Exception {
    Path store = Fixtures.python().resolve("nc_v2_compressors/store.zarr");
    String[] shuffles = {"noshuffle", "shuffle", "bitshuffle"};
    int compared = 0;
    for (String cname : new String[] {"blosclz", "lz4", "lz4hc", "zlib", "zstd"}) {
      for (int s = 0; s < 3; s++) {
        Path dir = store.resolve("blosc_" + cname + "_" + shuffles[s]);
        BloscCodec codec = new BloscCodec(cname, 5, s, 4, 0);
        for (String key : new String[] {"0.0", "2.1"}) {
          byte[] theirs = Files.readAllBytes(dir.resolve(key));
          byte[] data = codec.decode(theirs, 400);
          byte[] ours = codec.encode(data);
          assertEquals(theirs[0], ours[0], "version");
          assertEquals(theirs[1], ours[1], "versionlz");
          assertEquals(theirs[2] & ~BloscHeader.FLAG_MEMCPYED, ours[2] & ~BloscHeader.FLAG_MEMCPYED,
              dir + "/" + key + " flags");
          for (int i = 3; i < 12; i++) {
            assertEquals(theirs[i], ours[i], dir + "/" + key + " header byte " + i);
          }
          assertArrayEquals(data, codec.decode(ours, 400));
          compared++;
        }
      }
    }
    assertEquals(30, compared);
  }

  @Test
  void invalidConfigurationsAreRefused() {
    assertThrows(UnsupportedCodecException.class, () -> new BloscCodec("lzma", 5, 1, 4, 0));
    assertThrows(UnsupportedCodecException.class, () -> new BloscCodec(null, 5, 1, 4, 0));
    assertThrows(InvalidMetadataException.class, () -> new BloscCodec("lz4", 10, 1, 4, 0));
    assertThrows(InvalidMetadataException.class, () -> new BloscCodec("lz4", -1, 1, 4, 0));
    assertThrows(InvalidMetadataException.class, () -> new BloscCodec("lz4", 5, 3, 4, 0));
    assertThrows(InvalidMetadataException.class, () -> new BloscCodec("lz4", 5, 1, -4, 0));
    assertThrows(InvalidMetadataException.class, () -> new BloscCodec("lz4", 5, 1, 4, -1));
    BloscCodec c = new BloscCodec("LZ4HC", 9, 2, 8, 4096);
    assertEquals("blosc", c.name());
    assertEquals("lz4hc", c.cname());
    assertEquals(9, c.clevel());
    assertEquals(2, c.shuffle());
    assertEquals(8, c.typesize());
    assertEquals(4096, c.blocksize());
  }

  @Test
  void oneInstanceServesManyThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (String cname : CNAMES) {
        BloscCodec codec = new BloscCodec(cname, 5, 1, 4, 0);
        for (int t = 0; t < 8; t++) {
          final int seed = t;
          jobs.add(pool.submit(() -> {
            for (int i = 0; i < 20; i++) {
              byte[] x = data(2 + (i % 4), 50_000 + 1000 * seed + i, seed * 100L + i);
              assertArrayEquals(x, codec.decode(codec.encode(x), x.length));
            }
            return null;
          }));
        }
      }
      for (Future<?> f : jobs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void checkHeader(byte[] frame, int nbytes, int ts, int shuffle) {
    assertEquals(2, frame[0], "version");
    assertEquals(1, frame[1], "versionlz");
    assertEquals(ts, frame[3] & 0xFF, "typesize");
    assertEquals(nbytes, LittleEndian.getInt(frame, 4), "nbytes");
    assertEquals(frame.length, LittleEndian.getInt(frame, 12), "cbytes");
    int expectFlag = shuffle == 1 ? 1 : shuffle == 2 ? 4 : 0;
    assertEquals(expectFlag, frame[2] & 0x05, "shuffle flags");
    assertTrue(frame.length <= nbytes + 16, "never larger than c-blosc's bound");
  }
}
