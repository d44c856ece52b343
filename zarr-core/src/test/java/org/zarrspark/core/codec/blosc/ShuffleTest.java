package org.zarrspark.core.codec.blosc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Byte and bit shuffles against straightforward reference implementations of their layouts. */
class ShuffleTest {
  private static final int[] TYPESIZES = {1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17, 255};
  private static final int[] LENGTHS = {0, 1, 7, 8, 15, 16, 63, 64, 65, 127, 128, 200, 255, 256,
      1000, 1024, 4093, 4096, 8200};

  /** Byte j of element i at j * n + i; trailing bytes untouched. */
  static byte[] referenceShuffle(int ts, byte[] src) {
    int n = src.length / ts;
    byte[] out = src.clone();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < ts; j++) {
        out[j * n + i] = src[i * ts + j];
      }
    }
    return out;
  }

  /** Bit b of byte j of element e at bit e % 8 of byte (8 * j + b) * n / 8 + e / 8. */
  static byte[] referenceBitShuffle(int ts, byte[] src) {
    int n = src.length / ts;
    byte[] out = src.clone();
    if (n % 8 != 0) {
      return out;
    }
    java.util.Arrays.fill(out, 0, n * ts, (byte) 0);
    for (int e = 0; e < n; e++) {
      for (int j = 0; j < ts; j++) {
        for (int b = 0; b < 8; b++) {
          int bit = (src[e * ts + j] >>> b) & 1;
          int row = 8 * j + b;
          out[row * (n / 8) + e / 8] |= (byte) (bit << (e % 8));
        }
      }
    }
    return out;
  }

  @Test
  void byteShuffleMatchesReferenceAndInverts() {
    Random r = new Random(1);
    for (int ts : TYPESIZES) {
      for (int len : LENGTHS) {
        byte[] src = new byte[len];
        r.nextBytes(src);
        byte[] shuffled = new byte[len + 5];
        Shuffle.shuffle(ts, src, 0, len, shuffled, 3);
        byte[] got = java.util.Arrays.copyOfRange(shuffled, 3, 3 + len);
        assertArrayEquals(referenceShuffle(ts, src), got, "ts " + ts + " len " + len);
        byte[] back = new byte[len + 2];
        Shuffle.unshuffle(ts, shuffled, 3, len, back, 2);
        assertArrayEquals(src, java.util.Arrays.copyOfRange(back, 2, 2 + len));
      }
    }
  }

  @Test
  void bitShuffleMatchesReferenceAndInverts() {
    Random r = new Random(2);
    for (int ts : TYPESIZES) {
      for (int len : LENGTHS) {
        byte[] src = new byte[len];
        r.nextBytes(src);
        byte[] tmp = new byte[len];
        byte[] shuffled = new byte[len + 1];
        BitShuffle.shuffle(ts, src, 0, len, shuffled, 1, tmp);
        byte[] got = java.util.Arrays.copyOfRange(shuffled, 1, 1 + len);
        assertArrayEquals(referenceBitShuffle(ts, src), got, "ts " + ts + " len " + len);
        byte[] back = new byte[len];
        BitShuffle.unshuffle(ts, shuffled, 1, len, back, 0, tmp);
        assertArrayEquals(src, back, "ts " + ts + " len " + len);
      }
    }
  }

  @Test
  void bitShuffleOfKnownValues() {
    // Eight uint16 values 1, 2, 4, ... 128: bit b of byte 0 set only in element b.
    byte[] src = new byte[16];
    for (int e = 0; e < 8; e++) {
      src[2 * e] = (byte) (1 << e);
    }
    byte[] out = new byte[16];
    BitShuffle.shuffle(2, src, 0, 16, out, 0, new byte[16]);
    // Row b (one byte: 8 elements) has only element b's bit.
    for (int b = 0; b < 8; b++) {
      assertEquals((byte) (1 << b), out[b], "row " + b);
      assertEquals(0, out[8 + b], "high byte row " + b);
    }
  }

  @Test
  void transpose8x8MovesEveryBit() {
    for (int k = 0; k < 8; k++) {
      for (int b = 0; b < 8; b++) {
        long x = 1L << (8 * k + b);
        assertEquals(1L << (8 * b + k), BitShuffle.transpose8x8(x), "bit " + k + "," + b);
      }
    }
    long v = 0x0123456789ABCDEFL;
    assertEquals(v, BitShuffle.transpose8x8(BitShuffle.transpose8x8(v)));
  }
}
