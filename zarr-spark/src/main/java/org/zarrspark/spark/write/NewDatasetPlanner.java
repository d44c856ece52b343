package org.zarrspark.spark.write;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.StructType;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.write.ArrayDocument;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.CfTime;
import org.zarrspark.core.write.DefaultChunks;
import org.zarrspark.core.write.WriteGrid;
import org.zarrspark.spark.ZarrOptionException;
import org.zarrspark.spark.util.StoreLocation;

/** Plans a new dataset from an input schema, its {@link InputStats} and the options, laid out as xarray's to_zarr lays it out. */
public final class NewDatasetPlanner {
  private NewDatasetPlanner() {}

  /** Dimension columns (from the option), checked against the schema. */
  public static List<String> dimensions(StructType schema, WriteOptions o) {
    if (o.dimensions() == null) {
      throw new ZarrOptionException(WriteOptions.DIMENSIONS, "option '" + WriteOptions.DIMENSIONS + "' is required"
          + " to write Zarr: the columns that index the grid, in dimension order (e.g. \"time,lat,lon\")");
    }
    List<String> names = Arrays.asList(schema.fieldNames());
    for (String d : o.dimensions()) {
      if (!names.contains(d)) {
        throw new ZarrOptionException(WriteOptions.DIMENSIONS, "dimension column '" + d + "' is not a column"
            + " (columns: " + names + ")");
      }
    }
    if (o.dimensions().size() == names.size()) {
      throw new WriteInputException("every column is a dimension: nothing to store as a data variable");
    }
    return o.dimensions();
  }

  public static WritePlan plan(StructType schema, WriteOptions o, InputStats stats, StoreLocation target) {
    List<String> dimNames = dimensions(schema, o);
    List<String> names = Arrays.asList(schema.fieldNames());
    int rank = dimNames.size();
    List<WriteColumn> dims = new ArrayList<>();
    CoordinateValues[] coords = new CoordinateValues[rank];
    long[] shape = new long[rank];
    for (int d = 0; d < rank; d++) {
      String n = dimNames.get(d);
      ValueKind k = ValueKind.of(n, schema.apply(n).dataType());
      if (k == ValueKind.BOOL) {
        throw new WriteInputException("dimension column '" + n + "' is boolean: dimensions must be numbers, strings or timestamps");
      }
      if (stats.nulls.getOrDefault(n, 0L) > 0) {
        throw new WriteInputException("dimension column '" + n + "' has " + stats.nulls.get(n)
            + " NULL values: every row needs a grid point");
      }
      coords[d] = CoordinateValues.of(stats.distinct.get(n), 0);
      CfTime time = k == ValueKind.TIMESTAMP ? CfTime.infer(coords[d].longs()) : null;
      dims.add(new WriteColumn(n, names.indexOf(n), k, time, null));
      shape[d] = coords[d].size();
    }
    List<WriteColumn> vars = new ArrayList<>();
    int widest = 1;
    boolean dense = stats.dense(points(shape));
    for (String n : names) {
      if (!dimNames.contains(n)) {
        ValueKind k = ValueKind.of(n, schema.apply(n).dataType());
        FillChoice.checkBooleanFilled(n, k, dense);
        Long fill = FillChoice.forNewVariable(n, k, stats.nulls.getOrDefault(n, 0L), stats.ranges.get(n), dense);
        vars.add(new WriteColumn(n, names.indexOf(n), k, k == ValueKind.TIMESTAMP ? timeOfVariable(n, stats) : null, fill));
        widest = Math.max(widest, k == ValueKind.STRING ? 8 : k.zarrType().itemSize());
      }
    }
    ChunkLayout chunking = ChunkLayout.of(o, shape, widest);
    List<ArrayDocument> varDocs = new ArrayList<>();
    for (WriteColumn v : vars) {
      ArraySpec s = ArraySpec.of(v.kind.zarrType(), chunking.stored()).zarrFormat(o.zarrFormat())
          .dimensionNames(dimNames);
      CfEncoding.apply(s, v, o.zarrFormat());
      CodecChoice.apply(s, v.kind.zarrType(), o, chunking.innerChunks());
      varDocs.add(ArrayDocument.of(v.name, s));
    }
    List<ArrayDocument> coordDocs = new ArrayList<>();
    List<NdBuffer> coordValues = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      WriteColumn c = dims.get(d);
      DataType t = c.kind.zarrType();
      long[] cs = {shape[d]};
      ArraySpec s = ArraySpec.of(t, cs, DefaultChunks.choose(cs, Math.max(8, t.itemSize())))
          .zarrFormat(o.zarrFormat()).dimensionNames(List.of(c.name));
      CfEncoding.apply(s, c, o.zarrFormat());
      CodecChoice.apply(s, t, o, null);
      coordDocs.add(ArrayDocument.of(c.name, s));
      coordValues.add(CoordinateArrays.buffer(c, coords[d]));
    }
    DatasetLayout layout = new DatasetLayout(target, dims, coords, vars, varDocs,
        new WriteGrid(chunking.stored(), new long[rank]));
    return new WritePlan(o.zarrFormat(), false, layout, coordDocs, coordValues, 0);
  }

  /** A timestamp data variable's encoding, as xarray chooses it: relative to its earliest value, the coarsest exact unit. */
  private static CfTime timeOfVariable(String n, InputStats stats) {
    CfTime t = stats.times.get(n);
    return t != null ? t : CfTime.infer(new long[0]); // every value NULL
  }

  /** Grid points of a shape. */
  static long points(long[] shape) {
    long n = 1;
    for (long s : shape) {
      n = Math.multiplyExact(n, s);
    }
    return n;
  }
}
