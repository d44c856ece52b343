package org.zarrspark.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.zarrspark.core.codec.CodecPipeline;
import org.zarrspark.core.codec.Codecs;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedDataTypeException;

/** Parses Zarr v2 documents: .zarray (+ .zattrs) and .zgroup. */
public final class V2Metadata {
  private V2Metadata() {}

  public static ArrayMetadata parseArray(JsonNode zarray, JsonNode zattrs) {
    if (!zarray.isObject()) {
      throw new InvalidMetadataException(".zarray is not a JSON object");
    }
    int format = zarray.path("zarr_format").asInt(-1);
    if (format != 2) {
      throw new InvalidMetadataException(".zarray has zarr_format " + zarray.get("zarr_format") + ", expected 2");
    }
    long[] shape = longArray(zarray.get("shape"), "shape");
    int[] chunks = positiveInts(zarray.get("chunks"), "chunks");
    JsonNode dt = zarray.get("dtype");
    if (dt == null || !dt.isTextual()) {
      throw dt != null && dt.isArray()
          ? new UnsupportedDataTypeException("structured dtype " + dt + " is not supported")
          : new InvalidMetadataException("dtype must be a string, got " + dt);
    }
    DataType type = DataType.parseNumpy(dt.textValue());
    if (shape.length != chunks.length) {
      throw new InvalidMetadataException("chunks has " + chunks.length + " entries but shape has " + shape.length);
    }
    String order = zarray.path("order").asText("C");
    String sep = zarray.path("dimension_separator").asText(".");
    if (!sep.equals(".") && !sep.equals("/")) {
      throw new InvalidMetadataException("dimension_separator '" + sep + "' must be '.' or '/'");
    }
    CodecPipeline codecs = Codecs.v2(zarray.get("filters"), zarray.get("compressor"), order, type, shape.length);
    Object fill = FillValues.parse(zarray.get("fill_value"), type);
    ObjectNode attrs = attributes(zattrs);
    List<String> dims = arrayDimensions(attrs, shape.length);
    return new ArrayMetadata(2, shape, chunks, type, fill, new ChunkKeyEncoding(true, sep.charAt(0)),
        codecs, dims, attrs, zarray);
  }

  public static GroupMetadata parseGroup(JsonNode zgroup, JsonNode zattrs) {
    if (!zgroup.isObject() || zgroup.path("zarr_format").asInt(-1) != 2) {
      throw new InvalidMetadataException(".zgroup must be an object with zarr_format 2");
    }
    return new GroupMetadata(2, attributes(zattrs));
  }

  /**
   * Checks .zattrs on its own (an object; _ARRAY_DIMENSIONS matching the rank of the .zarray's
   * shape), so that its errors can name .zattrs rather than .zarray. Returns the attributes.
   */
  public static ObjectNode checkAttributes(JsonNode zattrs, JsonNode zarray) {
    ObjectNode attrs = attributes(zattrs);
    JsonNode shape = zarray.get("shape");
    if (shape != null && shape.isArray()) {
      arrayDimensions(attrs, shape.size());
    }
    return attrs;
  }

  static ObjectNode attributes(JsonNode zattrs) {
    if (zattrs == null || zattrs.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!zattrs.isObject()) {
      throw new InvalidMetadataException("attributes must be a JSON object");
    }
    return (ObjectNode) zattrs;
  }

  /** xarray's _ARRAY_DIMENSIONS convention; null when absent. */
  static List<String> arrayDimensions(ObjectNode attrs, int rank) {
    JsonNode d = attrs.get("_ARRAY_DIMENSIONS");
    if (d == null || !d.isArray()) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (JsonNode n : d) {
      names.add(n.isTextual() ? n.textValue() : null);
    }
    if (names.size() != rank) {
      throw new InvalidMetadataException("_ARRAY_DIMENSIONS " + d + " has " + names.size()
          + " names for an array of rank " + rank);
    }
    return names;
  }

  static long[] longArray(JsonNode n, String what) {
    if (n == null || !n.isArray()) {
      throw new InvalidMetadataException(what + " must be a list of integers, got " + n);
    }
    long[] out = new long[n.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode x = n.get(i);
      if (!x.isIntegralNumber() || !x.canConvertToLong() || x.longValue() < 0) {
        throw new InvalidMetadataException(what + " " + n + " must hold non-negative 64-bit integers");
      }
      out[i] = x.longValue();
    }
    return out;
  }

  static int[] positiveInts(JsonNode n, String what) {
    int[] v = Codecs.intArray(n, what);
    for (int x : v) {
      if (x <= 0) {
        throw new InvalidMetadataException(what + " " + n + " must hold positive lengths");
      }
    }
    return v;
  }
}
