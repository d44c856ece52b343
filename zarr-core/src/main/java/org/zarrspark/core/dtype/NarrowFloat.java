package org.zarrspark.core.dtype;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The floating-point formats narrower than float16 that zarr-extensions registers (bfloat16, the
 * float8, float6 and float4 variants; tensorstore's float8_e4m3fn too): sign, exponent and mantissa
 * widths, bias, and which bit patterns are NaN or infinity. Every value of each is a float32
 * exactly, so readers widen them to float32. Sub-byte formats take one byte each with the bytes
 * codec, the upper bits ignored.
 */
public final class NarrowFloat {
  /** Which bit patterns are special. */
  public enum Specials {
    /** IEEE 754 style: all-ones exponent is infinity (mantissa 0) or NaN. */
    IEEE,
    /** OCP "fn": no infinities, NaN only with every exponent and mantissa bit set. */
    FN,
    /** "fnuz": no infinities, no negative zero, NaN is the sign bit alone. */
    FNUZ,
    /** Unsigned exponent-only scale (e8m0fnu): no zero, no infinities, NaN is 0xff. */
    E8M0,
    /** No NaN and no infinities (float6 / float4). */
    NONE
  }

  public static final NarrowFloat BFLOAT16 = new NarrowFloat("bfloat16", 8, 7, 127, Specials.IEEE);
  public static final NarrowFloat FLOAT8_E3M4 = new NarrowFloat("float8_e3m4", 3, 4, 3, Specials.IEEE);
  public static final NarrowFloat FLOAT8_E4M3 = new NarrowFloat("float8_e4m3", 4, 3, 7, Specials.IEEE);
  public static final NarrowFloat FLOAT8_E5M2 = new NarrowFloat("float8_e5m2", 5, 2, 15, Specials.IEEE);
  public static final NarrowFloat FLOAT8_E4M3FN = new NarrowFloat("float8_e4m3fn", 4, 3, 7, Specials.FN);
  public static final NarrowFloat FLOAT8_E4M3FNUZ = new NarrowFloat("float8_e4m3fnuz", 4, 3, 8, Specials.FNUZ);
  public static final NarrowFloat FLOAT8_E4M3B11FNUZ =
      new NarrowFloat("float8_e4m3b11fnuz", 4, 3, 11, Specials.FNUZ);
  public static final NarrowFloat FLOAT8_E5M2FNUZ = new NarrowFloat("float8_e5m2fnuz", 5, 2, 16, Specials.FNUZ);
  public static final NarrowFloat FLOAT8_E8M0FNU = new NarrowFloat("float8_e8m0fnu", 8, 0, 127, Specials.E8M0);
  public static final NarrowFloat FLOAT6_E2M3FN = new NarrowFloat("float6_e2m3fn", 2, 3, 1, Specials.NONE);
  public static final NarrowFloat FLOAT6_E3M2FN = new NarrowFloat("float6_e3m2fn", 3, 2, 3, Specials.NONE);
  public static final NarrowFloat FLOAT4_E2M1FN = new NarrowFloat("float4_e2m1fn", 2, 1, 1, Specials.NONE);

  private static final Map<String, NarrowFloat> BY_NAME = Stream.of(BFLOAT16, FLOAT8_E3M4, FLOAT8_E4M3,
      FLOAT8_E5M2, FLOAT8_E4M3FN, FLOAT8_E4M3FNUZ, FLOAT8_E4M3B11FNUZ, FLOAT8_E5M2FNUZ, FLOAT8_E8M0FNU,
      FLOAT6_E2M3FN, FLOAT6_E3M2FN, FLOAT4_E2M1FN).collect(Collectors.toMap(f -> f.name, Function.identity()));

  private final String name;
  private final int exponentBits;
  private final int mantissaBits;
  private final int bias;
  private final Specials specials;
  private final int bits;
  /** Widened value of every pattern, for formats of at most 8 bits (bfloat16 widens by a shift). */
  private final float[] table;
  /** Sorted distinct finite non-negative values and, for each, its bit pattern. */
  private volatile double[] finite;
  private volatile int[] finitePatterns;

  private NarrowFloat(String name, int exponentBits, int mantissaBits, int bias, Specials specials) {
    this.name = name;
    this.exponentBits = exponentBits;
    this.mantissaBits = mantissaBits;
    this.bias = bias;
    this.specials = specials;
    this.bits = exponentBits + mantissaBits + (specials == Specials.E8M0 ? 0 : 1);
    if (bits <= 8) {
      table = new float[256];
      for (int b = 0; b < 256; b++) {
        table[b] = compute(b & ((1 << bits) - 1));
      }
    } else {
      table = null;
    }
  }

  /** The format of a registered data type name, or null. */
  public static NarrowFloat byName(String name) {
    return BY_NAME.get(name);
  }

  /** All formats, for messages. */
  public static String names() {
    return BY_NAME.keySet().stream().sorted().collect(Collectors.joining(", "));
  }

  public String name() {
    return name;
  }

  /** Bits of one value (16, 8, 6 or 4). */
  public int bits() {
    return bits;
  }

  /** Bytes one element takes with the bytes codec. */
  public int itemSize() {
    return bits > 8 ? 2 : 1;
  }

  public boolean hasInfinity() {
    return specials == Specials.IEEE;
  }

  public boolean hasNaN() {
    return specials != Specials.NONE;
  }

  /** The bit pattern the registry names for "NaN"; -1 when the format has none. */
  public int nanPattern() {
    switch (specials) {
      case IEEE:
        // quiet NaN: exponent all ones, top mantissa bit set (0x7fc0, 0x7c, 0x7e, 0x78)
        return ((1 << exponentBits) - 1) << mantissaBits | 1 << (mantissaBits - 1);
      case FN:
        return (1 << (bits - 1)) - 1;
      case FNUZ:
        return 1 << (bits - 1);
      case E8M0:
        return 0xff;
      default:
        return -1;
    }
  }

  /** The value of a stored element (its upper bits beyond the format ignored). */
  public float toFloat(int pattern) {
    if (table != null) {
      return table[pattern & 0xff];
    }
    return Float.intBitsToFloat((pattern & 0xffff) << 16);
  }

  private float compute(int b) {
    if (specials == Specials.E8M0) {
      return b == 0xff ? Float.NaN : (float) Math.scalb(1.0, b - bias);
    }
    int sign = (b >>> (bits - 1)) & 1;
    int e = (b >>> mantissaBits) & ((1 << exponentBits) - 1);
    int m = b & ((1 << mantissaBits) - 1);
    int eMax = (1 << exponentBits) - 1;
    switch (specials) {
      case IEEE:
        if (e == eMax) {
          return m != 0 ? Float.NaN : sign != 0 ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        }
        break;
      case FN:
        if (e == eMax && m == (1 << mantissaBits) - 1) {
          return Float.NaN;
        }
        break;
      case FNUZ:
        if (b == 1 << (bits - 1)) {
          return Float.NaN;
        }
        break;
      default:
        break;
    }
    double v = e == 0
        ? Math.scalb((double) m, 1 - bias - mantissaBits)
        : Math.scalb((double) ((1 << mantissaBits) + m), e - bias - mantissaBits);
    return (float) (sign != 0 ? -v : v);
  }

  private void buildFinite() {
    if (finite != null) {
      return;
    }
    int n = 1 << bits;
    double[] vals = new double[n];
    int[] pats = new int[n];
    int k = 0;
    for (int b = 0; b < n; b++) {
      float f = toFloat(b);
      if (Float.isFinite(f) && (f > 0 || (f == 0 && Float.floatToRawIntBits(f) == 0))) {
        vals[k] = f;
        pats[k++] = b;
      }
    }
    Integer[] order = new Integer[k];
    for (int i = 0; i < k; i++) {
      order[i] = i;
    }
    final double[] v0 = vals;
    Arrays.sort(order, (a, c) -> Double.compare(v0[a], v0[c]));
    double[] sv = new double[k];
    int[] sp = new int[k];
    for (int i = 0; i < k; i++) {
      sv[i] = vals[order[i]];
      sp[i] = pats[order[i]];
    }
    finitePatterns = sp;
    finite = sv;
  }

  /**
   * The bit pattern nearest to {@code d} (ties to the even pattern); -1 when {@code d} is out of
   * the format's range and it has no infinity to round to, or is NaN and it has no NaN.
   */
  public int fromDouble(double d) {
    if (Double.isNaN(d)) {
      return nanPattern();
    }
    int signBit = specials == Specials.E8M0 ? 0 : 1 << (bits - 1);
    boolean negative = d < 0 || (d == 0 && 1 / d < 0);
    if (negative && specials == Specials.E8M0) {
      return -1;
    }
    double a = Math.abs(d);
    buildFinite();
    double[] v = finite;
    int[] p = finitePatterns;
    double max = v[v.length - 1];
    int pattern;
    if (a == 0 && specials == Specials.E8M0) {
      return -1;
    }
    if (a > max) {
      double ulp = max - v[v.length - 2];
      if (hasInfinity() && a >= max + ulp / 2) {
        pattern = ((1 << exponentBits) - 1) << mantissaBits;
      } else if (a < max + ulp / 2) {
        pattern = p[v.length - 1];
      } else {
        return -1;
      }
    } else {
      int i = Arrays.binarySearch(v, a);
      if (i >= 0) {
        pattern = p[i];
      } else {
        int hi = -i - 1;
        if (hi == 0) {
          pattern = p[0]; // below the smallest value (e8m0 has no zero)
        } else {
          int lo = hi - 1;
          double dl = a - v[lo];
          double dh = v[hi] - a;
          pattern = dl < dh ? p[lo] : dh < dl ? p[hi] : ((p[lo] & 1) == 0 ? p[lo] : p[hi]);
        }
      }
    }
    if (negative && pattern != 0) {
      return pattern | signBit;
    }
    if (negative) {
      return specials == Specials.FNUZ ? 0 : signBit; // fnuz has no negative zero
    }
    return pattern;
  }

  /**
   * The shortest decimal text that reads back as {@code f} at this format's precision (f must be a
   * value of the format): non-finite values as NaN / Infinity / -Infinity.
   */
  public String shortest(float f) {
    if (Float.isNaN(f)) {
      return "NaN";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? "Infinity" : "-Infinity";
    }
    if (f == 0) {
      return Float.floatToRawIntBits(f) == 0 ? "0.0" : "-0.0";
    }
    buildFinite();
    double a = Math.abs((double) f);
    int i = Arrays.binarySearch(finite, a);
    if (i < 0) {
      return Float.toString(f);
    }
    // A decimal strictly inside the rounding interval of f reads back as f whatever the tie rule.
    BigDecimal exact = new BigDecimal(a);
    BigDecimal below = new BigDecimal(i > 0 ? (a - finite[i - 1]) / 2 : a / 2);
    BigDecimal above = i + 1 < finite.length ? new BigDecimal((finite[i + 1] - a) / 2) : below;
    for (int p = 1; p < 40; p++) {
      BigDecimal r = exact.round(new MathContext(p));
      BigDecimal diff = r.subtract(exact);
      if (diff.signum() >= 0 ? diff.compareTo(above) < 0 : diff.negate().compareTo(below) < 0) {
        return (f < 0 ? "-" : "") + plain(r);
      }
    }
    return Float.toString(f);
  }

  private static String plain(BigDecimal r) {
    BigDecimal s = r.stripTrailingZeros();
    int exp = s.precision() - s.scale() - 1;
    if (exp < -6 || exp > 9) {
      return s.toString().replace("E+", "E");
    }
    String t = s.toPlainString();
    return t.contains(".") ? t : t + ".0";
  }

  @Override
  public String toString() {
    return name.toLowerCase(Locale.ROOT);
  }
}
