package org.zarrspark.spark.write;

import org.apache.spark.sql.catalyst.InternalRow;
import org.zarrspark.core.write.BlockBuilder;

/** Storing one value of a Spark binary row into a chunk's buffer, with the checks a value needs. */
final class RowValues {
  private RowValues() {}

  /** Stores the value at {@code ord} of a row at element {@code i}; NULL leaves the fill value. */
  static void set(WriteColumn c, BlockBuilder b, int i, InternalRow r, int ord) {
    if (r.isNullAt(ord)) {
      if (c.kind == ValueKind.BOOL) {
        throw new WriteInputException("boolean column '" + c.name + "' has a NULL: Zarr booleans have no"
            + " missing value; cast the column to a number to keep NULLs");
      }
      return;
    }
    long key;
    switch (c.kind) {
      case FLOAT32 -> {
        float f = r.getFloat(ord);
        b.setDouble(i, f == 0.0f ? 0.0 : f); // -0.0 and 0.0 are one value, as in coordinates
        return;
      }
      case FLOAT64 -> {
        double d = r.getDouble(ord);
        b.setDouble(i, d == 0.0 ? 0.0 : d);
        return;
      }
      case STRING -> {
        b.setString(i, r.getUTF8String(ord).toString());
        return;
      }
      case BOOL -> key = r.getBoolean(ord) ? 1L : 0L;
      case INT8 -> key = r.getByte(ord);
      case INT16 -> key = r.getShort(ord);
      case INT32 -> key = r.getInt(ord);
      default -> key = r.getLong(ord); // INT64, and timestamps as microseconds (with or without time zone)
    }
    long stored = c.stored(key);
    if (c.fill != null && stored == c.fill) {
      throw new WriteInputException("value " + display(c, key) + " of column '" + c.name + "' equals its fill value "
          + c.fill + " (which stands for NULL); cast the column to a wider type");
    }
    b.setLong(i, stored);
  }

  static String display(WriteColumn c, long key) {
    return c.kind == ValueKind.TIMESTAMP ? java.time.Instant.ofEpochSecond(Math.floorDiv(key, 1_000_000L),
        Math.floorMod(key, 1_000_000L) * 1000).toString() : Long.toString(key);
  }

  /** A grid point as its dimension values, for errors. */
  static String describe(DatasetLayout l, long[] pos) {
    StringBuilder sb = new StringBuilder("(");
    for (int d = 0; d < pos.length; d++) {
      CoordinateValues cv = l.coords[d];
      Object key = cv.get((int) (pos[d] - cv.offset()));
      Object shown = l.dims.get(d).kind == ValueKind.TIMESTAMP ? display(l.dims.get(d), (Long) key) : key;
      sb.append(sb.length() > 1 ? ", " : "").append(l.dims.get(d).name).append('=').append(shown);
    }
    return sb.append(')').toString();
  }
}
