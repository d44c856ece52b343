package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.zarrspark.core.codec.blosc.BloscCodec;
import org.zarrspark.core.codec.compress.Crc32cCodec;
import org.zarrspark.core.codec.compress.GzipCodec;
import org.zarrspark.core.codec.compress.ZstdCodec;
import org.zarrspark.core.codec.filter.NumcodecsFilters;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedCodecException;

/** Builds {@link CodecPipeline}s from v3 "codecs" lists and from v2 filters/compressor/order. */
public final class Codecs {
  /** v3 codec names this library understands. */
  public static final String V3_SUPPORTED = "bytes, transpose, sharding_indexed, vlen-utf8, gzip, zstd,"
      + " blosc, crc32c, and numcodecs.<id> for the v2 ids (zlib, lz4, bz2, lzma, delta, jenkins_lookup3, base64, ...)";

  private Codecs() {}

  /** Binds a v3 codec list to an element type. */
  public static CodecPipeline v3(JsonNode list, DataType type) {
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new InvalidMetadataException("codecs must be a non-empty list");
    }
    List<ArrayCodec> arrayCodecs = new ArrayList<>();
    ArrayBytesCodec arrayBytes = null;
    List<BytesCodec> bytesCodecs = new ArrayList<>();
    for (JsonNode c : list) {
      String name = c.isTextual() ? c.textValue() : c.path("name").asText("");
      JsonNode conf = c.path("configuration");
      switch (name) {
        case "transpose":
          requireBefore(arrayBytes, name);
          arrayCodecs.add(new TransposeCodec(intArray(conf.get("order"), "transpose order")));
          break;
        case "bytes":
        case "endian":
          requireBefore(arrayBytes, name);
          arrayBytes = new EndianCodec(endian(conf.path("endian").asText("little")));
          break;
        case "vlen-utf8":
          requireBefore(arrayBytes, name);
          arrayBytes = new VlenUtf8Codec();
          break;
        case "sharding_indexed":
          requireBefore(arrayBytes, name);
          arrayBytes = sharding(conf, type);
          break;
        case "gzip":
          bytesCodecs.add(GzipCodec.fromJson(conf));
          break;
        case "zstd":
          bytesCodecs.add(ZstdCodec.fromJson(conf));
          break;
        case "crc32c":
          bytesCodecs.add(Crc32cCodec.fromJson(conf));
          break;
        case "blosc":
          bytesCodecs.add(bloscV3(conf, type));
          break;
        default:
          if (name.startsWith("numcodecs.")) {
            ObjectNode v2 = JsonNodeFactory.instance.objectNode();
            v2.put("id", name.substring("numcodecs.".length()));
            if (conf.isObject()) {
              v2.setAll((ObjectNode) conf);
            }
            BytesCodec bc = NumcodecsFilters.fromJson(v2, type);
            if (arrayBytes == null) {
              arrayCodecs.add(new BytesFilterArrayCodec(bc));
            } else {
              bytesCodecs.add(bc);
            }
            break;
          }
          String why = NumcodecsFilters.refusal(name); // e.g. zarr-python 3's "vlen-bytes"
          throw new UnsupportedCodecException("codec '" + name + "' is not supported"
              + (why == null ? "" : ": " + why) + " (supported: " + V3_SUPPORTED + ")");
      }
    }
    if (arrayBytes == null) {
      throw new InvalidMetadataException("codecs " + list + " have no array-to-bytes codec (bytes, vlen-utf8 or sharding_indexed)");
    }
    if (type.isVariableLength() != (arrayBytes instanceof VlenUtf8Codec)
        && !(arrayBytes instanceof ShardingCodec)) {
      throw new InvalidMetadataException("data type " + type + " cannot be encoded by codec '" + arrayBytes.name() + "'");
    }
    return new CodecPipeline(arrayCodecs, arrayBytes, bytesCodecs);
  }

  private static void requireBefore(ArrayBytesCodec arrayBytes, String name) {
    if (arrayBytes != null) {
      throw new InvalidMetadataException("codec '" + name + "' comes after the array-to-bytes codec '"
          + arrayBytes.name() + "'");
    }
  }

  private static ShardingCodec sharding(JsonNode conf, DataType type) {
    int[] inner = intArray(conf.get("chunk_shape"), "sharding chunk_shape");
    CodecPipeline innerCodecs = v3(conf.get("codecs"), type);
    JsonNode indexCodecs = conf.get("index_codecs");
    CodecPipeline index = v3(indexCodecs == null ? defaultIndexCodecs() : indexCodecs, DataType.UINT64);
    String where = conf.path("index_location").asText("end");
    if (!where.equals("end") && !where.equals("start")) {
      throw new InvalidMetadataException("sharding index_location '" + where + "' must be 'start' or 'end'");
    }
    return new ShardingCodec(inner, innerCodecs, index, where.equals("end"));
  }

  private static JsonNode defaultIndexCodecs() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode bytes = f.objectNode().put("name", "bytes");
    bytes.putObject("configuration").put("endian", "little");
    return f.arrayNode().add(bytes).add(f.objectNode().put("name", "crc32c"));
  }

  private static BloscCodec bloscV3(JsonNode conf, DataType type) {
    String shuffle = conf.path("shuffle").asText("noshuffle");
    int s;
    switch (shuffle) {
      case "noshuffle": s = 0; break;
      case "shuffle": s = 1; break;
      case "bitshuffle": s = 2; break;
      default:
        throw new InvalidMetadataException("blosc shuffle '" + shuffle + "' must be noshuffle, shuffle or bitshuffle");
    }
    return new BloscCodec(conf.path("cname").asText("lz4"), conf.path("clevel").asInt(5), s,
        conf.path("typesize").asInt(Math.max(1, type.itemSize())), conf.path("blocksize").asInt(0));
  }

  private static ByteOrder endian(String e) {
    switch (e) {
      case "little": return ByteOrder.LITTLE_ENDIAN;
      case "big": return ByteOrder.BIG_ENDIAN;
      default: throw new InvalidMetadataException("bytes endian '" + e + "' must be 'little' or 'big'");
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
        if (id.equals("vlen-utf8")) {
          if (i != 0 || !type.isVariableLength()) {
            throw new UnsupportedCodecException("filter vlen-utf8 must be the first filter of an object (|O) array");
          }
          arrayBytes = new VlenUtf8Codec();
        } else {
          bytesCodecs.add(NumcodecsFilters.fromJson(f, type));
        }
      }
    }
    if (arrayBytes == null) {
      throw new UnsupportedCodecException("object (|O) arrays need the vlen-utf8 filter; filters are " + filters
          + " (vlen-bytes, json2, pickle and msgpack2 are not supported)");
    }
    if (compressor != null && !compressor.isNull()) {
      bytesCodecs.add(NumcodecsFilters.fromJson(compressor, type));
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
