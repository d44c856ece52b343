package org.zarrspark.core.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;

/** Text of one element as `bin/zarr cat` prints it: raw stored values, no CF decoding. */
public final class ValueFormat {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private ValueFormat() {}

  public static String format(NdBuffer b, int i) {
    DataType t = b.type();
    switch (t.kind()) {
      case BOOL:
        return b.getBoolean(i) ? "true" : "false";
      case INT:
        return Long.toString(b.getAsLong(i));
      case UINT:
        return t.itemSize() == 8 ? Long.toUnsignedString(b.getLong(i)) : Long.toString(b.getAsLong(i));
      case FLOAT:
        return t.itemSize() == 8 ? shortest(b.getDouble(i)) : shortest((float) b.getAsDouble(i));
      case COMPLEX: {
        int half = t.itemSize() / 2;
        byte[] e = b.getElementBytes(i);
        NdBuffer parts = NdBuffer.wrap(DataType.of(DataType.Kind.FLOAT, half), new int[] {2}, e);
        String re = half == 8 ? shortest(parts.getDouble(0)) : shortest(parts.getFloat(0));
        double imv = parts.getAsDouble(1);
        String im = half == 8 ? shortest(imv) : shortest((float) imv);
        return "(" + re + (im.startsWith("-") || Double.isNaN(imv) && im.startsWith("-") ? "" : "+") + im + "j)";
      }
      case DATETIME:
        return datetime(b.getLong(i), t.unit(), t.unitScale());
      case TIMEDELTA:
        return timedelta(b.getLong(i), t.unitScale());
      case NARROW_FLOAT:
        return t.narrowFloat().shortest(b.getNarrowFloat(i));
      case BYTES:
        return bytes(b.getElementBytes(i));
      case UNICODE:
        return utf32(b.getElementBytes(i));
      case STRING:
        return b.getString(i);
      case VLEN_BYTES:
        return hex((byte[]) b.objects()[i], ((byte[]) b.objects()[i]).length);
      case STRUCT: {
        StringBuilder sb = new StringBuilder();
        struct(b.bytes(), i * t.itemSize(), t, sb);
        return sb.toString();
      }
      default:
        throw new IllegalStateException(t.toString());
    }
  }

  /** True when the kind is text that needs CSV quoting. */
  public static boolean isText(DataType t) {
    return t.kind() == DataType.Kind.STRING || t.kind() == DataType.Kind.UNICODE || t.kind() == DataType.Kind.BYTES
        || t.kind() == DataType.Kind.STRUCT;
  }

  /** Shortest decimal that parses back to the same double. */
  public static String shortest(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    String s = Double.toString(d);
    // Java 17's Double.toString can print one digit too many (JDK-4511638): try shorter forms.
    if (significantDigits(s) >= 16) {
      BigDecimal exact = new BigDecimal(d);
      for (int p = 1; p < 17; p++) {
        BigDecimal r = exact.round(new MathContext(p));
        if (r.doubleValue() == d) {
          return Double.toString(r.doubleValue()).length() <= s.length() ? tidy(r, s) : s;
        }
      }
    }
    return s;
  }

  /** Shortest decimal that parses back to the same float. */
  public static String shortest(float f) {
    if (Float.isNaN(f)) {
      return "NaN";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? "Infinity" : "-Infinity";
    }
    String s = Float.toString(f);
    if (significantDigits(s) >= 8) {
      BigDecimal exact = new BigDecimal(f);
      for (int p = 1; p < 9; p++) {
        BigDecimal r = exact.round(new MathContext(p));
        if (r.floatValue() == f) {
          return tidy(r, s);
        }
      }
    }
    return s;
  }

  private static String tidy(BigDecimal r, String fallback) {
    String t = r.stripTrailingZeros().toString();
    return t.length() <= fallback.length() ? t : fallback;
  }

  private static int significantDigits(String s) {
    int n = 0;
    boolean leading = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 'E') {
        break;
      }
      if (c >= '1' && c <= '9') {
        leading = false;
      }
      if (Character.isDigit(c) && !leading) {
        n++;
      }
    }
    return n;
  }

  /** ISO-8601 in UTC at the unit's precision; NaT for not-a-time; raw ticks out of range. */
  public static String datetime(long v, String unit, long scale) {
    if (v == Long.MIN_VALUE) {
      return "NaT";
    }
    try {
      long x = Math.multiplyExact(v, scale);
      switch (unit) {
        case "Y":
          return String.format("%04d", 1970 + x);
        case "M": {
          long y = Math.floorDiv(x, 12);
          return String.format("%04d-%02d", 1970 + y, Math.floorMod(x, 12) + 1);
        }
        case "W":
          return LocalDateTime.ofEpochSecond(Math.multiplyExact(x, 7 * 86400L), 0, ZoneOffset.UTC).toLocalDate().toString();
        case "D":
          return LocalDateTime.ofEpochSecond(Math.multiplyExact(x, 86400L), 0, ZoneOffset.UTC).toLocalDate().toString();
        case "h":
          return seconds(Math.multiplyExact(x, 3600L), 0, 0);
        case "m":
          return seconds(Math.multiplyExact(x, 60L), 0, 0);
        case "s":
          return seconds(x, 0, 0);
        case "ms":
          return seconds(Math.floorDiv(x, 1000L), Math.floorMod(x, 1000L) * 1_000_000L, 3);
        case "us":
          return seconds(Math.floorDiv(x, 1_000_000L), Math.floorMod(x, 1_000_000L) * 1000L, 6);
        case "ns":
          return seconds(Math.floorDiv(x, 1_000_000_000L), Math.floorMod(x, 1_000_000_000L), 9);
        default:
          return Long.toString(v);
      }
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return Long.toString(v);
    }
  }

  private static String seconds(long epochSecond, long nanos, int digits) {
    if (epochSecond < Instant.MIN.getEpochSecond() / 2 || epochSecond > 253402300799L) {
      throw new ArithmeticException("outside ISO years");
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, (int) nanos, ZoneOffset.UTC);
    if (t.getYear() < 0) {
      throw new ArithmeticException("negative year");
    }
    String s = SECONDS.format(t);
    if (digits > 0) {
      String frac = String.format("%09d", nanos).substring(0, digits);
      s = s + "." + frac;
    }
    return s + "Z";
  }

  /**
   * A timedelta64 element as an integer count of its base unit (stored count times the scale
   * factor; exact, also past 64 bits), or NaT.
   */
  public static String timedelta(long v, long scale) {
    if (v == Long.MIN_VALUE) {
      return "NaT";
    }
    long hi = Math.multiplyHigh(v, scale);
    long lo = v * scale;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return Long.toString(lo);
    }
    return java.math.BigInteger.valueOf(v).multiply(java.math.BigInteger.valueOf(scale)).toString();
  }

  /**
   * One struct record as a JSON object, field name to value: numbers as numbers (non-finite
   * floats as "NaN" / "Infinity" / "-Infinity"), datetimes as ISO text, text as strings, nested
   * structs as objects.
   */
  private static void struct(byte[] bytes, int base, DataType t, StringBuilder sb) {
    sb.append('{');
    boolean first = true;
    for (DataType.Field f : t.fields()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      jsonString(f.name(), sb);
      sb.append(": ");
      DataType ft = f.type();
      int at = base + f.offset();
      if (ft.kind() == DataType.Kind.STRUCT) {
        struct(bytes, at, ft, sb);
        continue;
      }
      NdBuffer one = NdBuffer.wrap(ft, new int[] {1}, java.util.Arrays.copyOfRange(bytes, at, at + ft.itemSize()));
      String v = format(one, 0);
      switch (ft.kind()) {
        case BOOL:
        case INT:
        case UINT:
          sb.append(v);
          break;
        case FLOAT:
        case NARROW_FLOAT:
          if (v.equals("NaN") || v.endsWith("Infinity")) {
            jsonString(v, sb);
          } else {
            sb.append(v);
          }
          break;
        case TIMEDELTA:
          if (v.equals("NaT")) {
            jsonString(v, sb);
          } else {
            sb.append(v);
          }
          break;
        default:
          jsonString(v, sb);
          break;
      }
    }
    sb.append('}');
  }

  private static void jsonString(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  private static String bytes(byte[] e) {
    int n = e.length;
    while (n > 0 && e[n - 1] == 0) {
      n--;
    }
    boolean printable = true;
    for (int i = 0; i < n; i++) {
      printable &= e[i] >= 0x20 && e[i] < 0x7f;
    }
    if (printable) {
      return new String(e, 0, n, StandardCharsets.US_ASCII);
    }
    // Raw bytes that are not plain text are spelled in hex, as the fixtures' CSVs do.
    return hex(e, n);
  }

  /** "hex:" and the first {@code n} bytes in lowercase hex ("hex:" alone when empty). */
  private static String hex(byte[] e, int n) {
    StringBuilder sb = new StringBuilder(4 + 2 * n).append("hex:");
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit((e[i] >> 4) & 0xf, 16)).append(Character.forDigit(e[i] & 0xf, 16));
    }
    return sb.toString();
  }

  private static String utf32(byte[] e) {
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p + 4 <= e.length; p += 4) {
      int cp = (e[p] & 0xff) | (e[p + 1] & 0xff) << 8 | (e[p + 2] & 0xff) << 16 | (e[p + 3] & 0xff) << 24;
      if (cp == 0) {
        break;
      }
      if (Character.isValidCodePoint(cp)) {
        sb.appendCodePoint(cp);
      } else {
        sb.append('\uFFFD');
      }
    }
    return sb.toString();
  }

  /** Quotes a CSV field when it holds a comma, quote or line break. */
  public static String csvQuote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
