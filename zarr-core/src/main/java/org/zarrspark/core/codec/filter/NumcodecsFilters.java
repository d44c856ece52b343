package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.blosc.BloscCodec;
import org.zarrspark.core.codec.compress.Bz2Codec;
import org.zarrspark.core.codec.compress.Crc32cCodec;
import org.zarrspark.core.codec.compress.GzipCodec;
import org.zarrspark.core.codec.compress.JsonConfig;
import org.zarrspark.core.codec.compress.Lz4Codec;
import org.zarrspark.core.codec.compress.LzmaCodec;
import org.zarrspark.core.codec.compress.ZlibCodec;
import org.zarrspark.core.codec.compress.ZstdCodec;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedCodecException;

/**
 * Builds the bytes-to-bytes codec of one numcodecs object, as found in a v2 "filters" list or
 * "compressor" ({"id": ..., fields}), or made from a v3 "numcodecs.&lt;id&gt;" codec (the id may
 * keep its "numcodecs." prefix). Fields take numcodecs' names and defaults; blosc also accepts the
 * v3 shuffle names. vlen-utf8, vlen-bytes, json2, pickle, msgpack2 and other ids raise
 * {@link UnsupportedCodecException}.
 */
public final class NumcodecsFilters {
  /** The numcodecs ids this factory understands. */
  public static final List<String> SUPPORTED = List.of(
      "delta", "fixedscaleoffset", "quantize", "bitround", "astype", "shuffle", "packbits", "categorize",
      "fletcher32", "adler32", "crc32", "crc32c", "gzip", "zlib", "zstd", "lz4", "bz2", "lzma", "blosc");

  private NumcodecsFilters() {}

  /** The codec for one numcodecs object. {@code bitround} built this way only decodes. */
  public static BytesCodec fromJson(JsonNode filterObject) {
    return fromJson(filterObject, null);
  }

  /**
   * The codec for one numcodecs object; {@code elementType} (the array's data type, may be null)
   * gives {@code bitround} its float type for encoding and {@code blosc} its default typesize.
   */
  public static BytesCodec fromJson(JsonNode filterObject, DataType elementType) {
    if (filterObject == null || !filterObject.isObject()) {
      throw new InvalidMetadataException("a numcodecs filter or compressor must be a JSON object with an 'id', got "
          + filterObject);
    }
    JsonNode idNode = filterObject.get("id");
    if (idNode == null || !idNode.isTextual()) {
      throw new InvalidMetadataException("numcodecs object " + filterObject + " has no string 'id'");
    }
    String id = idNode.textValue();
    if (id.startsWith("numcodecs.")) {
      id = id.substring("numcodecs.".length()); // the v3 spelling of the same codec
    }
    switch (id) {
      case "delta":
        return Delta.fromJson(filterObject);
      case "fixedscaleoffset":
        return FixedScaleOffset.fromJson(filterObject);
      case "quantize":
        return Quantize.fromJson(filterObject);
      case "bitround": {
        BitRound b = BitRound.fromJson(filterObject);
        return elementType != null && elementType.kind() == DataType.Kind.FLOAT ? b.withType(elementType) : b;
      }
      case "astype":
        return AsType.fromJson(filterObject);
      case "shuffle":
        return Shuffle.fromJson(filterObject);
      case "packbits":
        return PackBits.fromJson(filterObject);
      case "categorize":
        return Categorize.fromJson(filterObject);
      case "fletcher32":
        return Fletcher32.fromJson(filterObject);
      case "adler32":
        return Adler32.fromJson(filterObject);
      case "crc32":
        return Crc32.fromJson(filterObject);
      case "crc32c":
        return Crc32cCodec.fromJson(filterObject);
      case "gzip":
        return GzipCodec.fromJson(filterObject);
      case "zlib":
        return ZlibCodec.fromJson(filterObject);
      case "zstd":
        return ZstdCodec.fromJson(filterObject);
      case "lz4":
        return Lz4Codec.fromJson(filterObject);
      case "bz2":
        return Bz2Codec.fromJson(filterObject);
      case "lzma":
        return LzmaCodec.fromJson(filterObject);
      case "blosc":
        return blosc(filterObject, elementType);
      default:
        throw new UnsupportedCodecException("numcodecs codec '" + id + "' is not supported (supported: "
            + String.join(", ", SUPPORTED) + ")");
    }
  }

  private static BytesCodec blosc(JsonNode o, DataType elementType) {
    String c = "blosc";
    int defaultTypesize = elementType == null ? 1 : Math.max(1, elementType.itemSize());
    int shuffle;
    JsonNode s = o.get("shuffle");
    if (s != null && s.isTextual()) { // v3 spelling
      switch (s.textValue()) {
        case "noshuffle":
          shuffle = 0;
          break;
        case "shuffle":
          shuffle = 1;
          break;
        case "bitshuffle":
          shuffle = 2;
          break;
        default:
          throw new InvalidMetadataException("codec blosc: shuffle '" + s.textValue()
              + "' must be noshuffle, shuffle or bitshuffle");
      }
    } else {
      shuffle = JsonConfig.intField(c, o, "shuffle", 1);
    }
    return new BloscCodec(JsonConfig.textField(c, o, "cname", "lz4"), JsonConfig.intField(c, o, "clevel", 5),
        shuffle, JsonConfig.intField(c, o, "typesize", defaultTypesize), JsonConfig.intField(c, o, "blocksize", 0));
  }
}
