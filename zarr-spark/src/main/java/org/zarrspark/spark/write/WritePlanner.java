package org.zarrspark.spark.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.StructType;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.write.ArrayDocument;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.CfTime;
import org.zarrspark.core.write.CodecJson;
import org.zarrspark.core.write.DefaultChunks;
import org.zarrspark.core.write.WriteGrid;
import org.zarrspark.spark.model.CfConventions;
import org.zarrspark.spark.util.StoreLocation;

/**
 * Turns an input schema, its {@link InputStats} and the options into a {@link WritePlan}: a new
 * dataset laid out as xarray's to_zarr lays it out, or the append of new steps to an existing one.
 */
public final class WritePlanner {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** xarray's _FillValue of floats in v3 attributes: base64 of the float64 NaN bytes. */
  private static final String NAN_BASE64 = "AAAAAAAA+H8=";

  private WritePlanner() {}

  /** Dimension columns (from the option), checked against the schema. */
  public static List<String> dimensions(StructType schema, WriteOptions o) {
    if (o.dimensions == null) {
      throw new InvalidMetadataException("option '" + WriteOptions.DIMENSIONS + "' is required to write Zarr: the"
          + " columns that index the grid, in dimension order (e.g. \"time,lat,lon\")");
    }
    List<String> names = Arrays.asList(schema.fieldNames());
    for (String d : o.dimensions) {
      if (!names.contains(d)) {
        throw new InvalidMetadataException("dimension column '" + d + "' is not a column (columns: " + names + ")");
      }
    }
    if (o.dimensions.size() == names.size()) {
      throw new InvalidMetadataException("every column is a dimension: nothing to store as a data variable");
    }
    return o.dimensions;
  }

  public static WritePlan create(StructType schema, WriteOptions o, InputStats stats, StoreLocation target) {
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
        throw new InvalidMetadataException("dimension column '" + n + "' is boolean: dimensions must be numbers, strings or timestamps");
      }
      if (stats.nulls.getOrDefault(n, 0L) > 0) {
        throw new InvalidMetadataException("dimension column '" + n + "' has " + stats.nulls.get(n)
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
        checkBooleanFilled(n, k, dense);
        vars.add(new WriteColumn(n, names.indexOf(n), k, k == ValueKind.TIMESTAMP ? timeOfVariable(n, stats) : null,
            fillOf(n, k, stats, dense)));
        widest = Math.max(widest, k == ValueKind.STRING ? 8 : k.zarrType().itemSize());
      }
    }
    int[] chunks = o.chunks != null ? checkRank(WriteOptions.CHUNKS, o.chunks, rank) : DefaultChunks.choose(shape, widest);
    int[] stored = chunks;
    if (o.shards != null) {
      if (o.chunks == null) {
        throw new InvalidMetadataException("option '" + WriteOptions.SHARDS + "' needs '" + WriteOptions.CHUNKS
            + "' (the inner chunks; each shard length a multiple of the chunk length)");
      }
      stored = checkRank(WriteOptions.SHARDS, o.shards, rank);
      for (int i = 0; i < rank; i++) {
        if (stored[i] % chunks[i] != 0) {
          throw new InvalidMetadataException("shard " + Arrays.toString(stored) + " is not a multiple of chunk "
              + Arrays.toString(chunks) + " in every dimension");
        }
      }
    }
    List<ArrayDocument> varDocs = new ArrayList<>();
    for (WriteColumn v : vars) {
      ArraySpec s = ArraySpec.of(v.kind.zarrType(), shape, stored).zarrFormat(o.zarrFormat).dimensionNames(dimNames);
      encode(s, v, o);
      codecs(s, v.kind.zarrType(), o, o.shards != null ? chunks : null);
      varDocs.add(ArrayDocument.of(v.name, s));
    }
    List<ArrayDocument> coordDocs = new ArrayList<>();
    List<NdBuffer> coordValues = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      WriteColumn c = dims.get(d);
      DataType t = c.kind.zarrType();
      long[] cs = {shape[d]};
      ArraySpec s = ArraySpec.of(t, cs, DefaultChunks.choose(cs, Math.max(8, t.itemSize())))
          .zarrFormat(o.zarrFormat).dimensionNames(List.of(c.name));
      encode(s, c, o);
      codecs(s, t, o, null);
      coordDocs.add(ArrayDocument.of(c.name, s));
      coordValues.add(values(c, coords[d], 0));
    }
    DatasetLayout layout = new DatasetLayout(target, dims, coords, vars, varDocs, new WriteGrid(shape, stored, new long[rank]));
    return new WritePlan(o.zarrFormat, false, layout, coordDocs, coordValues, new long[rank]);
  }

  private static int[] checkRank(String option, int[] v, int rank) {
    if (v.length != rank) {
      throw new InvalidMetadataException("option '" + option + "' has " + v.length + " lengths for " + rank + " dimensions");
    }
    return v;
  }

  /** A timestamp data variable's encoding, as xarray chooses it: relative to its earliest value, the coarsest exact unit. */
  private static CfTime timeOfVariable(String n, InputStats stats) {
    CfTime t = stats.times.get(n);
    return t != null ? t : CfTime.infer(new long[0]); // every value NULL
  }

  private static long points(long[] shape) {
    long n = 1;
    for (long s : shape) {
      n = Math.multiplyExact(n, s);
    }
    return n;
  }

  /**
   * Fill value of integer variables that need one (NULLs, or grid points no row fills): the type's
   * minimum (or maximum) unless the data uses it. Without a need, none: xarray then reads the
   * variable as integers, as it writes them; with a fill value it masks it and reads floats.
   */
  private static Long fillOf(String n, ValueKind k, InputStats stats, boolean dense) {
    if (k == ValueKind.TIMESTAMP) {
      return Long.MIN_VALUE; // numpy's NaT
    }
    if (!k.isInteger() || (dense && stats.nulls.getOrDefault(n, 0L) == 0)) {
      return null;
    }
    int bits = 8 * k.zarrType().itemSize();
    long lo = bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
    long hi = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
    long[] r = stats.ranges.get(n);
    if (r == null || r[0] > lo) {
      return lo;
    }
    if (r[1] < hi) {
      return hi;
    }
    throw new InvalidMetadataException("integer column '" + n + "' uses both the smallest and the largest value of"
        + " its type, so no value is left to stand for NULL: cast it to a wider type");
  }

  /**
   * Refuses a variable whose missing values have nothing to be stored as: booleans (Zarr has no
   * missing boolean) over a grid the rows do not fill, and, on append, integer variables written
   * without a fill value when the new rows hold NULLs or leave grid points empty.
   */
  private static void checkBooleanFilled(String n, ValueKind k, boolean dense) {
    if (k == ValueKind.BOOL && !dense) {
      throw new InvalidMetadataException("boolean column '" + n + "': the rows leave grid points without a value"
          + " and Zarr booleans have no missing value (write it as an integer or fill every grid point)");
    }
  }

  private static void checkIntegerFill(String n, ValueKind k, Long fill, InputStats stats, boolean dense) {
    if (k.isInteger() && fill == null && (!dense || stats.nulls.getOrDefault(n, 0L) > 0)) {
      throw new InvalidMetadataException("integer variable '" + n + "' was written without a fill value (it had no"
          + " missing values), but the appended rows " + (dense ? "hold NULLs" : "leave grid points empty")
          + ": append complete, non-NULL data, or rewrite the dataset with mode overwrite");
    }
  }

  /** CF attributes and fill values the way xarray writes them. */
  private static void encode(ArraySpec s, WriteColumn c, WriteOptions o) {
    ObjectNode attrs = F.objectNode();
    boolean v3 = o.zarrFormat == 3;
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
      byte[] fill = le(c.fill, t.itemSize());
      s.fill(fill); // metadata fill_value too, so chunks never written read as missing
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

  private static byte[] le(long v, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  /** Codecs from the options: v3 [bytes|vlen-utf8, compressor] (inside sharding_indexed when sharded); v2 a compressor. */
  private static void codecs(ArraySpec s, DataType t, WriteOptions o, int[] innerChunks) {
    String codec = o.codec != null ? o.codec : o.zarrFormat == 3 ? "zstd" : "blosc";
    int typesize = t.isVariableLength() ? 1 : t.itemSize();
    if (o.zarrFormat == 2) {
      switch (codec) {
        case "none": s.compressor(null); break;
        case "zstd": s.compressor(CodecJson.v2("zstd").put("level", level(o, 1))); break;
        case "gzip": s.compressor(CodecJson.v2("gzip").put("level", level(o, 5))); break;
        case "zlib": s.compressor(CodecJson.v2("zlib").put("level", level(o, 1))); break;
        default: s.compressor(CodecJson.v2Blosc("lz4", level(o, 5), typesize == 1 ? 2 : 1)); break;
      }
      return;
    }
    ArrayNode list = F.arrayNode();
    list.add(t.isVariableLength() ? CodecJson.vlenUtf8() : CodecJson.bytes(true));
    switch (codec) {
      case "none": break;
      case "gzip": list.add(CodecJson.gzip(level(o, 5))); break;
      case "zlib": list.add(CodecJson.numcodecs(CodecJson.v2("zlib").put("level", level(o, 1)))); break;
      case "blosc": list.add(CodecJson.blosc("lz4", level(o, 5), typesize == 1 ? "bitshuffle" : "shuffle", typesize)); break;
      default: list.add(CodecJson.zstd(level(o, 0), false)); break;
    }
    s.codecs(innerChunks == null ? list : CodecJson.list(CodecJson.sharding(innerChunks, list, true)));
  }

  private static int level(WriteOptions o, int def) {
    return o.level != null ? o.level : def;
  }

  /** A coordinate's stored values for ranks [0, n) of {@code v}. */
  private static NdBuffer values(WriteColumn c, CoordinateValues v, int unused) {
    int n = v.size();
    DataType t = c.kind.zarrType();
    if (t.isVariableLength()) {
      return NdBuffer.wrapObjects(t, new int[] {n}, v.strings().clone());
    }
    org.zarrspark.core.write.BlockBuilder b = new org.zarrspark.core.write.BlockBuilder(t, new int[] {n}, null);
    for (int i = 0; i < n; i++) {
      if (v.doubles() != null) {
        b.setDouble(i, v.doubles()[i]);
      } else {
        b.setLong(i, c.stored(v.longs()[i]));
      }
    }
    return b.build();
  }

  // ---- append ----

  /**
   * Appends new steps along one dimension of a dataset this writer (or xarray) wrote: same
   * variables and types, the other dimensions' values among the existing coordinates, and the
   * new steps after the existing ones.
   */
  public static WritePlan append(StructType schema, WriteOptions o, InputStats stats, Hierarchy h, StoreLocation target) {
    List<String> names = Arrays.asList(schema.fieldNames());
    List<String> existingVars = new ArrayList<>();
    List<String> existingDims = existing(h, existingVars);
    if (o.dimensions != null && !o.dimensions.equals(existingDims)) {
      throw new InvalidMetadataException("option dimensions " + o.dimensions + " differs from the store's dimensions " + existingDims);
    }
    List<String> expected = new ArrayList<>(existingDims);
    expected.addAll(existingVars);
    if (!new java.util.TreeSet<>(names).equals(new java.util.TreeSet<>(expected))) {
      throw new InvalidMetadataException("the appended columns " + names + " differ from the store's " + expected);
    }
    String appendDim = o.appendDim != null ? o.appendDim : existingDims.get(0);
    int a = existingDims.indexOf(appendDim);
    if (a < 0) {
      throw new InvalidMetadataException("append dimension '" + appendDim + "' is not one of " + existingDims);
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
        throw new InvalidMetadataException("dimension '" + n + "' has no coordinate array: cannot append");
      }
      ZarrArray ca = h.array(n);
      CfTime time = checkKind(n, k, ca.metadata());
      WriteColumn c = new WriteColumn(n, names.indexOf(n), k, time, null);
      dims.add(c);
      if (stats.nulls.getOrDefault(n, 0L) > 0) {
        throw new InvalidMetadataException("dimension column '" + n + "' has NULL values: every row needs a grid point");
      }
      CoordinateValues existing = CoordinateValues.of(keys(c, ca), 0);
      CoordinateValues incoming = CoordinateValues.of(stats.distinct.get(n), 0);
      long len = ca.metadata().shape()[0];
      if (d == a) {
        if (incoming.size() > 0 && len > 0 && compare(incoming.get(0), existing.get(existing.size() - 1)) <= 0) {
          throw new InvalidMetadataException("appended values of '" + n + "' start at " + incoming.get(0)
              + ", not after the existing last value " + existing.get(existing.size() - 1));
        }
        coords[d] = CoordinateValues.of(stats.distinct.get(n), len);
        start[d] = len;
        shape[d] = len + incoming.size();
        for (int i = 0; i < incoming.size(); i++) {
          if (incoming.get(i) instanceof Long) {
            c.stored((Long) incoming.get(i)); // fails for times the existing units cannot hold
          }
        }
        ArrayDocument doc = ArrayDocument.resized(n, ca.metadata(), new long[] {shape[d]});
        coordDocs.add(doc);
        coordValues.add(values(c, incoming, 0));
      } else {
        for (int i = 0; i < incoming.size(); i++) {
          existing.position(incoming.get(i), n); // refuses values that are not existing coordinates
        }
        coords[d] = existing;
        shape[d] = len;
      }
    }
    long[] appended = shape.clone();
    appended[a] -= start[a];
    boolean dense = stats.dense(points(appended));
    List<WriteColumn> vars = new ArrayList<>();
    List<ArrayDocument> varDocs = new ArrayList<>();
    int[] stored = null;
    for (String n : existingVars) {
      ArrayMetadata m = h.arrayMetadata(n);
      ValueKind k = ValueKind.of(n, schema.apply(n).dataType());
      CfTime time = checkKind(n, k, m);
      Long fill = null;
      if (k.isInteger() || k == ValueKind.TIMESTAMP) {
        JsonNode f = m.attributes().get("_FillValue");
        if (f == null && m.zarrFormat() == 2) {
          f = m.document().get("fill_value");
        }
        fill = f != null && f.canConvertToLong() ? f.longValue() : null;
      }
      checkBooleanFilled(n, k, dense);
      checkIntegerFill(n, k, fill, stats, dense);
      vars.add(new WriteColumn(n, names.indexOf(n), k, time, fill));
      if (stored != null && !Arrays.equals(stored, m.chunkShape())) {
        throw new InvalidMetadataException("data variables have different chunks: append needs one chunk grid");
      }
      stored = m.chunkShape();
      varDocs.add(ArrayDocument.resized(n, m, shape));
    }
    long[] origins = new long[1];
    origins[0] = start[a];
    DatasetLayout layout = new DatasetLayout(target, dims, coords, vars, varDocs, new WriteGrid(shape, stored, start));
    return new WritePlan(h.zarrFormat(), true, layout, coordDocs, coordValues, origins);
  }

  /** The dimensions of an existing dataset's data variables (which must share them). */
  public static List<String> appendDimensions(Hierarchy h) {
    return existing(h, new ArrayList<>());
  }

  private static List<String> existing(Hierarchy h, List<String> vars) {
    List<String> dims = null;
    for (String child : h.children("")) {
      if (h.kind(child) != Hierarchy.Kind.ARRAY) {
        continue;
      }
      ArrayMetadata m = h.arrayMetadata(child);
      List<String> dn = m.dimensionNames();
      if (dn == null) {
        throw new InvalidMetadataException("array '" + child + "' has no dimension names: cannot append to it");
      }
      if (dn.size() == 1 && dn.get(0).equals(child)) {
        continue; // a coordinate
      }
      if (dims != null && !dims.equals(dn)) {
        throw new InvalidMetadataException("the data variables of the store have different dimensions ("
            + dims + ", " + dn + "): append needs one grid");
      }
      dims = dn;
      vars.add(child);
    }
    if (dims == null) {
      throw new InvalidMetadataException("the store has no data variable to append to");
    }
    return dims;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object x, Object y) {
    return ((Comparable) x).compareTo(y);
  }

  /** The existing coordinate values as keys. */
  private static List<Object> keys(WriteColumn c, ZarrArray a) {
    NdBuffer b = a.readAll();
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < b.size(); i++) {
      switch (c.kind) {
        case STRING: out.add(b.getString(i)); break;
        case FLOAT32: case FLOAT64: out.add(c.kind.key(b.getAsDouble(i))); break;
        case TIMESTAMP: out.add(Math.addExact(c.time.epochMicros(), Math.multiplyExact(b.getAsLong(i), c.time.unitMicros()))); break;
        default: out.add(b.getAsLong(i)); break;
      }
    }
    return out;
  }

  /** Refuses a column whose type differs from the stored array's; returns its time encoding. */
  private static CfTime checkKind(String n, ValueKind k, ArrayMetadata m) {
    JsonNode units = m.attributes().get("units");
    boolean time = units != null && units.isTextual() && units.textValue().toLowerCase(Locale.ROOT).contains(" since ");
    boolean same = time ? k == ValueKind.TIMESTAMP : k != ValueKind.TIMESTAMP && k.zarrType().equals(m.dataType());
    if (!same) {
      throw new InvalidMetadataException("column '" + n + "' (" + k + ") does not match the stored array (" + m.dataType()
          + (time ? ", CF time" : "") + "): cast it to the stored type");
    }
    if (!time) {
      return null;
    }
    long[] since = CfConventions.sinceUnits(units.textValue());
    if (since == null) {
      throw new InvalidMetadataException("cannot append to '" + n + "': its units '" + units.textValue() + "' are not understood");
    }
    return new CfTime(units.textValue().trim().split("\\s+")[0], since[0], since[1]);
  }
}
