package org.zarrspark.core.codec.blosc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** BloscLZ: hand-assembled streams for each instruction form, and encoder round trips. */
class BlosclzTest {
  private static byte[] b(int... v) {
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) v[i];
    }
    return out;
  }

  private static byte[] decode(byte[] stream, int size) {
    byte[] out = new byte[size];
    int n = BlosclzDecoder.decompress(stream, 0, stream.length, out, 0, size);
    assertEquals(size, n, "decoded size");
    return out;
  }

  @Test
  void literalRunWithLevelMarker() {
    // 0x22 = marker bit 5 + ctrl 2: three literals.
    assertArrayEquals(b('a', 'b', 'c'), decode(b(0x22, 'a', 'b', 'c'), 3));
  }

  @Test
  void shortNearMatch() {
    // "abc", then L=2 (4 bytes) at distance 3 (d = 2), then literal "z".
    byte[] s = b(0x02, 'a', 'b', 'c', (2 << 5), 2, 0x00, 'z');
    assertArrayEquals("abcabcaz".getBytes(), decode(s, 8));
  }

  @Test
  void runOfOneByte() {
    // "x", then L=6 (8 bytes) at distance 1, then "y".
    byte[] s = b(0x00, 'x', (6 << 5), 0, 0x00, 'y');
    assertArrayEquals("xxxxxxxxxy".getBytes(), decode(s, 10));
  }

  @Test
  void longMatchWithExtensionBytes() {
    // "ab", then L = 7 + 255 + 3 = 265 (267 bytes) at distance 2, then "!".
    byte[] s = b(0x01, 'a', 'b', (7 << 5), 255, 3, 1, 0x00, '!');
    byte[] out = decode(s, 2 + 267 + 1);
    for (int i = 0; i < 269; i++) {
      assertEquals(i % 2 == 0 ? 'a' : 'b', out[i]);
    }
    assertEquals('!', out[269]);
  }

  @Test
  void farMatch() {
    // 9000 literal bytes, then a 5-byte match at distance 9000 (far: 9000 - 8192 = 808).
    Random r = new Random(3);
    byte[] lit = new byte[9000];
    r.nextBytes(lit);
    byte[] s = new byte[9000 + (9000 / 32 + 1) + 4 + 2];
    int o = 0;
    for (int i = 0; i < 9000; i += 32) {
      int k = Math.min(32, 9000 - i);
      s[o++] = (byte) (k - 1);
      System.arraycopy(lit, i, s, o, k);
      o += k;
    }
    s[o++] = (byte) ((3 << 5) | 31);
    s[o++] = (byte) 255;
    s[o++] = (byte) (808 >>> 8);
    s[o++] = (byte) 808;
    s[o++] = 0;
    s[o++] = 7;
    byte[] out = new byte[9006];
    assertEquals(9006, BlosclzDecoder.decompress(s, 0, o, out, 0, out.length));
    assertArrayEquals(Arrays.copyOf(lit, 5), Arrays.copyOfRange(out, 9000, 9005));
    assertEquals(7, out[9005]);
  }

  @Test
  void malformedStreamsAreRejected() {
    byte[] out = new byte[16];
    // Match reaching before the start of the output.
    assertEquals(-1, BlosclzDecoder.decompress(b(0x00, 'a', (1 << 5), 5, 0, 'b'), 0, 6, out, 0,
        16));
    // Literal run longer than the input.
    assertEquals(-1, BlosclzDecoder.decompress(b(0x05, 'a', 'b'), 0, 3, out, 0, 16));
    // Literal run longer than the output.
    assertEquals(-1, BlosclzDecoder.decompress(b(0x05, 1, 2, 3, 4, 5, 6), 0, 7, out, 0, 3));
    // Match longer than the output.
    assertEquals(-1, BlosclzDecoder.decompress(b(0x00, 'a', (6 << 5), 0, 0, 'b'), 0, 6, out, 0,
        4));
    // Cut in the middle of a long match's extension bytes.
    assertEquals(-1, BlosclzDecoder.decompress(b(0x00, 'a', (7 << 5), 255), 0, 4, out, 0, 16));
    // Cut in the middle of a far distance.
    assertEquals(-1, BlosclzDecoder.decompress(b(0x00, 'a', (1 << 5) | 31, 255, 1), 0, 5, out, 0,
        16));
    // Endless extension bytes must not overflow the length.
    byte[] ff = new byte[100_000];
    Arrays.fill(ff, (byte) 255);
    ff[0] = 0;
    ff[1] = 'a';
    ff[2] = (byte) (7 << 5);
    assertEquals(-1, BlosclzDecoder.decompress(ff, 0, ff.length, out, 0, 16));
  }

  @Test
  void encoderRoundTrips() {
    Random r = new Random(4);
    BlosclzEncoder enc = new BlosclzEncoder();
    for (int len : new int[] {16, 17, 31, 100, 128, 1000, 4096, 65536, 300_000}) {
      for (int kind = 0; kind < 5; kind++) {
        byte[] src = data(r, kind, len);
        byte[] c = new byte[len];
        int n = enc.compress(src, 0, len, c, 0, len - 1);
        if (kind != 1 && len >= 128) {
          assertTrue(n > 0, "compressible data kind " + kind + " len " + len);
        }
        if (n > 0) {
          assertTrue((c[0] & 0xE0) == 0x20, "level marker");
          byte[] out = new byte[len];
          assertEquals(len, BlosclzDecoder.decompress(c, 0, n, out, 0, len));
          assertArrayEquals(src, out, "kind " + kind + " len " + len);
        }
      }
    }
  }

  @Test
  void encoderUsesFarMatches() {
    // A 20 KB block of 16-letter text, repeated: the repeat lies beyond the 8 KB near window,
    // so only far matches make the second copy cheap.
    Random r = new Random(5);
    byte[] block = new byte[20000];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) ('a' + r.nextInt(16));
    }
    byte[] src = new byte[40000];
    System.arraycopy(block, 0, src, 0, 20000);
    System.arraycopy(block, 0, src, 20000, 20000);
    byte[] c = new byte[40000];
    int once = new BlosclzEncoder().compress(block, 0, block.length, c, 0, c.length - 1);
    int n = new BlosclzEncoder().compress(src, 0, src.length, c, 0, c.length - 1);
    assertTrue(once > 0 && n > 0 && n < once + once / 4, "once " + once + ", twice " + n);
    byte[] out = new byte[40000];
    assertEquals(40000, BlosclzDecoder.decompress(c, 0, n, out, 0, out.length));
    assertArrayEquals(src, out);
  }

  /** 0 zeros, 1 random, 2 small alphabet, 3 repeated words, 4 slowly varying ints. */
  static byte[] data(Random r, int kind, int len) {
    byte[] d = new byte[len];
    switch (kind) {
      case 0:
        break;
      case 1:
        r.nextBytes(d);
        break;
      case 2:
        for (int i = 0; i < len; i++) {
          d[i] = (byte) ('a' + r.nextInt(4));
        }
        break;
      case 3: {
        byte[] w = "the quick brown fox ".getBytes();
        for (int i = 0; i < len; i++) {
          d[i] = w[(i + i / 997) % w.length];
        }
        break;
      }
      default:
        for (int i = 0; i + 4 <= len; i += 4) {
          LittleEndian.putInt(d, i, i / 40 + r.nextInt(2));
        }
    }
    return d;
  }
}
