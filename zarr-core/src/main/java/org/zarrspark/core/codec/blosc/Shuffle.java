package org.zarrspark.core.codec.blosc;

/**
 * Blosc's byte shuffle of one block: with {@code n = len / ts} whole elements, byte {@code j} of
 * element {@code i} goes to {@code j * n + i}, so equal-significance bytes sit together. The
 * {@code len % ts} trailing bytes are copied as they are.
 *
 * <p>Typesizes 2, 4 and 8 take SWAR paths: eight elements per step are loaded as longs, one per
 * byte row, and transposed in registers with masked block swaps, then stored as longs.
 */
final class Shuffle {
  private static final long LOW32 = 0x00000000FFFFFFFFL;
  private static final long HIGH32 = 0xFFFFFFFF00000000L;

  private Shuffle() {}

  static void shuffle(int ts, byte[] src, int srcOff, int len, byte[] dst, int dstOff) {
    int n = len / ts;
    int whole = n * ts;
    if (ts == 1 || n == 0) {
      System.arraycopy(src, srcOff, dst, dstOff, len);
      return;
    }
    int i = 0;
    switch (ts) {
      case 2:
        i = shuffle2(src, srcOff, n, dst, dstOff);
        break;
      case 4:
        i = shuffle4(src, srcOff, n, dst, dstOff);
        break;
      case 8:
        i = shuffle8(src, srcOff, n, dst, dstOff);
        break;
      default:
        break;
    }
    for (int j = 0; j < ts; j++) {
      int d = dstOff + j * n;
      for (int k = i, s = srcOff + i * ts + j; k < n; k++, s += ts) {
        dst[d + k] = src[s];
      }
    }
    System.arraycopy(src, srcOff + whole, dst, dstOff + whole, len - whole);
  }

  static void unshuffle(int ts, byte[] src, int srcOff, int len, byte[] dst, int dstOff) {
    int n = len / ts;
    int whole = n * ts;
    if (ts == 1 || n == 0) {
      System.arraycopy(src, srcOff, dst, dstOff, len);
      return;
    }
    int i = 0;
    switch (ts) {
      case 2:
        i = unshuffle2(src, srcOff, n, dst, dstOff);
        break;
      case 4:
        i = unshuffle4(src, srcOff, n, dst, dstOff);
        break;
      case 8:
        i = unshuffle8(src, srcOff, n, dst, dstOff);
        break;
      default:
        break;
    }
    // Generic path and the tail of the SWAR paths: row by row, reads sequential.
    for (int j = 0; j < ts; j++) {
      int s = srcOff + j * n;
      for (int k = i, d = dstOff + i * ts + j; k < n; k++, d += ts) {
        dst[d] = src[s + k];
      }
    }
    System.arraycopy(src, srcOff + whole, dst, dstOff + whole, len - whole);
  }

  /** Transposes the 8x8 byte matrix whose rows are {@code r[0..7]} (byte k of a row = column k). */
  static void transpose8x8Bytes(long[] r) {
    for (int s = 0; s < 8; s += 2) { // swap single bytes between row pairs
      long a = r[s];
      long b = r[s + 1];
      long t = ((a >>> 8) ^ b) & 0x00FF00FF00FF00FFL;
      r[s] = a ^ (t << 8);
      r[s + 1] = b ^ t;
    }
    for (int s = 0; s < 8; s += 4) { // swap 2-byte units between rows two apart
      for (int q = s; q < s + 2; q++) {
        long a = r[q];
        long b = r[q + 2];
        long t = ((a >>> 16) ^ b) & 0x0000FFFF0000FFFFL;
        r[q] = a ^ (t << 16);
        r[q + 2] = b ^ t;
      }
    }
    for (int q = 0; q < 4; q++) { // swap 4-byte units between rows four apart
      long a = r[q];
      long b = r[q + 4];
      long t = ((a >>> 32) ^ b) & 0x00000000FFFFFFFFL;
      r[q] = a ^ (t << 32);
      r[q + 4] = b ^ t;
    }
  }

  /**
   * Eight 2-byte elements per step: rows a, b (byte 0 and 1 of e0..e7). Swapping bytes gives
   * a = (e0, e2, e4, e6), b = (e1, e3, e5, e7); swapping 16-bit units gives a = (e0, e1, e4,
   * e5), b = (e2, e3, e6, e7); the 32-bit halves then pair up.
   */
  private static int unshuffle2(byte[] src, int s, int n, byte[] dst, int d) {
    int s1 = s + n;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      long a = LittleEndian.getLong(src, s + i);
      long b = LittleEndian.getLong(src, s1 + i);
      long t = ((a >>> 8) ^ b) & 0x00FF00FF00FF00FFL;
      a ^= t << 8;
      b ^= t;
      t = ((a >>> 16) ^ b) & 0x0000FFFF0000FFFFL;
      a ^= t << 16;
      b ^= t;
      int o = d + 2 * i;
      LittleEndian.putLong(dst, o, (a & LOW32) | (b << 32));
      LittleEndian.putLong(dst, o + 8, (a >>> 32) | (b & HIGH32));
    }
    return i;
  }

  /** Inverse of {@link #unshuffle2}: the same steps in reverse order. */
  private static int shuffle2(byte[] src, int s, int n, byte[] dst, int d) {
    int d1 = d + n;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      int o = s + 2 * i;
      long x0 = LittleEndian.getLong(src, o); // e0..e3
      long x1 = LittleEndian.getLong(src, o + 8); // e4..e7
      long a = (x0 & LOW32) | (x1 << 32);
      long b = (x0 >>> 32) | (x1 & HIGH32);
      long t = ((a >>> 16) ^ b) & 0x0000FFFF0000FFFFL;
      a ^= t << 16;
      b ^= t;
      t = ((a >>> 8) ^ b) & 0x00FF00FF00FF00FFL;
      a ^= t << 8;
      b ^= t;
      LittleEndian.putLong(dst, d + i, a);
      LittleEndian.putLong(dst, d1 + i, b);
    }
    return i;
  }

  /**
   * Eight 4-byte elements per step. Rows a, b, c, e hold byte 0..3 of elements i..i+7; two
   * rounds of block swaps transpose each 4x4 byte half, leaving a = (e0, e4), b = (e1, e5),
   * c = (e2, e6), e = (e3, e7), which are then paired into output longs.
   */
  private static int unshuffle4(byte[] src, int s, int n, byte[] dst, int d) {
    int s1 = s + n;
    int s2 = s1 + n;
    int s3 = s2 + n;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      long a = LittleEndian.getLong(src, s + i);
      long b = LittleEndian.getLong(src, s1 + i);
      long c = LittleEndian.getLong(src, s2 + i);
      long e = LittleEndian.getLong(src, s3 + i);
      long t = ((a >>> 8) ^ b) & 0x00FF00FF00FF00FFL;
      a ^= t << 8;
      b ^= t;
      t = ((c >>> 8) ^ e) & 0x00FF00FF00FF00FFL;
      c ^= t << 8;
      e ^= t;
      t = ((a >>> 16) ^ c) & 0x0000FFFF0000FFFFL;
      a ^= t << 16;
      c ^= t;
      t = ((b >>> 16) ^ e) & 0x0000FFFF0000FFFFL;
      b ^= t << 16;
      e ^= t;
      int o = d + 4 * i;
      LittleEndian.putLong(dst, o, (a & LOW32) | (b << 32));
      LittleEndian.putLong(dst, o + 8, (c & LOW32) | (e << 32));
      LittleEndian.putLong(dst, o + 16, (a >>> 32) | (b & HIGH32));
      LittleEndian.putLong(dst, o + 24, (c >>> 32) | (e & HIGH32));
    }
    return i;
  }

  /** Inverse of {@link #unshuffle4}: pair halves into (e0, e4)... then transpose back. */
  private static int shuffle4(byte[] src, int s, int n, byte[] dst, int d) {
    int d1 = d + n;
    int d2 = d1 + n;
    int d3 = d2 + n;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      int o = s + 4 * i;
      long x0 = LittleEndian.getLong(src, o); // e0, e1
      long x1 = LittleEndian.getLong(src, o + 8); // e2, e3
      long x2 = LittleEndian.getLong(src, o + 16); // e4, e5
      long x3 = LittleEndian.getLong(src, o + 24); // e6, e7
      long a = (x0 & LOW32) | (x2 << 32);
      long b = (x0 >>> 32) | (x2 & HIGH32);
      long c = (x1 & LOW32) | (x3 << 32);
      long e = (x1 >>> 32) | (x3 & HIGH32);
      long t = ((a >>> 16) ^ c) & 0x0000FFFF0000FFFFL;
      a ^= t << 16;
      c ^= t;
      t = ((b >>> 16) ^ e) & 0x0000FFFF0000FFFFL;
      b ^= t << 16;
      e ^= t;
      t = ((a >>> 8) ^ b) & 0x00FF00FF00FF00FFL;
      a ^= t << 8;
      b ^= t;
      t = ((c >>> 8) ^ e) & 0x00FF00FF00FF00FFL;
      c ^= t << 8;
      e ^= t;
      LittleEndian.putLong(dst, d + i, a);
      LittleEndian.putLong(dst, d1 + i, b);
      LittleEndian.putLong(dst, d2 + i, c);
      LittleEndian.putLong(dst, d3 + i, e);
    }
    return i;
  }

  private static int unshuffle8(byte[] src, int s, int n, byte[] dst, int d) {
    long[] r = new long[8];
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      for (int j = 0; j < 8; j++) {
        r[j] = LittleEndian.getLong(src, s + j * n + i);
      }
      transpose8x8Bytes(r);
      int o = d + 8 * i;
      for (int k = 0; k < 8; k++) {
        LittleEndian.putLong(dst, o + 8 * k, r[k]);
      }
    }
    return i;
  }

  private static int shuffle8(byte[] src, int s, int n, byte[] dst, int d) {
    long[] r = new long[8];
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      int o = s + 8 * i;
      for (int k = 0; k < 8; k++) {
        r[k] = LittleEndian.getLong(src, o + 8 * k);
      }
      transpose8x8Bytes(r);
      for (int j = 0; j < 8; j++) {
        LittleEndian.putLong(dst, d + j * n + i, r[j]);
      }
    }
    return i;
  }
}
