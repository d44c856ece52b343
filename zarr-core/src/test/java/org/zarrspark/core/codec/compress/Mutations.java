package org.zarrspark.core.codec.compress;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.error.ZarrException;

/** Seeded damage of valid encodings: bit flips, byte writes, cuts, insertions, deletions, garbage. */
public final class Mutations {
  private Mutations() {}

  public static byte[] mutate(byte[] valid, Random r) {
    byte[] b = valid.clone();
    int op = r.nextInt(9);
    int n = b.length;
    switch (op) {
      case 0: // flip 1..4 bits, often in the header
      case 1: {
        if (n == 0) {
          return new byte[] {(byte) r.nextInt()};
        }
        int flips = 1 + r.nextInt(4);
        for (int i = 0; i < flips; i++) {
          int pos = r.nextBoolean() ? r.nextInt(Math.min(n, 32)) : r.nextInt(n);
          b[pos] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
      }
      case 2: { // overwrite bytes with random or extreme values
        if (n == 0) {
          return new byte[] {0};
        }
        int k = 1 + r.nextInt(3);
        for (int i = 0; i < k; i++) {
          int pos = r.nextBoolean() ? r.nextInt(Math.min(n, 24)) : r.nextInt(n);
          int v = r.nextInt(4);
          b[pos] = (byte) (v == 0 ? 0 : v == 1 ? 0xFF : v == 2 ? 0x7F : r.nextInt());
        }
        return b;
      }
      case 3: // truncate
        return Arrays.copyOf(b, n == 0 ? 0 : r.nextInt(n));
      case 4: { // append
        byte[] extra = new byte[1 + r.nextInt(16)];
        r.nextBytes(extra);
        return CompressorFormatTest.cat(b, r.nextBoolean() ? extra : b);
      }
      case 5: { // insert
        int pos = n == 0 ? 0 : r.nextInt(n);
        byte[] extra = new byte[1 + r.nextInt(8)];
        r.nextBytes(extra);
        return CompressorFormatTest.cat(Arrays.copyOf(b, pos), extra, Arrays.copyOfRange(b, pos, n));
      }
      case 6: { // delete a range
        if (n < 2) {
          return new byte[0];
        }
        int from = r.nextInt(n - 1);
        int to = Math.min(n, from + 1 + r.nextInt(16));
        return CompressorFormatTest.cat(Arrays.copyOf(b, from), Arrays.copyOfRange(b, to, n));
      }
      case 7: { // keep the first bytes, replace the rest with garbage
        int keep = n == 0 ? 0 : r.nextInt(Math.min(n, 40) + 1);
        byte[] g = new byte[r.nextInt(200)];
        r.nextBytes(g);
        return CompressorFormatTest.cat(Arrays.copyOf(b, keep), g);
      }
      default: { // swap two bytes
        if (n < 2) {
          return b;
        }
        int i = r.nextInt(n);
        int j = r.nextInt(n);
        byte t = b[i];
        b[i] = b[j];
        b[j] = t;
        return b;
      }
    }
  }

  /**
   * Decodes {@code variants} damaged copies of each valid encoding; only {@link ZarrException}s
   * may escape. Returns how many decodes failed (with a ZarrException).
   */
  public static int fuzz(BytesCodec codec, byte[][] valid, int[] bounds, int variants, long seed) {
    Random r = new Random(seed);
    int failures = 0;
    for (int v = 0; v < variants; v++) {
      int which = v % valid.length;
      byte[] m = mutate(valid[which], r);
      try {
        codec.decode(m, bounds[which]);
      } catch (ZarrException e) {
        failures++;
        if (e.getMessage() == null || e.getMessage().isEmpty()) {
          fail(codec + ": empty message for variant " + v + " (seed " + seed + ")");
        }
      } catch (Throwable t) {
        fail(codec + ": variant " + v + " (seed " + seed + ", input " + ChunkFixtures.hex(Arrays.copyOf(m, Math.min(m.length, 64)))
            + "...) raised " + t, t);
      }
    }
    return failures;
  }
}
