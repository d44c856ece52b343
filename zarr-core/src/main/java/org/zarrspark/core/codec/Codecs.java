package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedCodecException;

/**
 * Builds {@link CodecPipeline}s from v3 "codecs" lists and from v2 filters/compressor/order: the
 * order rules of a pipeline live here, each codec's names and configuration in its
 * {@link CodecType}, found through a {@link CodecRegistry}.
 */
public final class Codecs {
  private Codecs() {}

  /** Binds a v3 codec list to an element type, with the codecs of {@link CodecRegistry#standard()}. */
  public static CodecPipeline v3(JsonNode list, DataType type) {
    return v3(CodecRegistry.standard(), list, type);
  }

  /** Binds a v3 codec list to an element type. */
  public static CodecPipeline v3(CodecRegistry registry, JsonNode list, DataType type) {
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new InvalidMetadataException("codecs must be a non-empty list");
    }
    List<ArrayCodec> arrayCodecs = new ArrayList<>();
    ArrayBytesCodec arrayBytes = null;
    List<BytesCodec> bytesCodecs = new ArrayList<>();
    // The element type each codec receives when encoding: array-to-array codecs may change it
    // (cast_value, a numcodecs filter's astype), and each is bound to the type at its place.
    DataType current = type;
    for (JsonNode c : list) {
      String name = c.isTextual() ? c.textValue() : c.path("name").asText("");
      JsonNode conf = c.path("configuration");
      if (name.startsWith(CodecType.NUMCODECS_PREFIX)) {
        String id = name.substring(CodecType.NUMCODECS_PREFIX.length());
        // zarr-python 3's spelling of a numcodecs codec: bound from {"id": ..., fields} as in v2,
        // with the fields zarr-python fills from the array's type when they are left out.
        ObjectNode v2 = JsonNodeFactory.instance.objectNode();
        v2.put("id", id);
        if (conf.isObject()) {
          v2.setAll((ObjectNode) conf);
        }
        numcodecsDefaults(v2, id, current);
        BytesCodec bc = registry.numcodecsCodec(v2, current);
        if (arrayBytes == null) {
          ArrayCodec ac = new BytesFilterArrayCodec(bc, current);
          arrayCodecs.add(ac);
          current = ac.encodedType(current);
        } else {
          bytesCodecs.add(bc);
        }
        continue;
      }
      CodecType<?> t = registry.v3Type(name);
      if (t.stage() != BytesCodec.class) {
        requireBefore(arrayBytes, name);
      }
      Object codec = t.bind(conf, new CodecContext(current, false, registry));
      if (codec instanceof BytesCodec b) {
        bytesCodecs.add(b);
      } else if (codec instanceof ArrayBytesCodec ab) {
        arrayBytes = ab;
      } else {
        ArrayCodec ac = (ArrayCodec) codec;
        arrayCodecs.add(ac);
        current = ac.encodedType(current);
      }
    }
    if (arrayBytes == null) {
      throw new InvalidMetadataException("codecs " + list + " have no array-to-bytes codec (bytes, vlen-utf8, vlen-bytes or sharding_indexed)");
    }
    boolean text = current.kind() == DataType.Kind.STRING;
    boolean bytes = current.kind() == DataType.Kind.VLEN_BYTES;
    if (!(arrayBytes instanceof ShardingCodec) && (text != (arrayBytes instanceof VlenUtf8Codec)
        || bytes != (arrayBytes instanceof VlenBytesCodec))) {
      throw new InvalidMetadataException("data type " + current + " cannot be encoded by codec '" + arrayBytes.name() + "'");
    }
    return new CodecPipeline(arrayCodecs, arrayBytes, bytesCodecs);
  }

  /**
   * Fields zarr-python 3 fills from the array spec when a "numcodecs.&lt;id&gt;" configuration leaves
   * them out (its evolve_from_array_spec): the filters' dtype, astype's decode_dtype, shuffle's
   * element size.
   */
  private static void numcodecsDefaults(ObjectNode o, String id, DataType current) {
    boolean fixed = current != null && !current.isVariableLength() && current.itemSize() > 0;
    switch (id) {
      case "fixedscaleoffset":
      case "quantize":
      case "delta":
        if (fixed && !o.hasNonNull("dtype")) {
          o.put("dtype", current.toNumpy());
        }
        break;
      case "astype":
        if (fixed && !o.hasNonNull("decode_dtype")) {
          o.put("decode_dtype", current.toNumpy());
        }
        break;
      case "shuffle":
        if (fixed && !o.hasNonNull("elementsize")) {
          o.put("elementsize", current.itemSize());
        }
        break;
      default:
        break;
    }
  }

  private static void requireBefore(ArrayBytesCodec arrayBytes, String name) {
    if (arrayBytes != null) {
      throw new InvalidMetadataException("codec '" + name + "' comes after the array-to-bytes codec '"
          + arrayBytes.name() + "'");
    }
  }

  /** Parses a JSON list of non-negative ints. */
  public static int[] intArray(JsonNode n, String what) {
    if (n == null || !n.isArray()) {
      throw new InvalidMetadataException(what + " must be a list of integers, got " + n);
    }
    int[] out = new int[n.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode x = n.get(i);
      if (!x.isIntegralNumber() || !x.canConvertToInt() || x.intValue() < 0) {
        throw new InvalidMetadataException(what + " " + n + " must hold non-negative 32-bit integers");
      }
      out[i] = x.intValue();
    }
    return out;
  }

  /**
   * Binds v2 metadata: order (C/F), filters (applied in order when encoding), compressor. The
   * element byte order comes from the dtype.
   */
  public static CodecPipeline v2(JsonNode filters, JsonNode compressor, String order, DataType type, int rank) {
    return v2(CodecRegistry.standard(), filters, compressor, order, type, rank);
  }

  /** Binds v2 metadata with the codecs of {@code registry}. */
  public static CodecPipeline v2(CodecRegistry registry, JsonNode filters, JsonNode compressor, String order,
      DataType type, int rank) {
    List<ArrayCodec> arrayCodecs = new ArrayList<>();
    if ("F".equals(order)) {
      if (rank > 1) {
        arrayCodecs.add(TransposeCodec.fortran(rank));
      }
    } else if (!"C".equals(order)) {
      throw new InvalidMetadataException("order '" + order + "' must be 'C' or 'F'");
    }
    ArrayBytesCodec arrayBytes = type.isVariableLength() ? null : new EndianCodec(type.order());
    List<BytesCodec> bytesCodecs = new ArrayList<>();
    if (filters != null && !filters.isNull()) {
      if (!filters.isArray()) {
        throw new InvalidMetadataException("filters must be a list or null");
      }
      for (int i = 0; i < filters.size(); i++) {
        JsonNode f = filters.get(i);
        String id = f.path("id").asText("");
        CodecType<?> t = registry.numcodecsType(id);
        if (t != null && t.stage() == ArrayBytesCodec.class && id.equals(t.numcodecsId())) { // vlen-utf8
          if (i != 0 || !type.isVariableLength()) {
            throw new UnsupportedCodecException("filter " + t.numcodecsId()
                + " must be the first filter of an object (|O) array");
          }
          arrayBytes = (ArrayBytesCodec) t.bind(f, new CodecContext(type, true, registry));
        } else {
          bytesCodecs.add(registry.numcodecsCodec(f, type));
        }
      }
    }
    if (arrayBytes == null) {
      throw new UnsupportedCodecException("object (|O) arrays need the vlen-utf8 filter; filters are " + filters
          + " (vlen-bytes, json2, pickle and msgpack2 are not supported)");
    }
    if (compressor != null && !compressor.isNull()) {
      bytesCodecs.add(registry.numcodecsCodec(compressor, type));
    }
    return new CodecPipeline(arrayCodecs, arrayBytes, bytesCodecs);
  }

  /** Lists field names of an object, for messages. */
  static String fields(JsonNode o) {
    List<String> names = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      names.add(it.next().getKey());
    }
    return names.toString();
  }
}
