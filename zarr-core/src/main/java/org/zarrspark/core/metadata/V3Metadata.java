package org.zarrspark.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.core.codec.CodecPipeline;
import org.zarrspark.core.codec.Codecs;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.dtype.V3DataTypes;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedExtensionException;

/** Parses Zarr v3 zarr.json documents of arrays and groups. */
public final class V3Metadata {
  private static final Set<String> ARRAY_FIELDS = new HashSet<>(Arrays.asList("zarr_format", "node_type",
      "shape", "data_type", "chunk_grid", "chunk_key_encoding", "fill_value", "codecs", "attributes",
      "dimension_names", "storage_transformers"));
  private static final Set<String> GROUP_FIELDS = new HashSet<>(Arrays.asList("zarr_format", "node_type",
      "attributes", "consolidated_metadata"));

  private V3Metadata() {}

  /** "array" or "group", checked. */
  public static String nodeType(JsonNode doc) {
    if (!doc.isObject()) {
      throw new InvalidMetadataException("zarr.json is not a JSON object");
    }
    if (doc.path("zarr_format").asInt(-1) != 3) {
      throw new InvalidMetadataException("zarr.json has zarr_format " + doc.get("zarr_format") + ", expected 3");
    }
    String t = doc.path("node_type").asText("");
    if (!t.equals("array") && !t.equals("group")) {
      throw new InvalidMetadataException("zarr.json node_type must be 'array' or 'group', got " + doc.get("node_type"));
    }
    return t;
  }

  public static ArrayMetadata parseArray(JsonNode doc) {
    if (!nodeType(doc).equals("array")) {
      throw new InvalidMetadataException("zarr.json describes a group, not an array");
    }
    checkExtensions(doc, ARRAY_FIELDS);
    JsonNode st = doc.get("storage_transformers");
    if (st != null && st.isArray() && !st.isEmpty()) {
      throw new UnsupportedExtensionException("storage_transformers " + st + " are not supported");
    }
    long[] shape = V2Metadata.longArray(doc.get("shape"), "shape");
    DataType type = V3DataTypes.parse(doc.get("data_type"));
    JsonNode grid = doc.get("chunk_grid");
    if (grid == null || !grid.isObject()) {
      throw new InvalidMetadataException("chunk_grid is missing");
    }
    ChunkGrid chunkGrid = ChunkGrids.parse(grid, shape);
    ChunkKeyEncoding keys = keyEncoding(doc.get("chunk_key_encoding"));
    CodecPipeline codecs = Codecs.v3(doc.get("codecs"), type);
    ChunkGrids.checkSharding(chunkGrid, codecs.partialSharding());
    if (!doc.has("fill_value")) {
      throw new InvalidMetadataException("fill_value is missing");
    }
    Object fill = FillValues.parse(doc.get("fill_value"), type);
    // Array-to-array codecs checked once at open: reshape against the chunk shape, and the fill
    // value through cast_value / scale_offset (one the stored type cannot hold is invalid).
    // (On a rectilinear grid chunk shapes vary: the first chunk's stands for them here; each
    // chunk's own is checked when it is decoded.)
    if (chunkGrid.isRegular()) {
      codecs.encodedShape(chunkGrid.regularShape());
    } else if (Arrays.stream(chunkGrid.gridShape()).allMatch(n -> n > 0)) {
      codecs.encodedShape(chunkGrid.chunkShape(new long[shape.length]));
    }
    codecs.encodedFill(fill);
    ObjectNode attrs = V2Metadata.attributes(doc.get("attributes"));
    List<String> dims = null;
    JsonNode dn = doc.get("dimension_names");
    if (dn != null && !dn.isNull()) {
      if (!dn.isArray()) {
        throw new InvalidMetadataException("dimension_names must be a list");
      }
      dims = new ArrayList<>();
      for (JsonNode n : dn) {
        dims.add(n.isTextual() ? n.textValue() : null);
      }
      if (dims.size() != shape.length) {
        throw new InvalidMetadataException("dimension_names " + dn + " has " + dims.size()
            + " names for an array of rank " + shape.length);
      }
    }
    return new ArrayMetadata(3, shape, chunkGrid, type, fill, keys, codecs, dims, attrs, doc);
  }

  public static GroupMetadata parseGroup(JsonNode doc) {
    if (!nodeType(doc).equals("group")) {
      throw new InvalidMetadataException("zarr.json describes an array, not a group");
    }
    checkExtensions(doc, GROUP_FIELDS);
    return new GroupMetadata(3, V2Metadata.attributes(doc.get("attributes")));
  }

  private static ChunkKeyEncoding keyEncoding(JsonNode n) {
    if (n == null || n.isNull()) {
      return new ChunkKeyEncoding(false, '/');
    }
    String name = n.path("name").asText("");
    String sep = n.path("configuration").path("separator").asText(null);
    switch (name) {
      case "default":
        return new ChunkKeyEncoding(false, sep == null ? '/' : single(sep));
      case "v2":
        return new ChunkKeyEncoding(true, sep == null ? '.' : single(sep));
      default:
        throw new UnsupportedExtensionException("chunk_key_encoding '" + name + "' is not supported (default, v2)");
    }
  }

  private static char single(String sep) {
    if (sep.length() != 1) {
      throw new InvalidMetadataException("chunk key separator '" + sep + "' must be '/' or '.'");
    }
    return sep.charAt(0);
  }

  /** Unknown top-level fields are extensions: fine only with must_understand false. */
  private static void checkExtensions(JsonNode doc, Set<String> known) {
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (known.contains(e.getKey())) {
        continue;
      }
      JsonNode v = e.getValue();
      boolean optional = v.isObject() && v.has("must_understand") && !v.get("must_understand").asBoolean(true);
      if (!optional) {
        throw new UnsupportedExtensionException("extension field '" + e.getKey()
            + "' must be understood but is not supported");
      }
    }
  }
}
