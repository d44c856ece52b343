package org.zarrspark.core.codec.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.error.CorruptChunkException;

/**
 * Small inputs that decode to far more than the bound must fail fast and without allocating the
 * decoded size (measured with the per-thread allocation counter where the JVM offers it).
 */
class DecompressionBombTest {
  private static final int BOUND = 1 << 20; // 1 MiB
  private static final long BOMB = 256L << 20; // 256 MiB of decoded output
  private static final long ALLOCATION_LIMIT = 16L << 20;

  private static com.sun.management.ThreadMXBean threads() {
    java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
    if (t instanceof com.sun.management.ThreadMXBean) {
      com.sun.management.ThreadMXBean s = (com.sun.management.ThreadMXBean) t;
      if (s.isThreadAllocatedMemorySupported() && s.isThreadAllocatedMemoryEnabled()) {
        return s;
      }
    }
    return null;
  }

  /** Decodes, expecting a refusal; checks how much the decode allocated. */
  static CorruptChunkException refuse(BytesCodec codec, byte[] bomb, int bound) {
    com.sun.management.ThreadMXBean t = threads();
    long id = Thread.currentThread().getId();
    long before = t == null ? 0 : t.getThreadAllocatedBytes(id);
    CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> codec.decode(bomb, bound), codec.toString());
    if (t != null) {
      long used = t.getThreadAllocatedBytes(id) - before;
      assertTrue(used < ALLOCATION_LIMIT, codec + " allocated " + (used >> 20) + " MiB for a bound of " + (bound >> 20)
          + " MiB");
    }
    return e;
  }

  /** A raw deflate stream of {@code n} zero bytes, compressed chunk by chunk (never in memory at once). */
  static byte[] deflateZeros(long n, boolean nowrap) {
    Deflater d = new Deflater(9, nowrap);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    byte[] buf = new byte[1 << 16];
    for (long done = 0; done < n; done += zeros.length) {
      d.setInput(zeros, 0, (int) Math.min(zeros.length, n - done));
      while (!d.needsInput()) {
        out.write(buf, 0, d.deflate(buf));
      }
    }
    d.finish();
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  @Test
  void gzipBomb() {
    byte[] body = deflateZeros(BOMB, true);
    byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    byte[] bomb = CompressorFormatTest.cat(header, body, new byte[8]);
    assertTrue(bomb.length < BOMB / 500, "bomb of " + bomb.length + " bytes");
    refuse(new GzipCodec(1), bomb, BOUND);
  }

  @Test
  void zlibBomb() {
    refuse(new ZlibCodec(1), deflateZeros(BOMB, false), BOUND);
  }

  @Test
  void zstdBombWithoutContentSize() {
    // RLE blocks of 128 KiB each, in a frame that does not declare its size
    int blocks = (int) (BOMB / (128 * 1024));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x00, 7 << 3}, 0, 6);
    for (int i = 0; i < blocks; i++) {
      int h = (i == blocks - 1 ? 1 : 0) | 1 << 1 | (128 * 1024) << 3;
      out.write(new byte[] {(byte) h, (byte) (h >>> 8), (byte) (h >>> 16), 0x55}, 0, 4);
    }
    byte[] bomb = out.toByteArray();
    assertEquals(6 + 4 * blocks, bomb.length);
    refuse(new ZstdCodec(0, false), bomb, BOUND);
  }

  @Test
  void zstdFrameDeclaringATerabyte() {
    // single-segment frame with an 8-byte content size of 2^40
    int h = 1 | 1 << 1 | (128 * 1024) << 3; // last block, RLE, 128 KiB
    byte[] bomb = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, (byte) 0xE0, 0, 0, 0, 0, 0, 1, 0, 0,
        (byte) h, (byte) (h >>> 8), (byte) (h >>> 16), 0x55};
    CorruptChunkException e = refuse(new ZstdCodec(0, false), bomb, BOUND);
    assertTrue(e.getMessage().contains("1099511627776"), e.getMessage());
  }

  @Test
  void lz4PrefixBeyondTheBound() {
    byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 0x10, 'a'};
    refuse(new Lz4Codec(1), huge, BOUND);
    // a genuine block of ~64 KiB that expands to 16 MiB: refused from its prefix
    int n = 16 << 20;
    byte[] data = new byte[n];
    byte[] enc = new Lz4Codec(1).encode(data);
    assertTrue(enc.length < n / 100);
    refuse(new Lz4Codec(1), enc, BOUND);
  }

  @Test
  void bz2Bomb() {
    byte[] bomb = new Bz2Codec(9).encode(new byte[64 << 20]);
    assertTrue(bomb.length < 10_000, "bomb of " + bomb.length + " bytes");
    refuse(new Bz2Codec(9), bomb, BOUND);
  }

  @Test
  void xzBomb() {
    byte[] bomb = LzmaCodec.fromJson(CompressorRoundTripTest.json("{\"id\":\"lzma\",\"preset\":0}")).encode(new byte[64 << 20]);
    assertTrue(bomb.length < 100_000, "bomb of " + bomb.length + " bytes");
    refuse(LzmaCodec.fromJson(CompressorRoundTripTest.json("{\"id\":\"lzma\"}")), bomb, BOUND);
  }
}
