package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.compress.JsonConfig;
import org.zarrspark.core.dtype.DataType;

/**
 * numcodecs "delta": encodes the first element and then the differences of neighbours, computed in
 * {@code dtype} (integers wrap) and stored as {@code astype}. Decoding is numpy's
 * {@code cumsum(enc, out=dtype)}: each stored value is converted to {@code dtype} and summed in
 * {@code dtype}.
 */
public final class Delta implements BytesCodec {
  /** Its names and binding: numcodecs "delta" (v3 "numcodecs.delta"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "delta", (config, context) -> fromJson(config));

  private final DataType dtype;
  private final DataType astype;

  /** @param astype null for the same type as {@code dtype} */
  public Delta(DataType dtype, DataType astype) {
    this.dtype = dtype;
    this.astype = astype == null ? dtype : astype;
    Elements.requireArithmetic("delta", "dtype", this.dtype);
    Elements.requireArithmetic("delta", "astype", this.astype);
  }

  /** From {"id": "delta", "dtype": "<i4", "astype": "<i2"} (astype optional). */
  public static Delta fromJson(JsonNode config) {
    JsonConfig.requireObject("delta", config);
    DataType dt = Elements.parse("delta", "dtype", JsonConfig.textField("delta", config, "dtype", null));
    String as = JsonConfig.textField("delta", config, "astype", null);
    return new Delta(dt, as == null ? null : DataType.parseNumpy(as));
  }

  public DataType dtype() {
    return dtype;
  }

  public DataType astype() {
    return astype;
  }

  @Override
  public String name() {
    return "delta";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    int n = Elements.count("delta", encoded, astype);
    byte[] out = Elements.output("delta", n, dtype, maxDecodedSize);
    if (Elements.isFloat(dtype)) {
      double acc = 0;
      for (int i = 0; i < n; i++) {
        double x = Elements.isFloat(astype)
            ? Elements.roundTo(Elements.getDouble(encoded, i, astype), dtype)
            : Elements.longToFloat(Elements.getLong(encoded, i, astype), astype, dtype);
        acc = i == 0 ? x : Elements.roundTo(acc + x, dtype);
        Elements.putDouble(out, i, dtype, acc);
      }
    } else {
      long acc = 0;
      for (int i = 0; i < n; i++) {
        long x = Elements.isFloat(astype)
            ? Elements.doubleToLong(Elements.getDouble(encoded, i, astype), dtype)
            : Elements.getLong(encoded, i, astype);
        acc += x;
        Elements.putLong(out, i, dtype, acc);
      }
    }
    return out;
  }

  @Override
  public byte[] encode(byte[] decoded) {
    int n = Elements.count("delta", decoded, dtype);
    byte[] out = new byte[n * astype.itemSize()];
    if (Elements.isFloat(dtype)) {
      double prev = 0;
      for (int i = 0; i < n; i++) {
        double v = Elements.getDouble(decoded, i, dtype);
        double d = i == 0 ? v : Elements.roundTo(v - prev, dtype);
        prev = v;
        if (Elements.isFloat(astype)) {
          Elements.putDouble(out, i, astype, d);
        } else {
          Elements.putLong(out, i, astype, Elements.doubleToLong(d, astype));
        }
      }
    } else {
      long prev = 0;
      for (int i = 0; i < n; i++) {
        long v = Elements.getLong(decoded, i, dtype);
        long d = i == 0 ? v : Elements.wrap(v - prev, dtype);
        prev = v;
        if (Elements.isFloat(astype)) {
          Elements.putDouble(out, i, astype, Elements.longToFloat(d, dtype, astype));
        } else {
          Elements.putLong(out, i, astype, d);
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "Delta(dtype=" + dtype.toNumpy() + ", astype=" + astype.toNumpy() + ")";
  }
}
