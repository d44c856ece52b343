package org.zarrspark.spark.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.core.codec.ShardingCodec;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.metadata.ArrayMetadata;

/**
 * A group flattened into a table like xarray's {@code Dataset.to_dataframe()}: one row per point
 * of the chosen dimensions, a column per dimension, then the variables over those dimensions
 * (variables over a subset are broadcast). Also fixes the read grid that partitions follow.
 */
public final class TableModel implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> dims;
  private final long[] dimSizes;
  private final List<ColumnSpec> columns;
  private final ChunkGrid readGrid;
  private final List<String> leftOut;
  private final List<String> notes;

  private TableModel(List<String> dims, long[] dimSizes, List<ColumnSpec> columns, ChunkGrid readGrid,
      List<String> leftOut, List<String> notes) {
    this.dims = dims;
    this.dimSizes = dimSizes;
    this.columns = columns;
    this.readGrid = readGrid;
    this.leftOut = leftOut;
    this.notes = notes;
  }

  /**
   * Builds the table of a group.
   *
   * @param dimensions the dimension set, or null for the default
   * @param variables the data variables to include, or null for all over those dimensions
   */
  public static TableModel of(GroupModel g, List<String> dimensions, List<String> variables, boolean cf,
      boolean indexColumns) {
    List<String> dims = dimensions != null ? dimensions : g.defaultDimensions();
    for (String d : dims) {
      if (!g.dimSizes().containsKey(d)) {
        throw new InvalidMetadataException("dimension '" + d + "' is not in " + g
            + " (dimensions: " + g.dimSizes().keySet() + ")");
      }
    }
    Set<String> dimSet = new HashSet<>(dims);
    long[] sizes = new long[dims.size()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = g.dimSizes().get(dims.get(i));
    }
    List<ColumnSpec> cols = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) {
      String d = dims.get(i);
      Variable c = g.coordinate(d);
      if (c == null) {
        cols.add(ColumnSpec.index(d, i));
        continue;
      }
      Decoding dec = CfConventions.decoding(c.metadata(), cf);
      if (dec.note != null) {
        notes.add(d + ": " + dec.note);
      }
      cols.add(ColumnSpec.dimension(d, i, new ArrayRef(c.path(), c.metadata()), dec));
      if (indexColumns) {
        cols.add(ColumnSpec.index(d + "_index", i));
      }
    }
    List<String> leftOut = new ArrayList<>();
    List<Variable> data = new ArrayList<>(g.dataVariables());
    data.sort((a, b) -> a.name().compareTo(b.name()));
    if (variables != null) {
      for (String v : variables) {
        if (!g.variables().containsKey(v)) {
          throw new InvalidMetadataException("variable '" + v + "' is not in " + g);
        }
      }
      data.removeIf(v -> !variables.contains(v.name()));
    }
    List<Variable> included = new ArrayList<>();
    for (Variable v : data) {
      if (dimSet.containsAll(v.dims()) && v.dims().size() == new LinkedHashSet<>(v.dims()).size()) {
        included.add(v);
      } else {
        leftOut.add(v.name() + v.dims());
      }
    }
    for (Variable v : g.auxCoordinates()) {
      if (dimSet.containsAll(v.dims()) && (variables == null || variables.contains(v.name()))) {
        included.add(v);
      }
    }
    for (Variable v : included) {
      Decoding dec = CfConventions.decoding(v.metadata(), cf);
      if (dec.out == null) {
        leftOut.add(v.name() + " (" + v.metadata().dataType() + " has no Spark column type)");
        continue;
      }
      if (dec.note != null) {
        notes.add(v.name() + ": " + dec.note);
      }
      int[] axes = new int[v.dims().size()];
      for (int a = 0; a < axes.length; a++) {
        axes[a] = dims.indexOf(v.dims().get(a));
      }
      cols.add(ColumnSpec.variable(v.name(), new ArrayRef(v.path(), v.metadata()), axes, dec));
    }
    return new TableModel(Collections.unmodifiableList(new ArrayList<>(dims)), sizes, Collections.unmodifiableList(cols),
        readGrid(dims, sizes, cols), leftOut, notes);
  }

  /** Chunks along each table dimension that partitions follow: those of the largest variable. */
  private static ChunkGrid readGrid(List<String> dims, long[] sizes, List<ColumnSpec> cols) {
    ChunkGrid.Axis[] axes = new ChunkGrid.Axis[dims.size()];
    ColumnSpec primary = null;
    long best = -1;
    for (ColumnSpec c : cols) {
      if (c.role == ColumnSpec.Role.VARIABLE) {
        long n = c.array.metadata().elementCount();
        if (c.tableAxes.length > (primary == null ? -1 : primary.tableAxes.length)
            || (c.tableAxes.length == primary.tableAxes.length && n > best)) {
          primary = c;
          best = n;
        }
      }
    }
    if (primary != null && primary.readsArray()) {
      ChunkGrid chunks = storageGrid(primary.array.metadata());
      for (int a = 0; a < primary.tableAxes.length; a++) {
        axes[primary.tableAxes[a]] = chunks.axis(a);
      }
    }
    for (int d = 0; d < axes.length; d++) {
      if (axes[d] == null) {
        // Not chunked by the primary variable: take the dimension whole (bounded by int).
        axes[d] = ChunkGrid.Axis.regular((int) Math.max(1, Math.min(sizes[d], Integer.MAX_VALUE / 2)));
      }
    }
    return ChunkGrid.of(sizes, axes);
  }

  /** The chunks reads are planned on: inner chunks for sharded arrays. */
  public static ChunkGrid storageGrid(ArrayMetadata m) {
    ShardingCodec s = m.sharding();
    return s != null ? m.chunkGrid().subdivide(s.innerShape()) : m.chunkGrid();
  }

  public List<String> dims() {
    return dims;
  }

  public long[] dimSizes() {
    return dimSizes.clone();
  }

  public List<ColumnSpec> columns() {
    return columns;
  }

  public ColumnSpec column(String name) {
    for (ColumnSpec c : columns) {
      if (c.name.equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** The read grid over the table's dimensions (regular, or rectilinear where the data is). */
  public ChunkGrid readGrid() {
    return readGrid;
  }

  public List<String> leftOut() {
    return leftOut;
  }

  public List<String> notes() {
    return notes;
  }

  public long rowCount() {
    long n = 1;
    for (long s : dimSizes) {
      n = Math.multiplyExact(n, s);
    }
    return n;
  }

  public StructType schema() {
    List<StructField> fields = new ArrayList<>();
    for (ColumnSpec c : columns) {
      boolean nullable = c.role == ColumnSpec.Role.VARIABLE || c.role == ColumnSpec.Role.DIMENSION;
      fields.add(new StructField(c.name, c.role == ColumnSpec.Role.INDEX ? DataTypes.LongType : c.sparkType(),
          nullable, Metadata.empty()));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  @Override
  public String toString() {
    return "table over " + dims + " " + Arrays.toString(dimSizes);
  }
}
