package org.zarrspark.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.zarrspark.core.chunk.Float16;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.dtype.NarrowFloat;
import org.zarrspark.core.error.InvalidMetadataException;

/**
 * Fill values in every spelling the specs and writers use, turned into one element: its
 * little-endian bytes, a String for variable-length strings, or null (zeros) when unset.
 */
public final class FillValues {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private FillValues() {}

  public static Object parse(JsonNode v, DataType type) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return type.kind() == DataType.Kind.VLEN_BYTES ? new byte[0] : type.isVariableLength() ? "" : null;
    }
    try {
      switch (type.kind()) {
        case BOOL:
          if (v.isBoolean()) {
            return new byte[] {(byte) (v.booleanValue() ? 1 : 0)};
          }
          if (v.isIntegralNumber()) {
            return new byte[] {(byte) (v.bigIntegerValue().signum() != 0 ? 1 : 0)};
          }
          break;
        case INT:
        case UINT:
          return integer(v, type);
        case FLOAT:
          return floating(v, type.itemSize());
        case COMPLEX:
          if (v.isArray() && v.size() == 2) {
            int half = type.itemSize() / 2;
            byte[] re = floating(v.get(0), half);
            byte[] im = floating(v.get(1), half);
            byte[] out = new byte[type.itemSize()];
            System.arraycopy(re, 0, out, 0, half);
            System.arraycopy(im, 0, out, half, half);
            return out;
          }
          break;
        case DATETIME:
        case TIMEDELTA:
          if (v.isTextual() && v.textValue().equals("NaT")) {
            return le(Long.MIN_VALUE, 8);
          }
          if (v.isIntegralNumber()) {
            return le(v.bigIntegerValue().longValueExact(), 8);
          }
          break;
        case BYTES:
          return bytes(v, type.itemSize());
        case UNICODE:
          if (v.isTextual()) {
            return utf32(v.textValue(), type.itemSize());
          }
          break;
        case NARROW_FLOAT:
          return narrow(v, type.narrowFloat());
        case VLEN_BYTES:
          if (v.isTextual() || v.isArray()) {
            return bytes(v, -1);
          }
          break;
        case STRUCT:
          return struct(v, type);
        case STRING:
          if (v.isTextual()) {
            return v.textValue();
          }
          if (v.isNumber() && v.asInt() == 0) {
            return "";
          }
          break;
        default:
          break;
      }
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw new InvalidMetadataException("fill_value " + v + " does not fit data type " + type, e);
    }
    throw new InvalidMetadataException("fill_value " + v + " is not a valid value of data type " + type);
  }

  /** A narrow float: a number (rounded to the nearest value), NaN / Infinity, or "0x.." raw bits. */
  private static byte[] narrow(JsonNode v, NarrowFloat f) {
    int pattern;
    if (v.isNumber()) {
      pattern = f.fromDouble(v.isIntegralNumber() || v.isBigDecimal() ? v.decimalValue().doubleValue() : v.doubleValue());
    } else if (v.isTextual()) {
      String s = v.textValue();
      switch (s) {
        case "NaN":
          pattern = f.nanPattern();
          break;
        case "Infinity":
        case "-Infinity":
          pattern = f.hasInfinity() ? f.fromDouble(s.startsWith("-") ? Double.NEGATIVE_INFINITY
              : Double.POSITIVE_INFINITY) : -1;
          break;
        default:
          if (s.startsWith("0x") && s.length() > 2 && s.length() <= 2 + 2 * f.itemSize()) {
            pattern = Integer.parseInt(s.substring(2), 16);
            break;
          }
          throw new InvalidMetadataException("fill_value '" + s + "' is not a " + f.name() + " value");
      }
    } else {
      throw new InvalidMetadataException("fill_value " + v + " is not a " + f.name() + " value");
    }
    if (pattern < 0) {
      throw new InvalidMetadataException("fill_value " + v + " has no representation in " + f.name());
    }
    return le(pattern, f.itemSize());
  }

  /** A struct: an object with every field's fill value, or (legacy "structured") base64 of the record. */
  private static byte[] struct(JsonNode v, DataType type) {
    byte[] out = new byte[type.itemSize()];
    if (v.isTextual()) {
      byte[] raw = Base64.getDecoder().decode(v.textValue());
      if (raw.length != out.length) {
        throw new InvalidMetadataException("fill_value " + v + " holds " + raw.length + " bytes, the struct "
            + out.length);
      }
      return raw;
    }
    if (!v.isObject()) {
      throw new InvalidMetadataException("fill_value " + v + " of a struct must be an object of its fields");
    }
    for (DataType.Field f : type.fields()) {
      JsonNode x = v.get(f.name());
      if (x == null) {
        throw new InvalidMetadataException("fill_value " + v + " has no value for struct field '" + f.name() + "'");
      }
      Object b;
      try {
        b = parse(x, f.type());
      } catch (InvalidMetadataException e) {
        throw new InvalidMetadataException("struct field '" + f.name() + "': " + e.getMessage(), e);
      }
      if (b != null) {
        System.arraycopy((byte[]) b, 0, out, f.offset(), f.type().itemSize());
      }
    }
    return out;
  }

  private static byte[] integer(JsonNode v, DataType type) {
    BigInteger x;
    if (v.isIntegralNumber()) {
      x = v.bigIntegerValue();
    } else if (v.isFloatingPointNumber() && isIntegral(v.decimalValue())) {
      x = v.decimalValue().toBigIntegerExact();
    } else if (v.isTextual() && v.textValue().startsWith("0x")) {
      x = new BigInteger(v.textValue().substring(2), 16);
    } else if (v.isBoolean()) {
      x = v.booleanValue() ? BigInteger.ONE : BigInteger.ZERO;
    } else {
      throw new InvalidMetadataException("fill_value " + v + " is not an integer of data type " + type);
    }
    int bits = type.bits(); // int4 fill values are -8..7
    BigInteger min;
    BigInteger max;
    if (type.kind() == DataType.Kind.UINT) {
      min = BigInteger.ZERO;
      max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    } else {
      min = BigInteger.ONE.shiftLeft(bits - 1).negate();
      max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
    }
    if (x.compareTo(min) < 0 || x.compareTo(max) > 0) {
      throw new InvalidMetadataException("fill_value " + v + " is out of the range of " + type);
    }
    if (x.signum() < 0) {
      x = x.add(TWO_64);
    }
    return le(x.longValue(), type.itemSize());
  }

  private static boolean isIntegral(BigDecimal d) {
    return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
  }

  private static byte[] floating(JsonNode v, int size) {
    double d;
    if (v.isNumber()) {
      if (v.isIntegralNumber() || v.isBigDecimal()) {
        d = v.decimalValue().doubleValue();
      } else {
        d = v.doubleValue();
      }
    } else if (v.isTextual()) {
      String s = v.textValue();
      switch (s) {
        case "NaN":
          return nan(size);
        case "Infinity":
          d = Double.POSITIVE_INFINITY;
          break;
        case "-Infinity":
          d = Double.NEGATIVE_INFINITY;
          break;
        default:
          if (s.startsWith("0x") && s.length() == 2 + 2 * size) {
            // v3 hex spelling: the raw bits of the value, most significant first.
            return le(Long.parseUnsignedLong(s.substring(2), 16), size);
          }
          throw new InvalidMetadataException("fill_value '" + s + "' is not a float");
      }
    } else {
      throw new InvalidMetadataException("fill_value " + v + " is not a float");
    }
    switch (size) {
      case 2:
        return le(Float16.fromFloat((float) d), 2);
      case 4:
        return le(Float.floatToRawIntBits((float) d), 4);
      default:
        return le(Double.doubleToRawLongBits(d), 8);
    }
  }

  /** The canonical quiet NaN numpy uses (0x7fc00000 / 0x7ff8000000000000). */
  private static byte[] nan(int size) {
    switch (size) {
      case 2:
        return le(0x7e00, 2);
      case 4:
        return le(0x7fc00000, 4);
      default:
        return le(0x7ff8000000000000L, 8);
    }
  }

  private static byte[] bytes(JsonNode v, int size) {
    byte[] raw;
    if (v.isTextual()) {
      try {
        raw = Base64.getDecoder().decode(v.textValue());
      } catch (IllegalArgumentException e) {
        if (size < 0) {
          throw new InvalidMetadataException("fill_value " + v + " of a bytes array is not base64", e);
        }
        raw = v.textValue().getBytes(StandardCharsets.ISO_8859_1);
      }
    } else if (v.isArray()) {
      raw = new byte[v.size()];
      for (int i = 0; i < raw.length; i++) {
        JsonNode x = v.get(i);
        if (!x.isIntegralNumber() || x.intValue() < 0 || x.intValue() > 255 || !x.canConvertToInt()) {
          throw new InvalidMetadataException("fill_value " + v + " holds " + x + ", not a byte value 0-255");
        }
        raw[i] = (byte) x.intValue();
      }
    } else if (v.isIntegralNumber() && v.intValue() == 0) {
      raw = new byte[0];
    } else {
      throw new InvalidMetadataException("fill_value " + v + " is not a bytes value");
    }
    if (size < 0) {
      return raw; // variable length: the value as given
    }
    byte[] out = new byte[size];
    System.arraycopy(raw, 0, out, 0, Math.min(size, raw.length));
    return out;
  }

  private static byte[] utf32(String s, int size) {
    byte[] out = new byte[size];
    int pos = 0;
    for (int i = 0; i < s.length() && pos + 4 <= size; ) {
      int cp = s.codePointAt(i);
      out[pos] = (byte) cp;
      out[pos + 1] = (byte) (cp >>> 8);
      out[pos + 2] = (byte) (cp >>> 16);
      out[pos + 3] = (byte) (cp >>> 24);
      pos += 4;
      i += Character.charCount(cp);
    }
    return out;
  }

  static byte[] le(long v, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  /** The JSON spelling a writer should use for a fill value of {@code type} (v2 and v3 alike). */
  public static JsonNode toJson(Object fill, DataType type) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (fill == null) {
      return f.nullNode();
    }
    if (fill instanceof String) {
      return f.textNode((String) fill);
    }
    byte[] b = (byte[]) fill;
    long bits = 0;
    for (int i = Math.min(8, b.length) - 1; i >= 0; i--) {
      bits = (bits << 8) | (b[i] & 0xff);
    }
    switch (type.kind()) {
      case BOOL:
        return f.booleanNode(b[0] != 0);
      case INT: {
        int shift = 64 - 8 * type.itemSize();
        return f.numberNode((bits << shift) >> shift);
      }
      case UINT:
        return type.itemSize() == 8 && bits < 0
            ? f.numberNode(new BigInteger(Long.toUnsignedString(bits)))
            : f.numberNode(bits);
      case FLOAT: {
        double d = type.itemSize() == 4 ? Float.intBitsToFloat((int) bits)
            : type.itemSize() == 2 ? Float16.toFloat((short) bits) : Double.longBitsToDouble(bits);
        if (Double.isNaN(d)) {
          return f.textNode("NaN");
        }
        if (Double.isInfinite(d)) {
          return f.textNode(d > 0 ? "Infinity" : "-Infinity");
        }
        return type.itemSize() == 4 ? f.numberNode((float) d) : f.numberNode(d);
      }
      case DATETIME:
      case TIMEDELTA:
        return f.numberNode(bits);
      case COMPLEX: {
        int half = type.itemSize() / 2;
        DataType part = DataType.of(DataType.Kind.FLOAT, half);
        return f.arrayNode().add(toJson(java.util.Arrays.copyOfRange(b, 0, half), part))
            .add(toJson(java.util.Arrays.copyOfRange(b, half, 2 * half), part));
      }
      case UNICODE: {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p + 4 <= b.length; p += 4) {
          int cp = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
          if (cp == 0) {
            break;
          }
          sb.appendCodePoint(cp);
        }
        return f.textNode(sb.toString());
      }
      default:
        return f.textNode(Base64.getEncoder().encodeToString(b));
    }
  }
}
