package org.zarrspark.spark.write;

import com.fasterxml.jackson.databind.JsonNode;
import org.zarrspark.core.metadata.ArrayMetadata;

/**
 * Which value stands for NULL in a data variable, chosen as xarray chooses it, and the refusals
 * when nothing can: Zarr booleans have no missing value, integers written without a fill value
 * cannot take NULLs later.
 */
final class FillChoice {
  private FillChoice() {}

  /**
   * Fill value of a new variable. Timestamps: numpy's NaT. Integers that need one (NULLs, or grid
   * points no row fills): the type's minimum (or maximum) unless the data uses it. Without a
   * need, none: xarray then reads the variable as integers, as it writes them; with a fill value
   * it masks it and reads floats. Other kinds: none (floats use NaN).
   *
   * @param range the column's [min, max], or null when every value is NULL
   */
  static Long forNewVariable(String n, ValueKind k, long nulls, long[] range, boolean dense) {
    if (k == ValueKind.TIMESTAMP) {
      return Long.MIN_VALUE;
    }
    if (!k.isInteger() || (dense && nulls == 0)) {
      return null;
    }
    int bits = 8 * k.zarrType().itemSize();
    long lo = bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
    long hi = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
    if (range == null || range[0] > lo) {
      return lo;
    }
    if (range[1] < hi) {
      return hi;
    }
    throw new WriteInputException("integer column '" + n + "' uses both the smallest and the largest value of"
        + " its type, so no value is left to stand for NULL: cast it to a wider type");
  }

  /** The fill value an existing integer or time variable was written with (its _FillValue), or null. */
  static Long ofStored(ValueKind k, ArrayMetadata m) {
    if (!k.isInteger() && k != ValueKind.TIMESTAMP) {
      return null;
    }
    JsonNode f = m.attributes().get("_FillValue");
    if (f == null && m.zarrFormat() == 2) {
      f = m.document().get("fill_value");
    }
    return f != null && f.canConvertToLong() ? f.longValue() : null;
  }

  /** Refuses a boolean variable over a grid the rows do not fill: Zarr has no missing boolean. */
  static void checkBooleanFilled(String n, ValueKind k, boolean dense) {
    if (k == ValueKind.BOOL && !dense) {
      throw new WriteInputException("boolean column '" + n + "': the rows leave grid points without a value"
          + " and Zarr booleans have no missing value (write it as an integer or fill every grid point)");
    }
  }

  /** On append, refuses NULLs or empty grid points for an integer variable written without a fill value. */
  static void checkIntegerFill(String n, ValueKind k, Long fill, long nulls, boolean dense) {
    if (k.isInteger() && fill == null && (!dense || nulls > 0)) {
      throw new WriteInputException("integer variable '" + n + "' was written without a fill value (it had no"
          + " missing values), but the appended rows " + (dense ? "hold NULLs" : "leave grid points empty")
          + ": append complete, non-NULL data, or rewrite the dataset with mode overwrite");
    }
  }
}
