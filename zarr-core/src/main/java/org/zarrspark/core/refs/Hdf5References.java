package org.zarrspark.core.refs;

import static io.jhdf.Constants.UNDEFINED_ADDRESS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.ObjectHeader;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.dataset.CompactDataset;
import io.jhdf.dataset.ContiguousDatasetImpl;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.ChunkedDatasetBase;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessageV4;
import io.jhdf.object.message.FillValueMessage;
import io.jhdf.object.message.FilterPipelineMessage;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.zarrspark.core.error.InvalidReferencesException;
import org.zarrspark.core.error.MissingTargetException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.store.Store;

/**
 * The kerchunk references of one NetCDF-4 / HDF5 file, computed in the JVM (what kerchunk's
 * {@code SingleHdf5ToZarr} writes, without inlining): each dataset is a Zarr v2 array whose
 * chunks are byte ranges of the file itself. The file's headers and chunk index are read with
 * jHDF (through ranged reads of its store); no chunk is read or decoded here.
 *
 * <p>Per dataset: shape, dtype, chunk shape (a contiguous or compact dataset is one chunk), the
 * HDF5 filter pipeline as numcodecs filters in pipeline order (deflate → {@code zlib}, shuffle →
 * {@code shuffle} with {@code elementsize}, fletcher32 → {@code fletcher32}), the fill value
 * ({@code _FillValue} in a NetCDF file, else the HDF5 dataset's), {@code _ARRAY_DIMENSIONS} from
 * the dimension scales ({@code phony_dim_<axis>} without them), the attributes without the
 * NetCDF/HDF5 bookkeeping ones, and each allocated chunk's offset and length. Datasets of other
 * types (strings, compounds, references, ...) and NetCDF dimensions without variable are left out.
 */
public final class Hdf5References implements ListedReferences {
  /** Bookkeeping attributes kerchunk drops (and {@code _FillValue}, which becomes {@code fill_value}). */
  private static final Set<String> DROPPED = Set.of("DIMENSION_LIST", "REFERENCE_LIST", "CLASS", "NAME",
      "_Netcdf4Dimid", "_Netcdf4Coordinates", "_NCProperties", "_nc3_strict", "_FillValue");
  private static final String NETCDF_DIM_ONLY = "This is a netCDF dimension but not a netCDF variable";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Map<String, byte[]> metadata = new LinkedHashMap<>();
  private final Map<String, Ref> chunks = new HashMap<>();
  private final String url;
  private final long fileSize;
  private final Map<Long, String> scaleNames = new HashMap<>();
  private final Map<String, long[]> maxShapes = new HashMap<>();
  private boolean netcdf;
  /** Where the file was read from (named in errors). */
  private String location;

  private Hdf5References(String url, long fileSize) {
    this.url = url;
    this.fileSize = fileSize;
  }

  /** Whether a location's last name marks it as a NetCDF-4 / HDF5 file. */
  public static boolean isHdf5Name(String location) {
    String s = location.toLowerCase(Locale.ROOT);
    return s.endsWith(".nc") || s.endsWith(".nc4") || s.endsWith(".h5") || s.endsWith(".hdf5");
  }

  /**
   * The references of file {@code name} of a store. References name the file by {@code name}
   * (relative: resolved against the directory of the set, i.e. the file's own); errors name
   * {@code location}.
   */
  public static Hdf5References read(Store dir, String name, String location) {
    return read(dir, name, location, StoreChannel.BLOCK);
  }

  static Hdf5References read(Store dir, String name, String location, int block) {
    long size;
    try {
      size = dir.size(name);
    } catch (ZarrException e) {
      throw e.at(location, null);
    }
    if (size < 0) {
      throw new MissingTargetException("the NetCDF-4 / HDF5 file does not exist").at(location, null);
    }
    String url = name.contains(":") ? "./" + name : name;
    Hdf5References r = new Hdf5References(url, size);
    r.location = location;
    StoreChannel channel = new StoreChannel(dir, name, size, block);
    try (channel; HdfFile f = BoundedHdfStorage.open(channel)) {
      r.netcdf = f.getAttributes().containsKey("_NCProperties");
      r.indexScales(f, new java.util.HashSet<>(List.of(f.getAddress())));
      r.group(f, "", new java.util.HashSet<>(List.of(f.getAddress())));
    } catch (ZarrException e) {
      throw e.at(location, null);
    } catch (StackOverflowError e) {
      throw new InvalidReferencesException("not a readable NetCDF-4 / HDF5 file (" + why(e) + ")").at(location, null);
    } catch (RuntimeException | LinkageError e) {
      ZarrException z = zarrCause(e);
      if (z != null) {
        throw z.at(location, null);
      }
      throw new InvalidReferencesException("not a readable NetCDF-4 / HDF5 file (" + why(e) + ")", e).at(location, null);
    }
    return r;
  }

  /** A typed error jHDF wrapped (a bounded read refused, a store failure), if any. */
  private static ZarrException zarrCause(Throwable e) {
    Throwable t = e;
    for (int n = 0; t != null && n < 16; t = t.getCause(), n++) {
      if (t instanceof ZarrException z) {
        return z;
      }
    }
    return null;
  }

  /** What jHDF said, outermost first (its messages wrap the cause: "failed to load group" ... "signature not matched"). */
  private static String why(Throwable e) {
    StringBuilder b = new StringBuilder();
    int n = 0;
    for (Throwable t = e; t != null && n < 4; t = t.getCause(), n++) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (t instanceof StackOverflowError) {
        m = "headers or B-tree nodes that nest without end";
      }
      if (b.indexOf(m) < 0) {
        b.append(b.length() == 0 ? "" : ": ").append(m);
      }
    }
    return b.toString();
  }

  @Override
  public Map<String, byte[]> metadata() {
    return Collections.unmodifiableMap(metadata);
  }

  @Override
  public Ref chunk(String key) {
    return chunks.get(key);
  }

  @Override
  public Map<String, Ref> chunks() {
    return Collections.unmodifiableMap(chunks);
  }

  /** An array's maximum shape in the file (negative where unlimited: NetCDF's record dimension), or null. */
  public long[] maxShape(String path) {
    return maxShapes.get(path);
  }

  /** The file's name as its references give it (relative to the directory that holds it). */
  public String url() {
    return url;
  }

  /** Dimension scales by object header address (what DIMENSION_LIST references point at). */
  private void indexScales(Group g, Set<Long> seen) {
    for (Node n : g) {
      if (n instanceof Group sub) {
        if (seen.add(sub.getAddress())) {
          indexScales(sub, seen); // a group linked twice (or from below itself) is walked once, as h5py's visititems does
        }
      } else if (n instanceof Dataset) {
        scaleNames.put(n.getAddress(), n.getName());
        if (n.getAttributes().containsKey("_Netcdf4Dimid") || n.getAttributes().containsKey("_Netcdf4Coordinates")) {
          netcdf = true;
        }
      }
    }
  }

  private void group(Group g, String prefix, Set<Long> seen) {
    metadata.put(prefix + ".zgroup", Json.write(F.objectNode().put("zarr_format", 2)));
    metadata.put(prefix + ".zattrs", Json.write(attributes(g)));
    for (Node n : g) {
      if (n.isLink()) {
        continue;
      }
      if (n instanceof Group sub) {
        if (seen.add(sub.getAddress())) {
          group(sub, prefix + n.getName() + "/", seen);
        }
      } else if (n instanceof Dataset ds) {
        dataset(ds, prefix + n.getName());
      }
    }
  }

  private void dataset(Dataset ds, String path) {
    Object nameAttr = attr(ds, "NAME");
    if (nameAttr instanceof String s && s.startsWith(NETCDF_DIM_ONLY)) {
      return;
    }
    DataType type = ds.getDataType();
    String dtype = dtype(type);
    // (isEmpty() of a chunked dataset reads its chunk index: that happens below, where errors name it)
    if (dtype == null || !(ds instanceof ChunkedDatasetBase) && ds.isEmpty()) {
      return;
    }
    int[] shape = ds.getDimensions();
    if (java.util.Arrays.stream(shape).anyMatch(n -> n < 0)) {
      throw new InvalidReferencesException("dataset " + path + " of " + url + ": shape " + java.util.Arrays.toString(shape)
          + " is negative").at(location, path);
    }
    int[] chunkShape;
    ObjectHeader oh = header(ds);
    ObjectNode zarray = F.objectNode();
    if (ds instanceof ChunkedDatasetBase cd) {
      chunkShape = cd.getChunkDimensions();
      if (chunkShape.length != shape.length || java.util.Arrays.stream(chunkShape).anyMatch(n -> n <= 0)) {
        throw new InvalidReferencesException("dataset " + path + " of " + url + ": chunk shape "
            + java.util.Arrays.toString(chunkShape) + " does not fit its shape " + java.util.Arrays.toString(shape))
            .at(location, path);
      }
      for (Chunk c : chunkIndex(cd, oh, path, shape, chunkShape, type.getSize())) {
        int[] off = c.getChunkOffset();
        StringBuilder key = new StringBuilder(path).append('/');
        boolean inside = off.length == shape.length;
        for (int i = 0; i < shape.length && inside; i++) {
          if (off[i] >= shape[i]) {
            inside = false;
          } else if (off[i] < 0 || off[i] % chunkShape[i] != 0) {
            throw new InvalidReferencesException("chunk at " + java.util.Arrays.toString(off) + " of dataset " + path + " in "
                + url + ": not on the chunk grid " + java.util.Arrays.toString(chunkShape)).at(location, path);
          }
          key.append(i == 0 ? "" : ".").append(off[i] / chunkShape[i]);
        }
        if (shape.length == 0) {
          key.append('0');
        }
        if (!c.getFilterMask().isEmpty()) {
          throw badChunk(path, key, "skips filters of its pipeline (filter mask " + c.getFilterMask()
              + "): not expressible as Zarr");
        }
        long addr = c.getAddress();
        if (!inside || addr == UNDEFINED_ADDRESS) {
          continue; // outside the current extent, or never written (fill value)
        }
        long len = c.getSize();
        if (addr < 0 || len <= 0 || addr > fileSize || len > fileSize - addr) {
          throw badChunk(path, key, "its " + len + " bytes at offset " + Long.toUnsignedString(addr)
              + " are not inside the file (" + fileSize + " bytes)");
        }
        if (chunks.put(key.toString(), new Ref.Range(url, addr, len)) != null) {
          throw badChunk(path, key, "is listed twice in the chunk index");
        }
      }
    } else {
      chunkShape = shape.clone();
      String key = path + "/" + zeroKey(shape.length);
      if (ds instanceof ContiguousDatasetImpl c) {
        long addr = c.getDataAddress();
        long len = ds.getSizeInBytes();
        if (addr != UNDEFINED_ADDRESS && len > 0 && (addr < 0 || addr > fileSize || len > fileSize - addr)) {
          throw badChunk(path, new StringBuilder(key), "the dataset's " + len + " bytes at offset "
              + Long.toUnsignedString(addr) + " are not inside the file (" + fileSize + " bytes)");
        }
        if (addr != UNDEFINED_ADDRESS && len > 0) {
          chunks.put(key, new Ref.Range(url, addr, len));
        }
      } else if (ds instanceof CompactDataset c) {
        ByteBuffer b = c.getDataBuffer().duplicate();
        byte[] data = new byte[b.remaining()];
        b.get(data);
        chunks.put(key, new Ref.Inline(data));
      } else {
        return;
      }
    }
    zarray.set("chunks", ints(chunkShape));
    zarray.putNull("compressor");
    zarray.put("dtype", dtype);
    zarray.set("fill_value", fillValue(ds, type, oh));
    zarray.set("filters", filters(oh, type.getSize(), path));
    zarray.put("order", "C");
    zarray.set("shape", ints(shape));
    zarray.put("zarr_format", 2);
    metadata.put(path + "/.zarray", Json.write(zarray));
    maxShapes.put(path, ds.getMaxSize());
    ObjectNode attrs = F.objectNode();
    attrs.set("_ARRAY_DIMENSIONS", dimensions(ds, shape.length));
    attrs.setAll(attributes(ds));
    metadata.put(path + "/.zattrs", Json.write(attrs));
  }

  /** A damaged chunk index entry: names the file (the reference set and the URL), the dataset and the chunk key. */
  private InvalidReferencesException badChunk(String path, CharSequence key, String why) {
    return (InvalidReferencesException) new InvalidReferencesException("chunk " + key + " of dataset " + path + " in "
        + url + ": " + why).at(location, key.toString());
  }

  /**
   * The chunks of a dataset's index, read by jHDF; a damaged index is an error naming the dataset.
   * An implicit index (no structure in the file: chunk i at address + i * size) is checked to fit
   * in the file first, as jHDF lists every chunk it implies.
   */
  private java.util.Collection<Chunk> chunkIndex(ChunkedDatasetBase cd, ObjectHeader oh, String path, int[] shape,
      int[] chunkShape, int itemSize) {
    try {
      if (oh != null && oh.hasMessageOfType(ChunkedDataLayoutMessageV4.class)) {
        ChunkedDataLayoutMessageV4 layout = oh.getMessageOfType(ChunkedDataLayoutMessageV4.class);
        if (layout.getIndexingType() == 2 && layout.getAddress() != UNDEFINED_ADDRESS) {
          long count = 1;
          long bytes = itemSize;
          for (int i = 0; i < shape.length; i++) {
            count = saturatedTimes(count, (shape[i] + (long) chunkShape[i] - 1) / chunkShape[i]);
            bytes = saturatedTimes(bytes, chunkShape[i]);
          }
          long addr = layout.getAddress();
          if (addr < 0 || addr > fileSize || saturatedTimes(count, bytes) > fileSize - addr) {
            throw new InvalidReferencesException("its implicit index places " + count + " chunks of " + bytes
                + " bytes at offset " + Long.toUnsignedString(addr) + ", past the end of the file (" + fileSize + " bytes)");
          }
        }
      }
      return chunkLookup(cd).values();
    } catch (StackOverflowError | RuntimeException e) {
      ZarrException z = zarrCause(e);
      if (z != null && !(z instanceof InvalidReferencesException)) {
        throw z.at(location, path); // a store failure, or a read over the size limit
      }
      throw new InvalidReferencesException("the chunk index of " + path + " in " + url + " is damaged ("
          + (z != null ? z.detail() : why(e)) + ")", e).at(location, path);
    }
  }

  private static long saturatedTimes(long a, long b) {
    long r = a * b;
    return a != 0 && (r / a != b || r < 0) || b < 0 ? Long.MAX_VALUE : r;
  }

  private static String zeroKey(int rank) {
    StringBuilder b = new StringBuilder("0");
    for (int i = 1; i < rank; i++) {
      b.append(".0");
    }
    return b.toString();
  }

  private static String dtype(DataType t) {
    int size = t.getSize();
    if (t instanceof FixedPoint fp && (size == 1 || size == 2 || size == 4 || size == 8)) {
      String order = size == 1 ? "|" : fp.getByteOrder() == ByteOrder.BIG_ENDIAN ? ">" : "<";
      return order + (fp.isSigned() ? "i" : "u") + size;
    }
    if (t instanceof FloatingPoint fp && (size == 4 || size == 8)) {
      return (fp.getByteOrder() == ByteOrder.BIG_ENDIAN ? ">" : "<") + "f" + size;
    }
    return null;
  }

  /** {@code _FillValue} for a NetCDF file (null without it); the HDF5 fill value otherwise (kerchunk's rule). */
  private JsonNode fillValue(Dataset ds, DataType type, ObjectHeader oh) {
    if (netcdf) {
      Object v = attr(ds, "_FillValue");
      return v == null ? F.nullNode() : scalar(v);
    }
    if (oh == null || !oh.hasMessageOfType(FillValueMessage.class)) {
      return F.nullNode();
    }
    FillValueMessage m = oh.getMessageOfType(FillValueMessage.class);
    if (!m.isFillValueDefined() || m.getFillValue() == null) {
      return F.nullNode();
    }
    ByteBuffer b = m.getFillValue().duplicate();
    int size = type.getSize();
    if (b.remaining() < size) {
      return F.nullNode();
    }
    if (type instanceof FixedPoint fp) {
      b.order(fp.getByteOrder());
      return switch (size) {
        case 1 -> F.numberNode(fp.isSigned() ? b.get() : b.get() & 0xff);
        case 2 -> F.numberNode(fp.isSigned() ? b.getShort() : b.getShort() & 0xffff);
        case 4 -> F.numberNode(fp.isSigned() ? b.getInt() : b.getInt() & 0xffffffffL);
        default -> {
          long v = b.getLong();
          yield fp.isSigned() || v >= 0 ? F.numberNode(v)
              : F.numberNode(new java.math.BigInteger(Long.toUnsignedString(v)));
        }
      };
    }
    FloatingPoint fp = (FloatingPoint) type;
    b.order(fp.getByteOrder());
    double d = size == 8 ? b.getDouble() : b.getFloat();
    return number(d);
  }

  private static JsonNode filters(ObjectHeader oh, int itemSize, String path) {
    if (oh == null || !oh.hasMessageOfType(FilterPipelineMessage.class)) {
      return F.nullNode();
    }
    ArrayNode out = F.arrayNode();
    for (FilterPipelineMessage.FilterInfo fi : oh.getMessageOfType(FilterPipelineMessage.class).getFilters()) {
      int[] data = fi.getData() == null ? new int[0] : fi.getData();
      ObjectNode c = F.objectNode();
      switch (fi.getId()) {
        case 1 -> c.put("id", "zlib").put("level", data.length > 0 ? data[0] : 6);
        case 2 -> c.put("id", "shuffle").put("elementsize", data.length > 0 ? data[0] : itemSize);
        case 3 -> c.put("id", "fletcher32");
        case 32015 -> c.put("id", "zstd").put("level", data.length > 0 ? data[0] : 3);
        default -> c.put("id", "hdf5-filter-" + fi.getId() + (fi.getName() == null ? "" : "-" + fi.getName()));
      }
      out.add(c);
    }
    return out.isEmpty() ? F.nullNode() : out;
  }

  /** The names of the dimension scales a dataset is attached to; {@code phony_dim_<axis>} without. */
  private ArrayNode dimensions(Dataset ds, int rank) {
    ArrayNode out = F.arrayNode();
    Object list = attr(ds, "DIMENSION_LIST");
    List<String> names = new ArrayList<>();
    if (list != null && list.getClass().isArray() && Array.getLength(list) == rank) {
      for (int i = 0; i < rank; i++) {
        Long addr = firstLong(Array.get(list, i));
        names.add(addr == null ? null : scaleNames.get(addr));
      }
    } else if (rank == 1 && "DIMENSION_SCALE".equals(attr(ds, "CLASS"))) {
      names.add(ds.getName());
    }
    for (int i = 0; i < rank; i++) {
      String n = i < names.size() ? names.get(i) : null;
      out.add(n != null ? n : "phony_dim_" + i);
    }
    return out;
  }

  private static Long firstLong(Object o) {
    if (o instanceof Number n) {
      return n.longValue();
    }
    if (o != null && o.getClass().isArray() && Array.getLength(o) > 0) {
      return firstLong(Array.get(o, 0));
    }
    return null;
  }

  /**
   * Whether an attribute's dataspace fits in the bytes stored for it: jHDF allocates the array its
   * dimensions claim before reading. It checks their product against the stored bytes, but in a
   * long that wraps: four dimensions near 2^16 claim 2^64 + 2^48 values and pass as 2^48 or less.
   * One that does not fit is skipped like any attribute jHDF cannot read.
   */
  private static boolean fits(Attribute a) {
    ByteBuffer b = a.getBuffer();
    return b == null || fits(a.getDimensions(), a.getDataType().getSize(), b.remaining()); // null: empty, nothing read
  }

  static boolean fits(int[] dims, int itemSize, int stored) {
    long n = 1;
    for (int d : dims) {
      n = saturatedTimes(n, d);
    }
    return n <= stored / Math.max(1, itemSize);
  }

  private static Object attr(Node n, String name) {
    try {
      Attribute a = n.getAttributes().get(name);
      return a == null || !fits(a) ? null : a.getData();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static ObjectNode attributes(Node n) {
    ObjectNode out = F.objectNode();
    for (Map.Entry<String, Attribute> e : n.getAttributes().entrySet()) {
      if (DROPPED.contains(e.getKey())) {
        continue;
      }
      Object v;
      try {
        if (!fits(e.getValue())) {
          continue;
        }
        v = e.getValue().getData();
      } catch (RuntimeException ex) {
        continue; // a type jHDF cannot read (kerchunk also skips what it cannot translate)
      }
      JsonNode j = scalar(v);
      if (j != null) {
        out.set(e.getKey(), j);
      }
    }
    return out;
  }

  /** An attribute value as JSON: one-element arrays are scalars (as kerchunk writes them). */
  private static JsonNode scalar(Object v) {
    if (v != null && v.getClass().isArray() && Array.getLength(v) == 1) {
      return scalar(Array.get(v, 0));
    }
    return json(v);
  }

  private static JsonNode json(Object v) {
    if (v == null) {
      return F.nullNode();
    }
    if (v instanceof String s) {
      return F.textNode(s);
    }
    if (v instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (v instanceof Float f) {
      return number(f.doubleValue());
    }
    if (v instanceof Double d) {
      return number(d);
    }
    if (v instanceof java.math.BigInteger b) {
      return F.numberNode(b);
    }
    if (v instanceof Number n) {
      return F.numberNode(n.longValue());
    }
    if (v.getClass().isArray()) {
      ArrayNode a = F.arrayNode();
      for (int i = 0; i < Array.getLength(v); i++) {
        JsonNode e = json(Array.get(v, i));
        if (e == null) {
          return null;
        }
        a.add(e);
      }
      return a;
    }
    return null;
  }

  private static JsonNode number(double d) {
    if (Double.isNaN(d)) {
      return F.textNode("NaN");
    }
    if (Double.isInfinite(d)) {
      return F.textNode(d > 0 ? "Infinity" : "-Infinity");
    }
    return F.numberNode(d);
  }

  private static ArrayNode ints(int[] v) {
    ArrayNode a = F.arrayNode();
    for (int x : v) {
      a.add(x);
    }
    return a;
  }

  // jHDF keeps a dataset's object header and chunk index to itself: read them reflectively.
  private static final Field HEADER;
  private static final Method CHUNK_LOOKUP;

  static {
    try {
      HEADER = DatasetBase.class.getDeclaredField("oh");
      HEADER.setAccessible(true);
      CHUNK_LOOKUP = ChunkedDatasetBase.class.getDeclaredMethod("getChunkLookup");
      CHUNK_LOOKUP.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static ObjectHeader header(Dataset ds) {
    try {
      return ds instanceof DatasetBase ? (ObjectHeader) HEADER.get(ds) : null;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<?, Chunk> chunkLookup(ChunkedDatasetBase ds) {
    try {
      return (Map<?, Chunk>) CHUNK_LOOKUP.invoke(ds);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
