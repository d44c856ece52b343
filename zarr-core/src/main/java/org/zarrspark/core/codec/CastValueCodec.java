package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.dtype.V3DataTypes;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedDataTypeException;

/**
 * v3 "cast_value" (zarr-extensions codecs/cast_value), array-to-array: stores the elements as
 * {@code data_type}. Each value, in either direction, is (1) looked up in {@code scalar_map}
 * (encode / decode pairs, first occurrence wins), else (2) kept when the other type holds it
 * exactly, else (3) rounded ({@code rounding}, default nearest-even) and brought into range by
 * {@code out_of_range} (clamp / wrap); with no out_of_range a value outside the type is an error,
 * as are NaN and infinities for an integer type. The fill value goes through the same encode
 * cast when the array is opened: one that the stored type cannot hold is invalid metadata.
 */
public final class CastValueCodec implements ArrayCodec {
  /** v3 "cast_value" {"data_type", "rounding", "out_of_range", "scalar_map"}. */
  public static final CodecType<ArrayCodec> TYPE = CodecType.array("cast_value", CastValueCodec::fromJson);

  enum Rounding { NEAREST_EVEN, TOWARDS_ZERO, TOWARDS_POSITIVE, TOWARDS_NEGATIVE, NEAREST_AWAY }

  enum OutOfRange { ERROR, CLAMP, WRAP }

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private final DataType source; // the array side
  private final DataType target; // the stored side
  private final Rounding rounding;
  private final OutOfRange outOfRange;
  private final List<byte[][]> encodeMap; // {key as source bytes, value as target bytes}
  private final List<byte[][]> decodeMap; // {key as target bytes, value as source bytes}

  private CastValueCodec(DataType source, DataType target, Rounding rounding, OutOfRange outOfRange,
      List<byte[][]> encodeMap, List<byte[][]> decodeMap) {
    this.source = source;
    this.target = target;
    this.rounding = rounding;
    this.outOfRange = outOfRange;
    this.encodeMap = encodeMap;
    this.decodeMap = decodeMap;
  }

  static CastValueCodec fromJson(JsonNode conf, CodecContext context) {
    DataType source = context.type();
    if (conf == null || !conf.isObject() || !conf.has("data_type")) {
      throw new InvalidMetadataException("codec cast_value needs configuration.data_type");
    }
    DataType target = V3DataTypes.parse(conf.get("data_type"));
    for (DataType t : new DataType[] {source, target}) {
      if (t == null || !(Scalars.isFloat(t) || Scalars.isInt(t))) {
        throw new UnsupportedDataTypeException("codec cast_value casts between integer and float16/32/64 types, not "
            + t);
      }
    }
    Rounding rounding = Rounding.NEAREST_EVEN;
    OutOfRange oor = OutOfRange.ERROR;
    List<byte[][]> enc = new ArrayList<>();
    List<byte[][]> dec = new ArrayList<>();
    for (Iterator<String> it = conf.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      JsonNode v = conf.get(f);
      switch (f) {
        case "data_type":
          break;
        case "rounding":
          rounding = switch (v.asText("")) {
            case "nearest-even" -> Rounding.NEAREST_EVEN;
            case "towards-zero" -> Rounding.TOWARDS_ZERO;
            case "towards-positive" -> Rounding.TOWARDS_POSITIVE;
            case "towards-negative" -> Rounding.TOWARDS_NEGATIVE;
            case "nearest-away" -> Rounding.NEAREST_AWAY;
            default -> throw new InvalidMetadataException("codec cast_value: rounding " + v + " is not one of"
                + " nearest-even, towards-zero, towards-positive, towards-negative, nearest-away");
          };
          break;
        case "out_of_range":
          if (v.isNull()) {
            break;
          }
          oor = switch (v.asText("")) {
            case "clamp" -> OutOfRange.CLAMP;
            case "wrap" -> OutOfRange.WRAP;
            default -> throw new InvalidMetadataException("codec cast_value: out_of_range " + v
                + " is not \"clamp\" or \"wrap\"");
          };
          if (oor == OutOfRange.WRAP && !Scalars.isInt(target)) {
            throw new InvalidMetadataException("codec cast_value: out_of_range \"wrap\" needs an integer data_type, not "
                + target);
          }
          break;
        case "scalar_map":
          if (!v.isObject()) {
            throw new InvalidMetadataException("codec cast_value: scalar_map must be an object, got " + v);
          }
          for (Iterator<String> m = v.fieldNames(); m.hasNext(); ) {
            String dir = m.next();
            switch (dir) {
              case "encode": pairs(v.get(dir), source, target, enc, dir); break;
              case "decode": pairs(v.get(dir), target, source, dec, dir); break;
              default: throw new InvalidMetadataException("codec cast_value: scalar_map has an unknown field '" + dir + "'");
            }
          }
          break;
        default:
          throw new InvalidMetadataException("codec cast_value: unknown configuration field '" + f + "'");
      }
    }
    return new CastValueCodec(source, target, rounding, oor, enc, dec);
  }

  private static void pairs(JsonNode list, DataType from, DataType to, List<byte[][]> out, String dir) {
    if (list == null || list.isNull()) {
      return;
    }
    if (!list.isArray()) {
      throw new InvalidMetadataException("codec cast_value: scalar_map." + dir + " must be a list of pairs");
    }
    for (JsonNode p : list) {
      if (!p.isArray() || p.size() != 2) {
        throw new InvalidMetadataException("codec cast_value: scalar_map." + dir + " entry " + p + " is not a pair");
      }
      out.add(new byte[][] {Scalars.parse(p.get(0), from), Scalars.parse(p.get(1), to)});
    }
  }

  public DataType target() {
    return target;
  }

  @Override
  public String name() {
    return "cast_value";
  }

  @Override
  public int[] encodedShape(int[] shape) {
    return shape;
  }

  @Override
  public DataType encodedType(DataType type) {
    return target;
  }

  @Override
  public Object encodedFill(Object fill) {
    byte[] f = fill instanceof byte[] b ? b : new byte[source.itemSize()];
    byte[] e = new byte[target.itemSize()];
    String why = convert(f, 0, source, e, target, encodeMap);
    if (why != null) {
      throw new InvalidMetadataException("codec cast_value: the fill value cannot be stored as " + target + ": " + why
          + " (a scalar_map encode entry can name its stored value)");
    }
    byte[] back = new byte[source.itemSize()];
    why = convert(e, 0, target, back, source, decodeMap);
    if (why != null) {
      throw new InvalidMetadataException("codec cast_value: the fill value stored as " + target
          + " does not decode back to " + source + ": " + why);
    }
    return e;
  }

  @Override
  public NdBuffer decode(NdBuffer encoded, int[] decodedShape) {
    byte[] in = encoded.bytes();
    int n = encoded.size();
    byte[] out = new byte[NdBuffer.byteCount(source, decodedShape)];
    for (int i = 0; i < n; i++) {
      String why = convert(in, i, target, out, source, decodeMap);
      if (why != null) {
        throw new CorruptChunkException("cast_value: stored element " + i + " cannot be decoded to " + source + ": "
            + why);
      }
    }
    return NdBuffer.wrap(source, decodedShape, out);
  }

  @Override
  public NdBuffer encode(NdBuffer decoded) {
    byte[] in = decoded.bytes();
    int n = decoded.size();
    byte[] out = new byte[n * target.itemSize()];
    for (int i = 0; i < n; i++) {
      String why = convert(in, i, source, out, target, encodeMap);
      if (why != null) {
        throw new IllegalArgumentException("cast_value: element " + i + " cannot be stored as " + target + ": " + why);
      }
    }
    return NdBuffer.wrap(target, decoded.shape(), out);
  }

  /** Converts element i of {@code in} ({@code from}) into element i of {@code out} ({@code to}); the reason when it cannot. */
  private String convert(byte[] in, int i, DataType from, byte[] out, DataType to, List<byte[][]> map) {
    int fs = from.itemSize();
    for (byte[][] e : map) {
      if (matches(in, i, from, e[0])) {
        System.arraycopy(e[1], 0, out, i * to.itemSize(), to.itemSize());
        return null;
      }
    }
    if (Scalars.isInt(from)) {
      long v = Scalars.getLong(in, i, from);
      if (Scalars.isInt(to)) {
        return intToInt(Scalars.big(v, from), out, i, to);
      }
      return realToFloat(new BigDecimal(Scalars.big(v, from)), out, i, to);
    }
    double d = Scalars.getDouble(in, i, from);
    if (Scalars.isFloat(to)) {
      if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
        Scalars.putDouble(out, i, to, d); // NaN, infinities and signed zeros carry over between float types
        return null;
      }
      return realToFloat(new BigDecimal(d), out, i, to);
    }
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return d + " has no value in " + to;
    }
    BigDecimal x = new BigDecimal(d);
    BigInteger r = x.setScale(0, roundingMode(x)).toBigIntegerExact();
    return intToInt(r, out, i, to);
  }

  private static boolean matches(byte[] in, int i, DataType t, byte[] key) {
    int s = t.itemSize();
    if (Scalars.isFloat(t)) {
      double a = Scalars.getDouble(in, i, t);
      double k = Scalars.getDouble(key, 0, t);
      return a == k || Double.isNaN(a) && Double.isNaN(k);
    }
    for (int k = 0; k < s; k++) {
      if (in[i * s + k] != key[k]) {
        return false;
      }
    }
    return true;
  }

  private RoundingMode roundingMode(BigDecimal x) {
    switch (rounding) {
      case TOWARDS_ZERO: return RoundingMode.DOWN;
      case TOWARDS_POSITIVE: return RoundingMode.CEILING;
      case TOWARDS_NEGATIVE: return RoundingMode.FLOOR;
      case NEAREST_AWAY: return RoundingMode.HALF_UP;
      default: return RoundingMode.HALF_EVEN;
    }
  }

  private String intToInt(BigInteger v, byte[] out, int i, DataType to) {
    BigInteger lo = BigInteger.valueOf(Scalars.min(to));
    BigInteger hi = Scalars.isUint64(to) ? TWO_64.subtract(BigInteger.ONE) : BigInteger.valueOf(Scalars.max(to));
    if (v.compareTo(lo) < 0 || v.compareTo(hi) > 0) {
      switch (outOfRange) {
        case CLAMP:
          v = v.compareTo(lo) < 0 ? lo : hi;
          break;
        case WRAP: {
          BigInteger m = BigInteger.ONE.shiftLeft(to.bits());
          v = v.mod(m);
          if (to.kind() == DataType.Kind.INT && v.compareTo(hi) > 0) {
            v = v.subtract(m);
          }
          break;
        }
        default:
          return v + " is outside the range of " + to + " and out_of_range is not set";
      }
    }
    Scalars.putLong(out, i, to, v.longValue());
    return null;
  }

  /** An exact real value into a float type: exact when it can, else rounded and range-handled. */
  private String realToFloat(BigDecimal x, byte[] out, int i, DataType to) {
    double c = Scalars.roundTo(x.doubleValue(), to); // nearest (even) value of the type, or an infinity
    if (Double.isInfinite(c)) {
      boolean positive = x.signum() > 0;
      boolean toward = rounding == Rounding.TOWARDS_ZERO || rounding == Rounding.TOWARDS_NEGATIVE && positive
          || rounding == Rounding.TOWARDS_POSITIVE && !positive;
      if (toward) {
        c = Math.copySign(largest(to), x.signum()); // rounding toward zero stays in range
      } else if (outOfRange == OutOfRange.ERROR) {
        return x + " is outside the finite range of " + to + " and out_of_range is not set";
      } // clamp: past the finite range is the infinity (the spec's rule for types that have them)
    } else {
      int cmp = new BigDecimal(c).compareTo(x);
      if (cmp != 0 && rounding != Rounding.NEAREST_EVEN) {
        c = directed(x, c, cmp, to);
      }
    }
    Scalars.putDouble(out, i, to, c);
    return null;
  }

  /** Adjusts the nearest value {@code c} (cmp: c against x) to a directed or ties-away rounding. */
  private double directed(BigDecimal x, double c, int cmp, DataType to) {
    double below = cmp > 0 ? step(c, to, false) : c;
    double above = cmp > 0 ? c : step(c, to, true);
    switch (rounding) {
      case TOWARDS_POSITIVE: return above;
      case TOWARDS_NEGATIVE: return below;
      case TOWARDS_ZERO: return x.signum() >= 0 ? below : above;
      default: { // nearest-away: only a tie differs from nearest-even
        BigDecimal mid = new BigDecimal(below).add(new BigDecimal(above)).divide(BigDecimal.valueOf(2));
        if (mid.compareTo(x) == 0) {
          return x.signum() >= 0 ? above : below;
        }
        return c;
      }
    }
  }

  private static double step(double c, DataType to, boolean up) {
    switch (to.itemSize()) {
      case 2: {
        double s = Math.ulp((float) Scalars.roundTo(c, to)) * 8192; // float16 has 13 fewer mantissa bits
        double n = up ? c + Math.max(s, 0x1p-24) : c - Math.max(s, 0x1p-24);
        return Scalars.roundTo(n, to);
      }
      case 4:
        return up ? Math.nextUp((float) c) : Math.nextDown((float) c);
      default:
        return up ? Math.nextUp(c) : Math.nextDown(c);
    }
  }

  private static double largest(DataType t) {
    return t.itemSize() == 2 ? 65504.0 : t.itemSize() == 4 ? Float.MAX_VALUE : Double.MAX_VALUE;
  }

  @Override
  public String toString() {
    return "CastValueCodec(" + source + " -> " + target + ", " + rounding + ", " + outOfRange + ")";
  }
}
