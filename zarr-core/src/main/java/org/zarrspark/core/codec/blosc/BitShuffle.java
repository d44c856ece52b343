package org.zarrspark.core.codec.blosc;

/**
 * Blosc's bit shuffle of one block (the bitshuffle library's "bit transpose within elements").
 * For {@code n} elements of {@code ts} bytes, output row {@code r = 8 * j + b} ({@code n / 8}
 * bytes) holds bit {@code b} of byte {@code j} of every element, element {@code e} at bit
 * {@code e % 8} of byte {@code e / 8}.
 *
 * <p>As in c-blosc, only blocks whose element count is a multiple of 8 are transposed; others
 * are copied unchanged, and the {@code len % ts} trailing bytes are always copied unchanged.
 *
 * <p>The work is split in two passes: an 8x8 bit transpose of each group of 8 bytes of a byte
 * row, and the byte (un)shuffle of {@link Shuffle}.
 */
final class BitShuffle {
  private static final long M8 = 0x00FF00FF00FF00FFL;
  private static final long M16 = 0x0000FFFF0000FFFFL;
  private static final long M32 = 0x00000000FFFFFFFFL;

  private BitShuffle() {}

  /** Bit-shuffles {@code len} bytes; {@code tmp} must hold at least {@code len} bytes. */
  static void shuffle(int ts, byte[] src, int srcOff, int len, byte[] dst, int dstOff,
      byte[] tmp) {
    int n = len / ts;
    if (n % 8 != 0) {
      System.arraycopy(src, srcOff, dst, dstOff, len);
      return;
    }
    int whole = n * ts;
    Shuffle.shuffle(ts, src, srcOff, whole, tmp, 0); // byte row j at tmp[j * n]
    int rowBytes = n >>> 3;
    for (int j = 0; j < ts; j++) {
      int rowBase = j * n;
      int outBase = dstOff + 8 * j * rowBytes;
      for (int g = 0; g < rowBytes; g++) {
        long x = transpose8x8(LittleEndian.getLong(tmp, rowBase + 8 * g));
        // byte b of x = bit b of these 8 elements' byte j: row 8j + b, byte g
        for (int b = 0, o = outBase + g; b < 8; b++, o += rowBytes) {
          dst[o] = (byte) (x >>> (8 * b));
        }
      }
    }
    System.arraycopy(src, srcOff + whole, dst, dstOff + whole, len - whole);
  }

  /** Inverse of {@link #shuffle}; {@code tmp} must hold at least {@code len} bytes. */
  static void unshuffle(int ts, byte[] src, int srcOff, int len, byte[] dst, int dstOff,
      byte[] tmp) {
    int n = len / ts;
    if (n % 8 != 0) {
      System.arraycopy(src, srcOff, dst, dstOff, len);
      return;
    }
    int whole = n * ts;
    int rowBytes = n >>> 3;
    for (int j = 0; j < ts; j++) {
      int inBase = srcOff + 8 * j * rowBytes;
      int rowBase = j * n;
      int g = 0;
      // Eight groups at a time: one long from each of the 8 bit rows, a byte transpose (in
      // locals, three rounds of block swaps) turns them into one long per group with byte b =
      // bit row b, and the bit transpose yields the group's 8 bytes.
      for (; g + 8 <= rowBytes; g += 8) {
        int p = inBase + g;
        long r0 = LittleEndian.getLong(src, p);
        long r1 = LittleEndian.getLong(src, p + rowBytes);
        long r2 = LittleEndian.getLong(src, p + 2 * rowBytes);
        long r3 = LittleEndian.getLong(src, p + 3 * rowBytes);
        long r4 = LittleEndian.getLong(src, p + 4 * rowBytes);
        long r5 = LittleEndian.getLong(src, p + 5 * rowBytes);
        long r6 = LittleEndian.getLong(src, p + 6 * rowBytes);
        long r7 = LittleEndian.getLong(src, p + 7 * rowBytes);
        long t;
        t = ((r0 >>> 8) ^ r1) & M8;
        r0 ^= t << 8;
        r1 ^= t;
        t = ((r2 >>> 8) ^ r3) & M8;
        r2 ^= t << 8;
        r3 ^= t;
        t = ((r4 >>> 8) ^ r5) & M8;
        r4 ^= t << 8;
        r5 ^= t;
        t = ((r6 >>> 8) ^ r7) & M8;
        r6 ^= t << 8;
        r7 ^= t;
        t = ((r0 >>> 16) ^ r2) & M16;
        r0 ^= t << 16;
        r2 ^= t;
        t = ((r1 >>> 16) ^ r3) & M16;
        r1 ^= t << 16;
        r3 ^= t;
        t = ((r4 >>> 16) ^ r6) & M16;
        r4 ^= t << 16;
        r6 ^= t;
        t = ((r5 >>> 16) ^ r7) & M16;
        r5 ^= t << 16;
        r7 ^= t;
        t = ((r0 >>> 32) ^ r4) & M32;
        r0 ^= t << 32;
        r4 ^= t;
        t = ((r1 >>> 32) ^ r5) & M32;
        r1 ^= t << 32;
        r5 ^= t;
        t = ((r2 >>> 32) ^ r6) & M32;
        r2 ^= t << 32;
        r6 ^= t;
        t = ((r3 >>> 32) ^ r7) & M32;
        r3 ^= t << 32;
        r7 ^= t;
        int o = rowBase + 8 * g;
        LittleEndian.putLong(tmp, o, transpose8x8(r0));
        LittleEndian.putLong(tmp, o + 8, transpose8x8(r1));
        LittleEndian.putLong(tmp, o + 16, transpose8x8(r2));
        LittleEndian.putLong(tmp, o + 24, transpose8x8(r3));
        LittleEndian.putLong(tmp, o + 32, transpose8x8(r4));
        LittleEndian.putLong(tmp, o + 40, transpose8x8(r5));
        LittleEndian.putLong(tmp, o + 48, transpose8x8(r6));
        LittleEndian.putLong(tmp, o + 56, transpose8x8(r7));
      }
      for (; g < rowBytes; g++) {
        long x = 0;
        for (int b = 0, i = inBase + g; b < 8; b++, i += rowBytes) {
          x |= (src[i] & 0xFFL) << (8 * b);
        }
        LittleEndian.putLong(tmp, rowBase + 8 * g, transpose8x8(x));
      }
    }
    Shuffle.unshuffle(ts, tmp, 0, whole, dst, dstOff);
    System.arraycopy(src, srcOff + whole, dst, dstOff + whole, len - whole);
  }

  /**
   * Transposes the 8x8 bit matrix held in {@code x}, row k = byte k, column b = bit b: bit
   * {@code 8k + b} moves to {@code 8b + k}. Three rounds of swapping 1x1, 2x2 and 4x4 blocks.
   */
  static long transpose8x8(long x) {
    long t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
    x ^= t ^ (t << 7);
    t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
    x ^= t ^ (t << 14);
    t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
    x ^= t ^ (t << 28);
    return x;
  }
}
