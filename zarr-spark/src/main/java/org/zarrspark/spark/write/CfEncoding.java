package org.zarrspark.spark.write;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.CfTime;

/** CF attributes and fill values of a new array, the way xarray writes them. */
final class CfEncoding {
  /** xarray's _FillValue of floats in v3 attributes: base64 of the float64 NaN bytes. */
  static final String NAN_BASE64 = "AAAAAAAA+H8=";

  private CfEncoding() {}

  static void apply(ArraySpec s, WriteColumn c, int zarrFormat) {
    ObjectNode attrs = JsonNodeFactory.instance.objectNode();
    boolean v3 = zarrFormat == 3;
    DataType t = c.kind.zarrType();
    if (c.time != null) {
      attrs.put("units", c.time.units());
      attrs.put("calendar", CfTime.CALENDAR);
    }
    if (c.kind.isFloating()) {
      if (v3) {
        attrs.put("_FillValue", NAN_BASE64); // the array's fill_value is NaN by default
      }
    } else if (c.fill != null) {
      s.fill(littleEndian(c.fill, t.itemSize())); // metadata fill_value too, so chunks never written read as missing
      if (v3) {
        attrs.put("_FillValue", c.fill);
      }
    } else if (!v3 || (!t.isVariableLength() && c.kind != ValueKind.BOOL)) {
      // xarray: v2 null (also for bool: a fill_value of false would be read as _FillValue,
      // masking every false); v3 0 for numbers, the type's default otherwise.
      s.fill(null);
    }
    s.attributes(attrs);
  }

  static byte[] littleEndian(long v, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }
}
