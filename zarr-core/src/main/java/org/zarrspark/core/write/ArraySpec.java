package org.zarrspark.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.dtype.V3DataTypes;
import org.zarrspark.core.error.UnsupportedChunkGridException;
import org.zarrspark.core.metadata.ChunkGrids;
import org.zarrspark.core.metadata.FillValues;

/**
 * What to create: an array's shape, chunking, type, fill value, codecs, dimension names and
 * attributes, for v2 or v3. {@link #document()} renders the metadata exactly as zarr-python
 * lays it out (field order included).
 */
public final class ArraySpec {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private int zarrFormat = 3;
  private long[] shape;
  private int[] chunks;
  /** Set when some axis has explicit chunk edges (rectilinear, v3 only). */
  private ChunkGrid rectilinear;
  private DataType type;
  private Object fill;
  private boolean fillSet;
  private List<String> dimensionNames;
  private ObjectNode attributes = F.objectNode();
  private ArrayNode codecs;
  private JsonNode v2Compressor = F.nullNode();
  private JsonNode v2Filters = F.nullNode();
  private String v2Order = "C";
  private char separator;

  public static ArraySpec of(DataType type, long[] shape, int[] chunks) {
    ArraySpec s = new ArraySpec();
    s.type = type;
    s.shape = shape.clone();
    s.chunks = chunks.clone();
    return s;
  }

  /** An array on any grid: a rectilinear one is written as zarr-python 3.3 writes it (v3 only). */
  public static ArraySpec of(DataType type, ChunkGrid grid) {
    if (grid.isRegular()) {
      return of(type, grid.shape(), grid.regularShape());
    }
    ArraySpec s = new ArraySpec();
    s.type = type;
    s.shape = grid.shape();
    s.rectilinear = grid;
    return s;
  }

  public ArraySpec zarrFormat(int f) {
    this.zarrFormat = f;
    return this;
  }

  /** Element bytes (little-endian), a String, or null (v2: null fill; v3: zero). */
  public ArraySpec fill(Object value) {
    this.fill = value;
    this.fillSet = true;
    return this;
  }

  public ArraySpec dimensionNames(List<String> names) {
    this.dimensionNames = names;
    return this;
  }

  public ArraySpec attributes(ObjectNode attrs) {
    this.attributes = attrs.deepCopy();
    return this;
  }

  /** v3 codec list (defaults to bytes + zstd level 0, as zarr-python). */
  public ArraySpec codecs(ArrayNode list) {
    this.codecs = list;
    return this;
  }

  /** v2 compressor object or null. */
  public ArraySpec compressor(JsonNode c) {
    this.v2Compressor = c == null ? F.nullNode() : c;
    return this;
  }

  public ArraySpec filters(JsonNode f) {
    this.v2Filters = f == null ? F.nullNode() : f;
    return this;
  }

  /** v2 memory order "C" or "F". */
  public ArraySpec order(String order) {
    this.v2Order = order;
    return this;
  }

  /** Chunk key separator: '/' (v3 default) or '.' (v2 default). */
  public ArraySpec separator(char sep) {
    this.separator = sep;
    return this;
  }

  public int zarrFormat() {
    return zarrFormat;
  }

  public DataType type() {
    return type;
  }

  /** The fill value this spec writes: as given, else NaN for floats and zero otherwise. */
  Object effectiveFill() {
    if (fillSet) {
      return fill;
    }
    if (type.isVariableLength()) {
      return "";
    }
    if (type.isFloating()) {
      return FillValues.parse(F.textNode("NaN"), type);
    }
    return new byte[type.itemSize()];
  }

  private ArrayNode longs(long[] v) {
    ArrayNode a = F.arrayNode();
    for (long x : v) {
      a.add(x);
    }
    return a;
  }

  private ArrayNode ints(int[] v) {
    ArrayNode a = F.arrayNode();
    for (int x : v) {
      a.add(x);
    }
    return a;
  }

  /** v3 zarr.json or v2 .zarray. */
  public ObjectNode document() {
    Object f = effectiveFill();
    ObjectNode o = F.objectNode();
    if (zarrFormat == 3) {
      o.set("shape", longs(shape));
      o.set("data_type", V3DataTypes.toJson(type));
      o.set("chunk_grid", ChunkGrids.toJson(rectilinear != null ? rectilinear : ChunkGrid.regular(shape, chunks)));
      ObjectNode keys = o.putObject("chunk_key_encoding").put("name", "default");
      keys.putObject("configuration").put("separator", String.valueOf(separator == 0 ? '/' : separator));
      o.set("fill_value", f == null ? F.numberNode(0) : FillValues.toJson(f, type));
      o.set("codecs", codecs != null ? codecs : defaultV3Codecs());
      o.set("attributes", attributes);
      if (dimensionNames != null) {
        ArrayNode d = o.putArray("dimension_names");
        dimensionNames.forEach(d::add);
      }
      o.put("zarr_format", 3);
      o.put("node_type", "array");
      o.putArray("storage_transformers");
    } else {
      if (rectilinear != null) {
        throw new UnsupportedChunkGridException("Zarr v2 has only regular chunk grids; chunks " + rectilinear
            + " need zarr_format 3");
      }
      o.set("shape", longs(shape));
      o.set("chunks", ints(chunks));
      o.put("dtype", type.toNumpy());
      o.set("fill_value", FillValues.toJson(f, type));
      o.put("order", v2Order);
      JsonNode filters = v2Filters;
      if (type.isVariableLength() && filters.isNull()) {
        filters = F.arrayNode().add(F.objectNode().put("id", "vlen-utf8"));
      }
      o.set("filters", filters);
      o.put("dimension_separator", String.valueOf(separator == 0 ? '.' : separator));
      o.set("compressor", v2Compressor);
      o.put("zarr_format", 2);
    }
    return o;
  }

  private ArrayNode defaultV3Codecs() {
    ArrayNode a = F.arrayNode();
    a.add(type.isVariableLength() ? CodecJson.vlenUtf8() : CodecJson.bytes(true));
    a.add(CodecJson.zstd(0, false));
    return a;
  }

  /** v2 .zattrs: the attributes plus xarray's _ARRAY_DIMENSIONS. */
  public ObjectNode v2Attributes() {
    ObjectNode a = attributes.deepCopy();
    if (dimensionNames != null) {
      ArrayNode d = a.putArray("_ARRAY_DIMENSIONS");
      dimensionNames.forEach(d::add);
    }
    return a;
  }
}
