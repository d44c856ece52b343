package org.zarrspark.core.dtype;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedDataTypeException;

/**
 * One element type. {@code itemSize} is the size of a fixed-size element in bytes (0 for
 * variable-length strings); {@code order} is the byte order in which v2 metadata stores it (v3
 * byte order comes from the bytes codec). Decoded buffers in memory are always little-endian.
 */
public final class DataType {
  /** What kind of value an element holds. */
  public enum Kind {
    BOOL, INT, UINT, FLOAT, COMPLEX, DATETIME, TIMEDELTA,
    /** Fixed-length raw bytes (numpy {@code |Sn}, v3 fixed_length_bytes / r*). */
    BYTES,
    /** Fixed-length UTF-32 text (numpy {@code <Un}, v3 fixed_length_utf32). */
    UNICODE,
    /** Variable-length UTF-8 text (numpy object with vlen-utf8, v3 string). */
    STRING,
    /** Variable-length byte strings (v3 bytes / variable_length_bytes with vlen-bytes): byte[] objects. */
    VLEN_BYTES,
    /** bfloat16 and the float8/float6/float4 formats ({@link #narrowFloat()}); each value is a float32. */
    NARROW_FLOAT,
    /** Packed records of named fixed-size fields in declaration order, no padding ({@link #fields()}). */
    STRUCT
  }

  /** One field of a struct: its name, type and byte offset inside the record. */
  public record Field(String name, DataType type, int offset) {}

  private final Kind kind;
  private final int itemSize;
  private final ByteOrder order;
  private final String unit;
  private final long unitScale;
  // Value bits of the sub-byte integers (int2/int4/uint2/uint4), held widened to one byte; else itemSize * 8.
  private final int bits;
  private final NarrowFloat narrow;
  private final List<Field> fields;

  private DataType(Kind kind, int itemSize, ByteOrder order, String unit, long unitScale) {
    this(kind, itemSize, order, unit, unitScale, itemSize * 8, null, null);
  }

  private DataType(Kind kind, int itemSize, ByteOrder order, String unit, long unitScale, int bits,
      NarrowFloat narrow, List<Field> fields) {
    this.kind = kind;
    this.itemSize = itemSize;
    this.order = order;
    this.unit = unit;
    this.unitScale = unitScale;
    this.bits = bits;
    this.narrow = narrow;
    this.fields = fields;
  }

  /** A bfloat16 / float8 / float6 / float4 type. */
  public static DataType narrow(NarrowFloat format) {
    return new DataType(Kind.NARROW_FLOAT, format.itemSize(), ByteOrder.LITTLE_ENDIAN, null, 1, format.bits(), format, null);
  }

  /**
   * A struct of the given (name, type) fields, packed in order. Names must be unique and non-empty,
   * types of fixed size.
   */
  public static DataType struct(List<String> names, List<DataType> types) {
    if (names.isEmpty()) {
      throw new InvalidMetadataException("struct data type has no fields");
    }
    List<Field> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long offset = 0;
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      DataType t = types.get(i);
      if (n == null || n.isEmpty() || !seen.add(n)) {
        throw new InvalidMetadataException("struct field name '" + n + "' is empty or not unique");
      }
      if (t.isVariableLength() || t.itemSize() <= 0) {
        throw new InvalidMetadataException("struct field '" + n + "' has data type " + t
            + ", which has no fixed size");
      }
      out.add(new Field(n, t, (int) offset));
      offset += t.itemSize();
      if (offset > Integer.MAX_VALUE / 2) {
        throw new InvalidMetadataException("struct record of " + offset + " bytes is too large");
      }
    }
    return new DataType(Kind.STRUCT, (int) offset, ByteOrder.LITTLE_ENDIAN, null, 1, (int) offset * 8, null, List.copyOf(out));
  }

  public static DataType of(Kind kind, int itemSize) {
    return new DataType(kind, itemSize, ByteOrder.LITTLE_ENDIAN, null, 1);
  }

  public static DataType time(Kind kind, String unit, long scale) {
    return new DataType(kind, 8, ByteOrder.LITTLE_ENDIAN, unit, scale);
  }

  public static final DataType BOOL = of(Kind.BOOL, 1);
  public static final DataType INT8 = of(Kind.INT, 1);
  public static final DataType INT16 = of(Kind.INT, 2);
  public static final DataType INT32 = of(Kind.INT, 4);
  public static final DataType INT64 = of(Kind.INT, 8);
  public static final DataType UINT8 = of(Kind.UINT, 1);
  public static final DataType UINT16 = of(Kind.UINT, 2);
  public static final DataType UINT32 = of(Kind.UINT, 4);
  public static final DataType UINT64 = of(Kind.UINT, 8);
  public static final DataType FLOAT16 = of(Kind.FLOAT, 2);
  public static final DataType FLOAT32 = of(Kind.FLOAT, 4);
  public static final DataType FLOAT64 = of(Kind.FLOAT, 8);
  public static final DataType COMPLEX64 = of(Kind.COMPLEX, 8);
  public static final DataType COMPLEX128 = of(Kind.COMPLEX, 16);
  public static final DataType STRING = of(Kind.STRING, 0);
  /** v3 int2/int4/uint2/uint4: one byte per element in memory (sign- or zero-extended). */
  public static final DataType INT2 = new DataType(Kind.INT, 1, ByteOrder.LITTLE_ENDIAN, null, 1, 2, null, null);
  public static final DataType INT4 = new DataType(Kind.INT, 1, ByteOrder.LITTLE_ENDIAN, null, 1, 4, null, null);
  public static final DataType UINT2 = new DataType(Kind.UINT, 1, ByteOrder.LITTLE_ENDIAN, null, 1, 2, null, null);
  public static final DataType UINT4 = new DataType(Kind.UINT, 1, ByteOrder.LITTLE_ENDIAN, null, 1, 4, null, null);
  public static final DataType VLEN_BYTES = of(Kind.VLEN_BYTES, 0);

  public Kind kind() {
    return kind;
  }

  /** Bytes per element; 0 for variable-length strings. */
  public int itemSize() {
    return itemSize;
  }

  /**
   * Bits of an integer's value: 2 or 4 for the sub-byte integers (held in one byte each), else
   * {@code itemSize * 8}.
   */
  public int bits() {
    return bits;
  }

  /** Byte order of the stored representation (v2); irrelevant for 1-byte types. */
  public ByteOrder order() {
    return order;
  }

  /** datetime64/timedelta64 unit ("ns", "s", "D", ...); null for other kinds. */
  public String unit() {
    return unit;
  }

  /** Multiplier of the unit, e.g. 10 for {@code M8[10s]}. */
  public long unitScale() {
    return unitScale;
  }

  public boolean isVariableLength() {
    return kind == Kind.STRING || kind == Kind.VLEN_BYTES;
  }

  /** The format of a NARROW_FLOAT type; null otherwise. */
  public NarrowFloat narrowFloat() {
    return narrow;
  }

  /** The fields of a STRUCT type in declaration order; null otherwise. */
  public List<Field> fields() {
    return fields;
  }

  public boolean isFloating() {
    return kind == Kind.FLOAT;
  }

  public boolean isInteger() {
    return kind == Kind.INT || kind == Kind.UINT;
  }

  /** The same type with another stored byte order. */
  public DataType withOrder(ByteOrder newOrder) {
    return new DataType(kind, itemSize, newOrder, unit, unitScale, bits, narrow, fields);
  }

  /**
   * Parses a numpy dtype string as v2 metadata and numcodecs filters write it: {@code <i4},
   * {@code |b1}, {@code >f8}, {@code <M8[ns]}, {@code |S10}, {@code <U5}, {@code |O}.
   */
  public static DataType parseNumpy(String s) {
    if (s == null || s.isEmpty()) {
      throw new UnsupportedDataTypeException("empty dtype");
    }
    String body = s;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    char first = s.charAt(0);
    if (first == '<' || first == '>' || first == '|' || first == '=') {
      order = first == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      body = s.substring(1);
    }
    if (body.isEmpty()) {
      throw new UnsupportedDataTypeException("unsupported dtype '" + s + "'");
    }
    char code = body.charAt(0);
    String rest = body.substring(1);
    try {
      switch (code) {
        case 'b':
          requireSize(s, rest, "1");
          return BOOL;
        case 'i':
          return sized(s, Kind.INT, rest, order, 1, 2, 4, 8);
        case 'u':
          return sized(s, Kind.UINT, rest, order, 1, 2, 4, 8);
        case 'f':
          return sized(s, Kind.FLOAT, rest, order, 2, 4, 8);
        case 'c':
          return sized(s, Kind.COMPLEX, rest, order, 8, 16);
        case 'M':
        case 'm':
          return parseTime(s, code == 'M' ? Kind.DATETIME : Kind.TIMEDELTA, rest, order);
        case 'S':
        case 'a':
          return new DataType(Kind.BYTES, positive(s, rest), ByteOrder.LITTLE_ENDIAN, null, 1);
        case 'U':
          return new DataType(Kind.UNICODE, Math.multiplyExact(positive(s, rest), 4), order, null, 1);
        case 'O':
          if (!rest.isEmpty()) {
            break;
          }
          return STRING;
        default:
          break;
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // falls through to the error below
    }
    throw new UnsupportedDataTypeException("unsupported dtype '" + s
        + "' (supported: bool, int8-64, uint8-64, float16/32/64, complex64/128, datetime64,"
        + " timedelta64, |S, <U, and |O with vlen-utf8)");
  }

  private static void requireSize(String s, String rest, String size) {
    if (!rest.equals(size)) {
      throw new UnsupportedDataTypeException("unsupported dtype '" + s + "'");
    }
  }

  private static DataType sized(String s, Kind kind, String rest, ByteOrder order, int... allowed) {
    int n = Integer.parseInt(rest);
    for (int a : allowed) {
      if (a == n) {
        return new DataType(kind, n, n == 1 ? ByteOrder.LITTLE_ENDIAN : order, null, 1);
      }
    }
    throw new UnsupportedDataTypeException("unsupported dtype '" + s + "'");
  }

  private static int positive(String s, String rest) {
    int n = Integer.parseInt(rest);
    if (n <= 0) {
      throw new UnsupportedDataTypeException("dtype '" + s + "' has no positive length");
    }
    return n;
  }

  private static DataType parseTime(String s, Kind kind, String rest, ByteOrder order) {
    // forms: "8[ns]", "8[10s]", "8" (generic unit: not supported)
    if (!rest.startsWith("8[") || !rest.endsWith("]")) {
      throw new UnsupportedDataTypeException("unsupported dtype '" + s + "' (needs a unit, e.g. <M8[ns])");
    }
    String u = rest.substring(2, rest.length() - 1);
    int i = 0;
    while (i < u.length() && Character.isDigit(u.charAt(i))) {
      i++;
    }
    long scale = i == 0 ? 1 : Long.parseLong(u.substring(0, i));
    String unit = checkUnit(s, u.substring(i));
    return new DataType(kind, 8, order, unit, scale);
  }

  /** Checks a numpy time unit name. */
  public static String checkUnit(String context, String unit) {
    switch (unit) {
      case "Y": case "M": case "W": case "D": case "h": case "m": case "s":
      case "ms": case "us": case "ns": case "ps": case "fs": case "as":
        return unit;
      default:
        throw new UnsupportedDataTypeException("unsupported time unit '" + unit + "' in " + context);
    }
  }

  /** The numpy spelling of this type (byte order included). */
  public String toNumpy() {
    char o = itemSize <= 1 || kind == Kind.BYTES ? '|' : (order == ByteOrder.BIG_ENDIAN ? '>' : '<');
    switch (kind) {
      case BOOL: return "|b1";
      case INT: return o + "i" + itemSize;
      case UINT: return o + "u" + itemSize;
      case FLOAT: return o + "f" + itemSize;
      case COMPLEX: return o + "c" + itemSize;
      case DATETIME: return o + "M8[" + (unitScale == 1 ? "" : unitScale) + unit + "]";
      case TIMEDELTA: return o + "m8[" + (unitScale == 1 ? "" : unitScale) + unit + "]";
      case BYTES: return "|S" + itemSize;
      case UNICODE: return o + "U" + itemSize / 4;
      case STRING:
      case VLEN_BYTES: return "|O";
      case NARROW_FLOAT: return narrow.name();
      case STRUCT: {
        StringBuilder sb = new StringBuilder("[");
        for (Field f : fields) {
          sb.append(sb.length() > 1 ? ", " : "").append("('").append(f.name()).append("', ")
              .append(f.type().toNumpy()).append(')');
        }
        return sb.append(']').toString();
      }
      default: throw new IllegalStateException(kind.toString());
    }
  }

  /** The v3 core name for the simple types, or null when the type is an extension. */
  public String v3Name() {
    switch (kind) {
      case BOOL: return "bool";
      case INT: return "int" + bits;
      case UINT: return "uint" + bits;
      case FLOAT: return "float" + itemSize * 8;
      case COMPLEX: return "complex" + itemSize * 8;
      case STRING: return "string";
      case VLEN_BYTES: return "bytes";
      case NARROW_FLOAT: return narrow.name();
      default: return null;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DataType)) {
      return false;
    }
    DataType d = (DataType) o;
    return kind == d.kind && itemSize == d.itemSize && (itemSize <= 1 || order.equals(d.order))
        && Objects.equals(unit, d.unit) && unitScale == d.unitScale && bits == d.bits && narrow == d.narrow
        && Objects.equals(fields, d.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, itemSize, unit, unitScale, bits, narrow, fields);
  }

  @Override
  public String toString() {
    if (kind == Kind.STRUCT) {
      StringBuilder sb = new StringBuilder("struct{");
      for (Field f : fields) {
        sb.append(sb.length() > 7 ? ", " : "").append(f.name()).append(": ").append(f.type());
      }
      return sb.append('}').toString();
    }
    String v3 = v3Name();
    return v3 != null ? v3 : toNumpy().toLowerCase(Locale.ROOT).equals(toNumpy()) ? toNumpy() : toNumpy();
  }
}
