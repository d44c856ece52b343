package org.zarrspark.core.codec.compress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test inputs: sizes 0, 1, odd, a few MB; random, patterned, text-like and constant bytes. */
public final class TestData {
  private TestData() {}

  public static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  public static byte[] patterned(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ((i % 13) * 7 + (i / 1000));
    }
    return b;
  }

  public static byte[] text(int n) {
    byte[] words = "the quick brown fox jumps over the lazy zarr chunk 0123456789 ".getBytes(StandardCharsets.US_ASCII);
    byte[] b = new byte[n];
    Random r = new Random(n);
    for (int i = 0; i < n; i++) {
      b[i] = words[(i + r.nextInt(3)) % words.length];
    }
    return b;
  }

  /** Mixed content of a few MB: random blocks, runs of zeros, text, a float ramp. */
  public static byte[] mixed(int n) {
    byte[] b = new byte[n];
    Random r = new Random(42);
    int i = 0;
    while (i < n) {
      int len = Math.min(n - i, 1 + r.nextInt(200_000));
      switch (r.nextInt(4)) {
        case 0: {
          byte[] x = new byte[len];
          r.nextBytes(x);
          System.arraycopy(x, 0, b, i, len);
          break;
        }
        case 1:
          break; // zeros
        case 2:
          System.arraycopy(text(len), 0, b, i, len);
          break;
        default:
          for (int k = 0; k + 4 <= len; k += 4) {
            int f = Float.floatToIntBits((i + k) * 0.25f);
            b[i + k] = (byte) f;
            b[i + k + 1] = (byte) (f >> 8);
            b[i + k + 2] = (byte) (f >> 16);
            b[i + k + 3] = (byte) (f >> 24);
          }
      }
      i += len;
    }
    return b;
  }

  /** Named inputs for round trips. */
  public static List<Object[]> inputs() {
    List<Object[]> out = new ArrayList<>();
    out.add(new Object[] {"empty", new byte[0]});
    out.add(new Object[] {"one byte", new byte[] {42}});
    out.add(new Object[] {"7 random", random(7, 7)});
    out.add(new Object[] {"1001 random", random(1001, 1)});
    out.add(new Object[] {"4099 patterned", patterned(4099)});
    out.add(new Object[] {"65537 zeros", new byte[65537]});
    out.add(new Object[] {"30001 text", text(30001)});
    out.add(new Object[] {"3 MB mixed", mixed(3 * 1024 * 1024 + 3)});
    return out;
  }
}
