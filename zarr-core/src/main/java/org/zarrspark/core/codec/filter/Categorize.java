package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.compress.JsonConfig;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.error.UnsupportedDataTypeException;

/**
 * numcodecs "categorize": strings stored as integer codes ({@code astype}, default {@code |u1}):
 * code {@code i + 1} is {@code labels[i]}, 0 (or any code without a label) is the empty string.
 *
 * <p>For a fixed-width unicode {@code dtype} ({@code <U4}) the decoded buffer is numpy's: UTF-32
 * code points in the dtype's byte order, NUL-padded, labels longer than the width truncated. For
 * an object {@code dtype} ({@code |O}) there is no raw numpy buffer; this codec then decodes to (and
 * encodes from) the numcodecs vlen-utf8 layout: a little-endian uint32 count, then per element a
 * little-endian uint32 byte length and the UTF-8 bytes.
 */
public final class Categorize implements BytesCodec {
  /** Its names and binding: numcodecs "categorize" (v3 "numcodecs.categorize"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "categorize", (config, context) -> fromJson(config));

  private final List<String> labels;
  private final DataType dtype;
  private final DataType astype;
  private final int[][] codePoints; // per label, for unicode dtypes
  private final byte[][] utf8; // per label, for object dtypes

  /** @param astype null for {@code |u1} */
  public Categorize(List<String> labels, DataType dtype, DataType astype) {
    this.labels = Collections.unmodifiableList(new ArrayList<>(labels));
    this.dtype = dtype;
    this.astype = astype == null ? DataType.UINT8 : astype;
    if (dtype.kind() != DataType.Kind.UNICODE && dtype.kind() != DataType.Kind.STRING) {
      throw new UnsupportedDataTypeException("codec categorize: only unicode ('U') and object ('O') dtypes are"
          + " supported, not " + dtype.toNumpy());
    }
    Elements.requireArithmetic("categorize", "astype", this.astype);
    codePoints = new int[this.labels.size()][];
    utf8 = new byte[this.labels.size()][];
    for (int i = 0; i < this.labels.size(); i++) {
      String s = this.labels.get(i);
      if (s == null) {
        throw new InvalidMetadataException("codec categorize: label " + i + " is null");
      }
      codePoints[i] = s.codePoints().toArray();
      utf8[i] = s.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** From {"id": "categorize", "labels": [...], "dtype": "<U4", "astype": "|u1"}. */
  public static Categorize fromJson(JsonNode config) {
    JsonConfig.requireObject("categorize", config);
    JsonNode l = config == null ? null : config.get("labels");
    if (l == null || !l.isArray()) {
      throw new InvalidMetadataException("codec categorize: 'labels' must be a list of strings, got " + l);
    }
    List<String> labels = new ArrayList<>();
    for (JsonNode x : l) {
      if (!x.isTextual()) {
        throw new InvalidMetadataException("codec categorize: label " + x + " is not a string");
      }
      labels.add(x.textValue());
    }
    DataType dt = Elements.parse("categorize", "dtype", JsonConfig.textField("categorize", config, "dtype", null));
    String as = JsonConfig.textField("categorize", config, "astype", null);
    return new Categorize(labels, dt, as == null ? null : DataType.parseNumpy(as));
  }

  public List<String> labels() {
    return labels;
  }

  public DataType dtype() {
    return dtype;
  }

  public DataType astype() {
    return astype;
  }

  @Override
  public String name() {
    return "categorize";
  }

  /** The label index (0-based) of a code, or -1 for the empty string. */
  private int labelOf(byte[] enc, int i) {
    long code;
    if (Elements.isFloat(astype)) {
      double d = Elements.getDouble(enc, i, astype);
      if (d != Math.rint(d) || d < 1 || d > labels.size()) {
        return -1;
      }
      code = (long) d;
    } else {
      code = Elements.getLong(enc, i, astype);
    }
    if (code < 1 || code > labels.size()) {
      return -1;
    }
    return (int) code - 1;
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    int n = Elements.count("categorize", encoded, astype);
    if (dtype.kind() == DataType.Kind.UNICODE) {
      int width = dtype.itemSize() / 4;
      byte[] out = Elements.output("categorize", n, dtype, maxDecodedSize);
      for (int i = 0; i < n; i++) {
        int k = labelOf(encoded, i);
        if (k < 0) {
          continue;
        }
        int[] cps = codePoints[k];
        int m = Math.min(width, cps.length);
        for (int c = 0; c < m; c++) {
          Elements.writeBits(out, i * dtype.itemSize() + 4 * c, 4, dtype.order(), cps[c]);
        }
      }
      return out;
    }
    long size = 4;
    int[] which = new int[n];
    for (int i = 0; i < n; i++) {
      which[i] = labelOf(encoded, i);
      size += 4 + (which[i] < 0 ? 0 : utf8[which[i]].length);
    }
    byte[] out = Elements.output("categorize", size, maxDecodedSize);
    Checksums.putLe32(out, 0, n);
    int p = 4;
    for (int i = 0; i < n; i++) {
      byte[] s = which[i] < 0 ? new byte[0] : utf8[which[i]];
      Checksums.putLe32(out, p, s.length);
      System.arraycopy(s, 0, out, p + 4, s.length);
      p += 4 + s.length;
    }
    return out;
  }

  @Override
  public byte[] encode(byte[] decoded) {
    if (dtype.kind() == DataType.Kind.UNICODE) {
      int n = Elements.count("categorize", decoded, dtype);
      int width = dtype.itemSize() / 4;
      byte[] out = new byte[n * astype.itemSize()];
      int[] value = new int[width];
      for (int i = 0; i < n; i++) {
        int len = 0;
        for (int c = 0; c < width; c++) {
          value[c] = (int) Elements.readBits(decoded, i * dtype.itemSize() + 4 * c, 4, dtype.order());
          if (value[c] != 0) {
            len = c + 1; // numpy ignores trailing NULs
          }
        }
        int code = 0;
        for (int k = 0; k < codePoints.length; k++) {
          if (equalsStripped(codePoints[k], value, len)) {
            code = k + 1; // later labels win, as in numcodecs' loop
          }
        }
        store(out, i, code);
      }
      return out;
    }
    List<byte[]> items = parseVlen(decoded);
    byte[] out = new byte[items.size() * astype.itemSize()];
    for (int i = 0; i < items.size(); i++) {
      int code = 0;
      for (int k = 0; k < utf8.length; k++) {
        if (Arrays.equals(utf8[k], items.get(i))) {
          code = k + 1;
        }
      }
      store(out, i, code);
    }
    return out;
  }

  private void store(byte[] out, int i, int code) {
    if (Elements.isFloat(astype)) {
      Elements.putDouble(out, i, astype, code);
    } else {
      Elements.putLong(out, i, astype, code);
    }
  }

  private static boolean equalsStripped(int[] label, int[] value, int len) {
    int ll = label.length;
    while (ll > 0 && label[ll - 1] == 0) {
      ll--;
    }
    if (ll != len) {
      return false;
    }
    for (int c = 0; c < len; c++) {
      if (label[c] != value[c]) {
        return false;
      }
    }
    return true;
  }

  private static List<byte[]> parseVlen(byte[] b) {
    if (b.length < 4) {
      throw new TruncatedChunkException("codec categorize: vlen-utf8 buffer of " + b.length + " bytes has no count");
    }
    long n = Integer.toUnsignedLong(Checksums.le32(b, 0));
    if (n > (b.length - 4) / 4) {
      throw new CorruptChunkException("codec categorize: vlen-utf8 count " + n + " does not fit " + b.length + " bytes");
    }
    List<byte[]> items = new ArrayList<>((int) n);
    int p = 4;
    for (long i = 0; i < n; i++) {
      if (b.length - p < 4) {
        throw new TruncatedChunkException("codec categorize: vlen-utf8 buffer is truncated");
      }
      long len = Integer.toUnsignedLong(Checksums.le32(b, p));
      p += 4;
      if (len > b.length - p) {
        throw new TruncatedChunkException("codec categorize: vlen-utf8 item of " + len + " bytes is truncated");
      }
      items.add(Arrays.copyOfRange(b, p, p + (int) len));
      p += (int) len;
    }
    return items;
  }


  @Override
  public String toString() {
    return "Categorize(labels=" + labels + ", dtype=" + dtype.toNumpy() + ", astype=" + astype.toNumpy() + ")";
  }
}
