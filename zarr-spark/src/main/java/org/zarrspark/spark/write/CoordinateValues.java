package org.zarrspark.spark.write;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;


/**
 * The sorted distinct values of one dimension (Long, Double or String keys, see {@link
 * ValueKind#key}) and where each value sits along the dimension: its rank plus an offset (the
 * existing length, for the appended dimension).
 */
public final class CoordinateValues implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] longs;
  private final double[] doubles;
  private final String[] strings;
  private final long offset;

  private CoordinateValues(long[] longs, double[] doubles, String[] strings, long offset) {
    this.longs = longs;
    this.doubles = doubles;
    this.strings = strings;
    this.offset = offset;
  }

  /** Sorts and deduplicates keys of one kind. */
  public static CoordinateValues of(Collection<?> keys, long offset) {
    Object first = keys.isEmpty() ? Long.valueOf(0) : keys.iterator().next();
    if (first instanceof Long) {
      return new CoordinateValues(keys.stream().mapToLong(k -> (Long) k).sorted().distinct().toArray(), null, null, offset);
    } else if (first instanceof Double) {
      return new CoordinateValues(null, keys.stream().mapToDouble(k -> (Double) k).sorted().distinct().toArray(), null, offset);
    }
    return new CoordinateValues(null, null, keys.stream().map(k -> (String) k).sorted().distinct().toArray(String[]::new), offset);
  }

  public int size() {
    return longs != null ? longs.length : doubles != null ? doubles.length : strings.length;
  }

  public long offset() {
    return offset;
  }

  public long[] longs() {
    return longs;
  }

  public double[] doubles() {
    return doubles;
  }

  public String[] strings() {
    return strings;
  }

  /** The key at a rank. */
  public Object get(int i) {
    return longs != null ? (Object) longs[i] : doubles != null ? (Object) doubles[i] : strings[i];
  }

  /**
   * Position along the dimension of a dimension column's value in a Spark binary row (no boxing):
   * the same keys as {@link ValueKind#key}; fails for NULL and for a value that is not a coordinate.
   */
  public long position(org.apache.spark.sql.catalyst.InternalRow r, int ord, ValueKind kind, String dim) {
    if (r.isNullAt(ord)) {
      throw new WriteInputException("dimension column '" + dim + "' is NULL in a row: every row needs a grid point");
    }
    int i;
    switch (kind) {
      case FLOAT32, FLOAT64 -> {
        double d = kind == ValueKind.FLOAT32 ? r.getFloat(ord) : r.getDouble(ord);
        i = doubles == null ? -1 : Arrays.binarySearch(doubles, d == 0.0 ? 0.0 : d);
      }
      case STRING -> i = strings == null ? -1 : Arrays.binarySearch(strings, r.getUTF8String(ord).toString());
      default -> {
        long v = switch (kind) {
          case BOOL -> r.getBoolean(ord) ? 1L : 0L;
          case INT8 -> r.getByte(ord);
          case INT16 -> r.getShort(ord);
          case INT32 -> r.getInt(ord);
          default -> r.getLong(ord); // INT64, timestamps in microseconds
        };
        i = longs == null ? -1 : Arrays.binarySearch(longs, v);
      }
    }
    if (i < 0) {
      // Read again for the message only: the hot path boxes nothing.
      Object shown = switch (kind) {
        case FLOAT32 -> r.getFloat(ord);
        case FLOAT64 -> r.getDouble(ord);
        case STRING -> r.getUTF8String(ord).toString();
        case TIMESTAMP -> java.time.Instant.EPOCH.plus(r.getLong(ord), java.time.temporal.ChronoUnit.MICROS);
        case BOOL -> r.getBoolean(ord);
        case INT8 -> r.getByte(ord);
        case INT16 -> r.getShort(ord);
        case INT32 -> r.getInt(ord);
        default -> r.getLong(ord);
      };
      throw new WriteInputException("value " + shown + " of dimension '" + dim + "' is not one of its coordinates");
    }
    return offset + i;
  }

  /** Position along the dimension of a key; fails for a key that is not a coordinate. */
  public long position(Object key, String dim) {
    int i;
    if (longs != null) {
      i = Arrays.binarySearch(longs, (Long) key);
    } else if (doubles != null) {
      i = Arrays.binarySearch(doubles, (Double) key);
    } else {
      i = Arrays.binarySearch(strings, (String) key);
    }
    if (i < 0) {
      throw new WriteInputException("value " + key + " of dimension '" + dim + "' is not one of its coordinates");
    }
    return offset + i;
  }
}
