package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.compress.JsonConfig;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InvalidMetadataException;

/**
 * numcodecs "fixedscaleoffset": encodes {@code round((x - offset) * scale)} as {@code astype};
 * decoding computes {@code enc / scale + offset} and converts it to {@code dtype}, exactly like
 * numcodecs with numpy 2 (NEP 50): the arithmetic is done in {@code astype} when that is a float
 * type, else in float64; the Python numbers {@code scale} and {@code offset} take the array's type.
 */
public final class FixedScaleOffset implements BytesCodec {
  /** Its names and binding: numcodecs "fixedscaleoffset" (v3 "numcodecs.fixedscaleoffset"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "fixedscaleoffset", (config, context) -> fromJson(config));

  private final Number offset;
  private final Number scale;
  private final DataType dtype;
  private final DataType astype;

  /**
   * @param offset an integer (Integer/Long) or a Double, as written in the metadata
   * @param scale an integer (Integer/Long) or a Double
   * @param astype null for the same type as {@code dtype}
   */
  public FixedScaleOffset(Number offset, Number scale, DataType dtype, DataType astype) {
    if (offset == null || scale == null) {
      throw new InvalidMetadataException("codec fixedscaleoffset: offset and scale are required");
    }
    this.offset = normalize(offset);
    this.scale = normalize(scale);
    this.dtype = dtype;
    this.astype = astype == null ? dtype : astype;
    Elements.requireArithmetic("fixedscaleoffset", "dtype", this.dtype);
    Elements.requireArithmetic("fixedscaleoffset", "astype", this.astype);
  }

  private static Number normalize(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return n.longValue();
    }
    return n.doubleValue();
  }

  /** From {"id": "fixedscaleoffset", "scale": 10, "offset": 1000, "dtype": "<f8", "astype": "<i4"}. */
  public static FixedScaleOffset fromJson(JsonNode config) {
    JsonConfig.requireObject("fixedscaleoffset", config);
    String c = "fixedscaleoffset";
    JsonNode off = JsonConfig.requiredNumber(c, config, "offset");
    JsonNode sc = JsonConfig.requiredNumber(c, config, "scale");
    DataType dt = Elements.parse(c, "dtype", JsonConfig.textField(c, config, "dtype", null));
    String as = JsonConfig.textField(c, config, "astype", null);
    return new FixedScaleOffset(number(off), number(sc), dt, as == null ? null : DataType.parseNumpy(as));
  }

  static Number number(JsonNode n) {
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.longValue();
    }
    return n.doubleValue();
  }

  public Number offset() {
    return offset;
  }

  public Number scale() {
    return scale;
  }

  public DataType dtype() {
    return dtype;
  }

  public DataType astype() {
    return astype;
  }

  @Override
  public String name() {
    return "fixedscaleoffset";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    String c = "fixedscaleoffset";
    int n = Elements.count(c, encoded, astype);
    byte[] out = Elements.output(c, n, dtype, maxDecodedSize);
    DataType work = Elements.isFloat(astype) ? astype : DataType.FLOAT64;
    double s = Elements.roundTo(scale.doubleValue(), work);
    double o = Elements.roundTo(offset.doubleValue(), work);
    for (int i = 0; i < n; i++) {
      double x = Elements.isFloat(astype)
          ? Elements.getDouble(encoded, i, astype)
          : Elements.longToDouble(Elements.getLong(encoded, i, astype), astype);
      double d = Elements.roundTo(Elements.roundTo(x / s, work) + o, work);
      if (Elements.isFloat(dtype)) {
        Elements.putDouble(out, i, dtype, d);
      } else {
        Elements.putLong(out, i, dtype, Elements.doubleToLong(d, dtype));
      }
    }
    return out;
  }

  @Override
  public byte[] encode(byte[] decoded) {
    String c = "fixedscaleoffset";
    int n = Elements.count(c, decoded, dtype);
    byte[] out = new byte[n * astype.itemSize()];
    boolean intOffset = offset instanceof Long;
    boolean intScale = scale instanceof Long;
    for (int i = 0; i < n; i++) {
      double r;
      if (Elements.isFloat(dtype)) {
        double a = Elements.getDouble(decoded, i, dtype);
        double x = Elements.roundTo(a - Elements.roundTo(offset.doubleValue(), dtype), dtype);
        x = Elements.roundTo(x * Elements.roundTo(scale.doubleValue(), dtype), dtype);
        r = Math.rint(x);
      } else {
        long a = Elements.getLong(decoded, i, dtype);
        if (intOffset && intScale) {
          long v = Elements.wrap(Elements.wrap(a - offset.longValue(), dtype) * scale.longValue(), dtype);
          if (Elements.isFloat(astype)) {
            Elements.putDouble(out, i, astype, Elements.longToFloat(v, dtype, astype));
          } else {
            Elements.putLong(out, i, astype, v);
          }
          continue;
        }
        double x = intOffset
            ? Elements.longToDouble(Elements.wrap(a - offset.longValue(), dtype), dtype)
            : Elements.longToDouble(a, dtype) - offset.doubleValue();
        r = Math.rint(x * scale.doubleValue());
      }
      if (Elements.isFloat(astype)) {
        Elements.putDouble(out, i, astype, r);
      } else {
        Elements.putLong(out, i, astype, Elements.doubleToLong(r, astype));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "FixedScaleOffset(scale=" + scale + ", offset=" + offset + ", dtype=" + dtype.toNumpy()
        + ", astype=" + astype.toNumpy() + ")";
  }
}
