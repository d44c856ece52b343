package org.zarrspark.core.codec.blosc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.testing.Fixtures;

/** Hostile and damaged frames: only ZarrExceptions may come out, and nothing huge is allocated. */
class BloscRobustnessTest {
  private static final BloscCodec CODEC = new BloscCodec("blosclz", 5, 0, 1, 0);

  /** A valid frame: lz4, byte shuffle, typesize 4, 4 split blocks of 64 KB + a partial one. */
  private static byte[] validFrame() {
    byte[] x = BloscRoundTripTest.data(2, 300_000, 1);
    // c-blosc multiplies a forced blocksize by the typesize for split codecs
    byte[] f = new BloscCodec("lz4", 5, 1, 4, 16384).encode(x);
    assertEquals(65536, LittleEndian.getInt(f, 8));
    assertEquals(0, f[2] & (BloscHeader.FLAG_MEMCPYED | BloscHeader.FLAG_DONT_SPLIT));
    return f;
  }

  private static byte[] withInt(byte[] f, int off, int v) {
    byte[] g = f.clone();
    LittleEndian.putInt(g, off, v);
    return g;
  }

  @Test
  void shortOrMissingInput() {
    assertThrows(TruncatedChunkException.class, () -> CODEC.decode(new byte[0], 100));
    assertThrows(TruncatedChunkException.class, () -> CODEC.decode(new byte[15], 100));
    assertThrows(CorruptChunkException.class, () -> CODEC.decode(null, 100));
  }

  @Test
  void headerLies() {
    byte[] f = validFrame();
    int n = 300_000;
    assertEquals(n, CODEC.decode(f, n).length);
    // nbytes beyond what the caller expects, or negative
    assertThrows(CorruptChunkException.class, () -> CODEC.decode(f, n - 1));
    assertThrows(CorruptChunkException.class, () -> CODEC.decode(withInt(f, 4, -5), n));
    // a frame claiming 2 GB in blocks of 1 byte cannot hold its offset table: refused before
    // allocating, even when the caller would accept that size
    byte[] huge = withInt(withInt(f, 4, Integer.MAX_VALUE - 16), 8, 1);
    assertThrows(CorruptChunkException.class, () -> CODEC.decode(huge, Integer.MAX_VALUE));
    // cbytes beyond the buffer: truncated; below the header: corrupt
    assertThrows(TruncatedChunkException.class, () -> CODEC.decode(withInt(f, 12, f.length + 1),
        n));
    assertThrows(CorruptChunkException.class, () -> CODEC.decode(withInt(f, 12, 15), n));
    assertThrows(TruncatedChunkException.class,
        () -> CODEC.decode(Arrays.copyOf(f, f.length - 1), n));
    // blocksize 0, negative, larger than nbytes
    for (int bs : new int[] {0, -65536, n + 1}) {
      assertThrows(CorruptChunkException.class, () -> CODEC.decode(withInt(f, 8, bs), n));
    }
    // typesize 0, version 3 (Blosc2), reserved flag, unknown codec formats
    byte[] g = f.clone();
    g[3] = 0;
    assertThrows(CorruptChunkException.class, () -> CODEC.decode(g, n));
    byte[] v3 = f.clone();
    v3[0] = 3;
    assertThrows(CorruptChunkException.class, () -> CODEC.decode(v3, n));
    byte[] reserved = f.clone();
    reserved[2] |= 0x08;
    assertThrows(CorruptChunkException.class, () -> CODEC.decode(reserved, n));
    for (int format = 5; format < 8; format++) {
      byte[] h = f.clone();
      h[2] = (byte) ((h[2] & 0x1F) | (format << 5));
      assertThrows(CorruptChunkException.class, () -> CODEC.decode(h, n));
    }
    // the codec named in the header is used: claiming zstd for LZ4 streams fails
    byte[] zstd = f.clone();
    zstd[2] = (byte) ((zstd[2] & 0x1F) | (BloscCompressor.FORMAT_ZSTD << 5));
    assertThrows(CorruptChunkException.class, () -> CODEC.decode(zstd, n));
  }

  @Test
  void offsetsAndStreamSizesLie() {
    byte[] f = validFrame();
    int n = 300_000;
    // block offsets outside the frame, or into the header
    for (int bad : new int[] {-1, 0, 15, f.length - 3, f.length, Integer.MAX_VALUE}) {
      assertThrows(CorruptChunkException.class, () -> CODEC.decode(withInt(f, 16, bad), n),
          "offset " + bad);
    }
    // a stream size running past the end, negative, or one byte off
    int first = LittleEndian.getInt(f, 16);
    int cs = LittleEndian.getInt(f, first);
    for (int bad : new int[] {-1, f.length, Integer.MAX_VALUE, cs - 1, cs + 1}) {
      assertThrows(CorruptChunkException.class, () -> CODEC.decode(withInt(f, first, bad), n),
          "stream size " + bad);
    }
    // dropping the split flag logic: a "don't split" bit makes the block one stream: fails
    byte[] g = f.clone();
    g[2] |= BloscHeader.FLAG_DONT_SPLIT;
    assertThrows(CorruptChunkException.class, () -> CODEC.decode(g, n));
  }

  @Test
  void memcpyedFramesMustBeExactlySized() {
    byte[] x = BloscRoundTripTest.data(1, 1000, 3);
    byte[] f = new BloscCodec("lz4", 0, 0, 1, 0).encode(x);
    assertArrayEquals(x, CODEC.decode(f, 1000));
    assertThrows(CorruptChunkException.class, () -> CODEC.decode(withInt(f, 4, 999), 1000));
    byte[] longer = Arrays.copyOf(f, f.length + 10);
    // extra bytes after the frame are ignored, as c-blosc does
    assertArrayEquals(x, CODEC.decode(longer, 1000));
    assertThrows(CorruptChunkException.class,
        () -> CODEC.decode(withInt(longer, 12, f.length + 10), 1000));
  }

  @Test
  void emptyFrames() {
    byte[] f = new BloscCodec("zstd", 5, 1, 8, 0).encode(new byte[0]);
    assertEquals(16, f.length);
    assertEquals(0, CODEC.decode(f, 0).length);
  }

  /**
   * Thousands of damaged variants of valid frames (every codec and shuffle, fixture chunks):
   * decoding either succeeds or throws a ZarrException — nothing else.
   */
  @Test
  void randomDamageOnlyRaisesZarrExceptions() throws IOException {
    List<byte[]> frames = new ArrayList<>();
    for (String cname : BloscRoundTripTest.CNAMES) {
      for (int shuffle = 0; shuffle <= 2; shuffle++) {
        for (int ts : new int[] {1, 2, 4, 8}) {
          byte[] x = BloscRoundTripTest.data(2 + (ts + shuffle) % 4, 3000 + 517 * ts, ts);
          frames.add(new BloscCodec(cname, 5, shuffle, ts, ts == 8 ? 1024 : 0).encode(x));
        }
      }
    }
    if (Files.isDirectory(Fixtures.root())) {
      Path nc = Fixtures.python().resolve("nc_v2_compressors/store.zarr");
      try (var dirs = Files.list(nc)) {
        for (Path d : (Iterable<Path>) dirs.filter(p -> p.getFileName().toString()
            .startsWith("blosc"))::iterator) {
          frames.add(Files.readAllBytes(d.resolve("0.1")));
          frames.add(Files.readAllBytes(d.resolve("2.0")));
        }
      }
    }
    Random r = new Random(20240611);
    int variants = 0;
    int ok = 0;
    for (int round = 0; round < 40; round++) {
      for (byte[] frame : frames) {
        int nbytes = LittleEndian.getInt(frame, 4);
        byte[] g = mutate(frame, r);
        variants++;
        try {
          byte[] out = CODEC.decode(g, nbytes + 64);
          assertTrue(out.length <= nbytes + 64);
          ok++;
        } catch (ZarrException e) {
          // expected
        } catch (Throwable t) {
          fail("variant " + variants + " of a " + frame.length + "-byte frame raised " + t, t);
        }
      }
    }
    assertTrue(variants >= 4000, "variants: " + variants);
    // Failures left no state behind (the zstd decompressor is reused per thread).
    for (byte[] frame : frames) {
      int nbytes = LittleEndian.getInt(frame, 4);
      assertEquals(nbytes, CODEC.decode(frame, nbytes).length);
    }
    assertTrue(ok > 0 && ok < variants, "some variants decode, some fail: " + ok);
  }

  private static byte[] mutate(byte[] f, Random r) {
    byte[] g = f.clone();
    switch (r.nextInt(7)) {
      case 0: { // flip 1-3 bits anywhere
        int k = 1 + r.nextInt(3);
        for (int i = 0; i < k; i++) {
          int p = r.nextInt(g.length);
          g[p] ^= (byte) (1 << r.nextInt(8));
        }
        return g;
      }
      case 1: // truncate
        return Arrays.copyOf(g, r.nextInt(g.length));
      case 2: { // truncate and fix cbytes so the frame looks complete
        byte[] t = Arrays.copyOf(g, 16 + r.nextInt(g.length - 15));
        LittleEndian.putInt(t, 12, t.length);
        return t;
      }
      case 3: { // random bytes in the body
        int k = 1 + r.nextInt(8);
        for (int i = 0; i < k; i++) {
          g[16 + r.nextInt(g.length - 16)] = (byte) r.nextInt();
        }
        return g;
      }
      case 4: { // one header field set to an extreme or random value
        int[] fields = {4, 8, 12};
        int[] values = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, r.nextInt(),
            r.nextInt(1 << 20), LittleEndian.getInt(g, 4) + 1};
        LittleEndian.putInt(g, fields[r.nextInt(3)], values[r.nextInt(values.length)]);
        return g;
      }
      case 5: // header byte: flags or typesize
        g[2 + r.nextInt(2)] = (byte) r.nextInt();
        return g;
      default: { // a block offset or stream size replaced
        if (g.length >= 24) {
          int p = 16 + 4 * r.nextInt(Math.min(8, (g.length - 16) / 4));
          LittleEndian.putInt(g, p, r.nextBoolean() ? r.nextInt(g.length + 8) - 4 : r.nextInt());
        }
        return g;
      }
    }
  }
}
