package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * v3 shuffle names. The other ids of numcodecs' registry are listed in {@link #REFUSED} with the
 * reason; they and unknown ids raise {@link UnsupportedCodecException} naming the id.
 */
public final class NumcodecsFilters {
  /** The numcodecs ids this factory understands. */
  public static final List<String> SUPPORTED = List.of(
      "delta", "fixedscaleoffset", "quantize", "bitround", "astype", "shuffle", "packbits", "categorize",
      "fletcher32", "adler32", "crc32", "crc32c", "jenkins_lookup3", "base64", "gzip", "zlib", "zstd", "lz4",
      "bz2", "lzma", "blosc");

  /** numcodecs ids (current and retired) this library refuses on purpose, with the reason given in the error. */
  public static final Map<String, String> REFUSED = refused();

  private static Map<String, String> refused() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("pickle", "it stores Python pickles, and unpickling untrusted chunks can run arbitrary code");
    m.put("vlen-utf8", "it is an array-to-bytes codec: it is only valid as the first filter of an object (|O)"
        + " array (v2) or as the v3 array-to-bytes codec");
    m.put("vlen-bytes", "object (|O) arrays are read as strings here; there is no data type for variable-length"
        + " byte strings");
    m.put("vlen-array", "there is no data type for ragged (variable-length) numeric arrays");
    m.put("json2", "it serialises arbitrary Python objects as JSON; object (|O) arrays are read only as strings"
        + " through vlen-utf8");
    m.put("msgpack2", "it serialises arbitrary Python objects as MessagePack; object (|O) arrays are read only as"
        + " strings through vlen-utf8");
    m.put("json", "retired in numcodecs 0.7 (replaced by json2), and object arrays are read only through vlen-utf8");
    m.put("msgpack", "retired in numcodecs 0.7 (replaced by msgpack2), and object arrays are read only through"
        + " vlen-utf8");
    m.put("zfpy", "ZFP's compressed stream (libzfp) has no pure-Java implementation here");
    m.put("pcodec", "pcodec's format (the Rust pco crate) has no pure-Java implementation here");
    return Collections.unmodifiableMap(m);
  }

  /** The reason a numcodecs id (with or without "numcodecs.") is refused, or null if it is not in {@link #REFUSED}. */
  public static String refusal(String id) {
    return REFUSED.get(id.startsWith("numcodecs.") ? id.substring("numcodecs.".length()) : id);
  }

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
      case "jenkins_lookup3":
        return JenkinsLookup3.fromJson(filterObject);
      case "base64":
        return Base64Codec.fromJson(filterObject);
      case "blosc":
        return blosc(filterObject, elementType);
      default: {
        String why = REFUSED.get(id);
        throw new UnsupportedCodecException("numcodecs codec '" + id + "' is not supported"
            + (why == null ? "" : ": " + why) + " (supported: " + String.join(", ", SUPPORTED) + ")");
      }
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
