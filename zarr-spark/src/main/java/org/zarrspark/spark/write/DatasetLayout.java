package org.zarrspark.spark.write;

import java.io.Serializable;
import java.util.List;
import org.zarrspark.core.write.ArrayDocument;
import org.zarrspark.core.write.WriteGrid;
import org.zarrspark.spark.util.StoreLocation;

/**
 * What the write tasks need, broadcast once per write: where to write, the dimension columns and
 * their coordinates (to place a row on the grid), the data variables with their array documents,
 * and the grid of chunks (the unit a task owns and writes whole).
 */
public final class DatasetLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  public final StoreLocation location;
  public final List<WriteColumn> dims;
  public final CoordinateValues[] coords;
  public final List<WriteColumn> vars;
  public final List<ArrayDocument> varDocs;
  public final WriteGrid grid;

  public DatasetLayout(StoreLocation location, List<WriteColumn> dims, CoordinateValues[] coords,
      List<WriteColumn> vars, List<ArrayDocument> varDocs, WriteGrid grid) {
    this.location = location;
    this.dims = dims;
    this.coords = coords;
    this.vars = vars;
    this.varDocs = varDocs;
    this.grid = grid;
  }
}
