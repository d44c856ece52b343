package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecRegistry;
import org.zarrspark.core.dtype.DataType;

/**
 * The bytes-to-bytes codec of one numcodecs object, as found in a v2 "filters" list or
 * "compressor" ({"id": ..., fields}), or made from a v3 "numcodecs.&lt;id&gt;" codec (the id may
 * keep its "numcodecs." prefix). A lookup in {@link CodecRegistry#standard()}, which holds the
 * names, the refusals and the errors; kept for callers that bind one object on its own.
 */
public final class NumcodecsFilters {
  /** The built-in numcodecs ids that bind to a bytes-to-bytes codec. */
  public static final List<String> SUPPORTED = CodecRegistry.builtIn().numcodecsIds();

  /** Built-in refusals: numcodecs ids (current and retired) refused on purpose, with the reason. */
  public static final Map<String, String> REFUSED = CodecRegistry.builtIn().refusals();

  private NumcodecsFilters() {}

  /** The reason a numcodecs id (with or without "numcodecs.") is refused, or null. */
  public static String refusal(String id) {
    return CodecRegistry.standard().refusal(id);
  }

  /** The codec for one numcodecs object. {@code bitround} built this way only decodes. */
  public static BytesCodec fromJson(JsonNode filterObject) {
    return fromJson(filterObject, null);
  }

  /**
   * The codec for one numcodecs object; {@code elementType} (the array's data type, may be null)
   * gives {@code bitround} its float type for encoding and {@code blosc} its default typesize.
   */
  public static BytesCodec fromJson(JsonNode filterObject, DataType elementType) {
    return CodecRegistry.standard().numcodecsCodec(filterObject, elementType);
  }
}
