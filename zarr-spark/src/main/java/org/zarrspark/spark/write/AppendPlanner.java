package org.zarrspark.spark.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.spark.sql.types.StructType;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.CfCalendar;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.write.ArrayDocument;
import org.zarrspark.core.write.CfTime;
import org.zarrspark.core.write.WriteGrid;
import org.zarrspark.spark.ZarrOptionException;
import org.zarrspark.spark.model.CfConventions;
import org.zarrspark.spark.util.StoreLocation;

/**
 * Plans the append of new steps along one dimension of a dataset this writer (or xarray) wrote:
 * same variables and types, the other dimensions' values among the existing coordinates, and the
 * new steps after the existing ones.
 */
public final class AppendPlanner {
  private AppendPlanner() {}

  /** The dimensions of an existing dataset's data variables (which must share them). */
  public static List<String> dimensions(Hierarchy h) {
    return ExistingDataset.of(h).dims();
  }

  public static WritePlan plan(StructType schema, WriteOptions o, InputStats stats, Hierarchy h, StoreLocation target) {
    List<String> names = Arrays.asList(schema.fieldNames());
    ExistingDataset existing = ExistingDataset.of(h);
    List<String> existingDims = existing.dims();
    if (o.dimensions() != null && !o.dimensions().equals(existingDims)) {
      throw new ZarrOptionException(WriteOptions.DIMENSIONS, "option dimensions " + o.dimensions()
          + " differs from the store's dimensions " + existingDims);
    }
    List<String> expected = new ArrayList<>(existingDims);
    expected.addAll(existing.vars());
    if (!new TreeSet<>(names).equals(new TreeSet<>(expected))) {
      throw new WriteInputException("the appended columns " + names + " differ from the store's " + expected);
    }
    String appendDim = o.appendDim() != null ? o.appendDim() : existingDims.get(0);
    int a = existingDims.indexOf(appendDim);
    if (a < 0) {
      throw new ZarrOptionException(WriteOptions.APPEND_DIM, "append dimension '" + appendDim + "' is not one of "
          + existingDims);
    }
    int rank = existingDims.size();
    List<WriteColumn> dims = new ArrayList<>();
    CoordinateValues[] coords = new CoordinateValues[rank];
    long[] shape = new long[rank];
    long[] start = new long[rank];
    List<ArrayDocument> coordDocs = new ArrayList<>();
    List<NdBuffer> coordValues = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      String n = existingDims.get(d);
      ValueKind k = ValueKind.of(n, schema.apply(n).dataType());
      if (!h.kind(n).equals(Hierarchy.Kind.ARRAY)) {
        throw new WriteInputException("dimension '" + n + "' has no coordinate array: cannot append");
      }
      ZarrArray ca = h.array(n);
      WriteColumn c = new WriteColumn(n, names.indexOf(n), k, storedTime(n, k, ca.metadata()), null);
      dims.add(c);
      if (stats.nulls.getOrDefault(n, 0L) > 0) {
        throw new WriteInputException("dimension column '" + n + "' has NULL values: every row needs a grid point");
      }
      CoordinateValues old = CoordinateValues.of(CoordinateArrays.keys(c, ca), 0);
      CoordinateValues incoming = CoordinateValues.of(stats.distinct.get(n), 0);
      long len = ca.metadata().shape()[0];
      if (d == a) {
        if (incoming.size() > 0 && len > 0 && compare(incoming.get(0), old.get(old.size() - 1)) <= 0) {
          throw new WriteInputException("appended values of '" + n + "' start at " + incoming.get(0)
              + ", not after the existing last value " + old.get(old.size() - 1));
        }
        coords[d] = CoordinateValues.of(stats.distinct.get(n), len);
        start[d] = len;
        shape[d] = len + incoming.size();
        for (int i = 0; i < incoming.size(); i++) {
          if (incoming.get(i) instanceof Long) {
            c.stored((Long) incoming.get(i)); // fails for times the existing units cannot hold
          }
        }
        coordDocs.add(ArrayDocument.resized(n, ca.metadata(), new long[] {shape[d]}));
        coordValues.add(CoordinateArrays.buffer(c, incoming));
      } else {
        for (int i = 0; i < incoming.size(); i++) {
          old.position(incoming.get(i), n); // refuses values that are not existing coordinates
        }
        coords[d] = old;
        shape[d] = len;
      }
    }
    long[] appended = shape.clone();
    appended[a] -= start[a];
    boolean dense = stats.dense(NewDatasetPlanner.points(appended));
    List<WriteColumn> vars = new ArrayList<>();
    List<ArrayDocument> varDocs = new ArrayList<>();
    int[] stored = null;
    for (String n : existing.vars()) {
      ArrayMetadata m = h.arrayMetadata(n);
      ValueKind k = ValueKind.of(n, schema.apply(n).dataType());
      CfTime time = storedTime(n, k, m);
      Long fill = FillChoice.ofStored(k, m);
      FillChoice.checkBooleanFilled(n, k, dense);
      FillChoice.checkIntegerFill(n, k, fill, stats.nulls.getOrDefault(n, 0L), dense);
      vars.add(new WriteColumn(n, names.indexOf(n), k, time, fill));
      if (!m.chunkGrid().isRegular()) {
        // The new steps would need chunk lengths the options cannot give on append.
        throw new WriteInputException("data variable '" + n + "' has a rectilinear chunk grid " + m.chunkGrid()
            + ": appending to it is not supported; write the whole dataset again (mode overwrite) with its"
            + " chunks option");
      }
      if (stored != null && !Arrays.equals(stored, m.chunkShape())) {
        throw new WriteInputException("data variables have different chunks: append needs one chunk grid");
      }
      stored = m.chunkShape();
      varDocs.add(ArrayDocument.resized(n, m, shape));
    }
    DatasetLayout layout = new DatasetLayout(target, dims, coords, vars, varDocs, new WriteGrid(shape, stored, start));
    return new WritePlan(h.zarrFormat(), true, layout, coordDocs, coordValues, start[a]);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object x, Object y) {
    return ((Comparable) x).compareTo(y);
  }

  /** Refuses a column whose type differs from the stored array's; returns its time encoding. */
  private static CfTime storedTime(String n, ValueKind k, ArrayMetadata m) {
    JsonNode units = m.attributes().get("units");
    boolean time = units != null && units.isTextual() && units.textValue().toLowerCase(Locale.ROOT).contains(" since ");
    boolean same = time ? k == ValueKind.TIMESTAMP : k != ValueKind.TIMESTAMP && k.zarrType().equals(m.dataType());
    if (!same) {
      throw new WriteInputException("column '" + n + "' (" + k + ") does not match the stored array (" + m.dataType()
          + (time ? ", CF time" : "") + "): cast it to the stored type");
    }
    if (!time) {
      return null;
    }
    long[] since = CfConventions.sinceUnits(units.textValue());
    if (since == null) {
      throw new WriteInputException("cannot append to '" + n + "': its units '" + units.textValue()
          + "' are not understood");
    }
    // Reading decodes noleap and julian times to timestamps too; this writer counts proleptic
    // Gregorian time only, so appending to them would shift dates: refused.
    String calendar = m.attributes().path("calendar").asText(null);
    if (CfCalendar.of(calendar) != CfCalendar.PROLEPTIC_GREGORIAN) {
      throw new WriteInputException("cannot append to '" + n + "': its calendar '" + calendar
          + "' is not one this writer encodes (standard, gregorian, proleptic_gregorian)");
    }
    return new CfTime(units.textValue().trim().split("\\s+")[0], since[0], since[1]);
  }
}
