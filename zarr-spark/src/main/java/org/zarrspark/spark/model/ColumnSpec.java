package org.zarrspark.spark.model;

import java.io.Serializable;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One output column: a dimension (its coordinate values, or its integer index) or a variable
 * over some of the table's dimensions. Serializable: it travels to executors.
 */
public final class ColumnSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What the column holds. */
  public enum Role { DIMENSION, INDEX, VARIABLE }

  public final String name;
  public final Role role;
  /** The array behind the column; null for a dimension without a coordinate variable. */
  public final ArrayRef array;
  /** For each axis of the array, the table dimension it runs along. */
  public final int[] tableAxes;
  /** For DIMENSION and INDEX columns: the table dimension. */
  public final int dim;
  public final Decoding decoding;

  private ColumnSpec(String name, Role role, ArrayRef array, int[] tableAxes, int dim, Decoding decoding) {
    this.name = name;
    this.role = role;
    this.array = array;
    this.tableAxes = tableAxes;
    this.dim = dim;
    this.decoding = decoding;
  }

  public static ColumnSpec dimension(String name, int dim, ArrayRef coordinate, Decoding decoding) {
    return new ColumnSpec(name, Role.DIMENSION, coordinate, new int[] {dim}, dim, decoding);
  }

  /** A 0-based integer position along a dimension. */
  public static ColumnSpec index(String name, int dim) {
    return new ColumnSpec(name, Role.INDEX, null, new int[] {dim}, dim, null);
  }

  public static ColumnSpec variable(String name, ArrayRef array, int[] tableAxes, Decoding decoding) {
    return new ColumnSpec(name, Role.VARIABLE, array, tableAxes, -1, decoding);
  }

  /** True when values come from an array (not computed from the position). */
  public boolean readsArray() {
    return array != null;
  }

  public DataType sparkType() {
    return array == null ? DataTypes.LongType : decoding.sparkType();
  }
}
