package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.compress.JsonConfig;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InvalidMetadataException;

/**
 * numcodecs "quantize" (lossy): encoding keeps {@code digits} decimal digits by rounding to a
 * multiple of a power of two, {@code around(2^bits * x) / 2^bits} in {@code dtype}, stored as
 * {@code astype}. Decoding only converts {@code astype} back to {@code dtype}.
 */
public final class Quantize implements BytesCodec {
  /** Its names and binding: numcodecs "quantize" (v3 "numcodecs.quantize"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "quantize", (config, context) -> fromJson(config));

  private final int digits;
  private final DataType dtype;
  private final DataType astype;
  private final double scale;

  /** @param astype null for the same type as {@code dtype} */
  public Quantize(int digits, DataType dtype, DataType astype) {
    this.digits = digits;
    this.dtype = dtype;
    this.astype = astype == null ? dtype : astype;
    if (!Elements.isFloat(this.dtype) || !Elements.isFloat(this.astype)) {
      throw new InvalidMetadataException("codec quantize: only floating point types are supported (dtype "
          + this.dtype.toNumpy() + ", astype " + this.astype.toNumpy() + ")");
    }
    this.scale = scaleFor(digits);
  }

  /**
   * The power of two numcodecs multiplies by: {@code 2^ceil(log2(10^digits))}, i.e. the smallest
   * power of two not below {@code 10^digits} (computed exactly).
   */
  static double scaleFor(int digits) {
    if (digits >= 0) {
      BigInteger p = BigInteger.TEN.pow(digits);
      int k = p.bitLength();
      if (p.equals(BigInteger.ONE.shiftLeft(k - 1))) {
        k--;
      }
      return Math.scalb(1.0, k);
    }
    BigInteger p = BigInteger.TEN.pow(-digits);
    return Math.scalb(1.0, -(p.bitLength() - 1));
  }

  /** From {"id": "quantize", "digits": 2, "dtype": "<f8", "astype": "<f4"} (astype optional). */
  public static Quantize fromJson(JsonNode config) {
    JsonConfig.requireObject("quantize", config);
    if (JsonConfig.absent(config, "digits")) {
      throw new InvalidMetadataException("codec quantize: required field 'digits' is missing");
    }
    int digits = JsonConfig.intField("quantize", config, "digits", 0);
    DataType dt = Elements.parse("quantize", "dtype", JsonConfig.textField("quantize", config, "dtype", null));
    String as = JsonConfig.textField("quantize", config, "astype", null);
    return new Quantize(digits, dt, as == null ? null : DataType.parseNumpy(as));
  }

  public int digits() {
    return digits;
  }

  public DataType dtype() {
    return dtype;
  }

  public DataType astype() {
    return astype;
  }

  @Override
  public String name() {
    return "quantize";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    int n = Elements.count("quantize", encoded, astype);
    byte[] out = Elements.output("quantize", n, dtype, maxDecodedSize);
    for (int i = 0; i < n; i++) {
      Elements.cast(encoded, astype, out, dtype, i);
    }
    return out;
  }

  @Override
  public byte[] encode(byte[] decoded) {
    int n = Elements.count("quantize", decoded, dtype);
    byte[] out = new byte[n * astype.itemSize()];
    double s = Elements.roundTo(scale, dtype);
    for (int i = 0; i < n; i++) {
      double a = Elements.getDouble(decoded, i, dtype);
      double r = Math.rint(Elements.roundTo(s * a, dtype));
      Elements.putDouble(out, i, astype, Elements.roundTo(r / s, dtype));
    }
    return out;
  }

  @Override
  public String toString() {
    return "Quantize(digits=" + digits + ", dtype=" + dtype.toNumpy() + ", astype=" + astype.toNumpy() + ")";
  }
}
