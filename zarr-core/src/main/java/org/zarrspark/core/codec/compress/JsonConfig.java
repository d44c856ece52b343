package org.zarrspark.core.codec.compress;

import com.fasterxml.jackson.databind.JsonNode;
import org.zarrspark.core.error.InvalidMetadataException;

/**
 * Reads fields of a codec configuration object (a v2 compressor/filter object or a v3
 * "configuration" object) with clear errors. Shared by the compress and filter packages.
 * A missing or JSON-null field takes the default.
 */
public final class JsonConfig {
  private JsonConfig() {}

  /** True when the field is absent or JSON null. */
  public static boolean absent(JsonNode config, String field) {
    if (config == null || config.isMissingNode() || config.isNull()) {
      return true;
    }
    JsonNode v = config.get(field);
    return v == null || v.isNull() || v.isMissingNode();
  }

  /** Checks that the configuration is an object (or absent: null, missing). */
  public static void requireObject(String codec, JsonNode config) {
    if (config != null && !config.isMissingNode() && !config.isNull() && !config.isObject()) {
      throw new InvalidMetadataException("codec " + codec + ": configuration must be a JSON object, got " + config);
    }
  }

  public static int intField(String codec, JsonNode config, String field, int dflt) {
    if (absent(config, field)) {
      return dflt;
    }
    JsonNode v = config.get(field);
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      return v.intValue();
    }
    if (v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue())
        && Math.abs(v.doubleValue()) <= Integer.MAX_VALUE) {
      return (int) v.doubleValue();
    }
    throw new InvalidMetadataException("codec " + codec + ": field '" + field
        + "' must be a 32-bit integer, got " + v);
  }

  public static long longField(String codec, JsonNode config, String field, long dflt) {
    if (absent(config, field)) {
      return dflt;
    }
    JsonNode v = config.get(field);
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isBigInteger()) {
      // e.g. unsigned 64-bit ids such as lzma's FILTER_LZMA1 = 0x4000000000000001 still fit a long
      return v.bigIntegerValue().longValue();
    }
    throw new InvalidMetadataException("codec " + codec + ": field '" + field
        + "' must be an integer, got " + v);
  }

  public static int intInRange(String codec, JsonNode config, String field, int dflt, int min, int max) {
    int v = intField(codec, config, field, dflt);
    if (v < min || v > max) {
      throw new InvalidMetadataException("codec " + codec + ": field '" + field + "' = " + v
          + " is outside " + min + ".." + max);
    }
    return v;
  }

  public static boolean boolField(String codec, JsonNode config, String field, boolean dflt) {
    if (absent(config, field)) {
      return dflt;
    }
    JsonNode v = config.get(field);
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber() && (v.intValue() == 0 || v.intValue() == 1)) {
      return v.intValue() == 1;
    }
    throw new InvalidMetadataException("codec " + codec + ": field '" + field + "' must be a boolean, got " + v);
  }

  public static String textField(String codec, JsonNode config, String field, String dflt) {
    if (absent(config, field)) {
      return dflt;
    }
    JsonNode v = config.get(field);
    if (!v.isTextual()) {
      throw new InvalidMetadataException("codec " + codec + ": field '" + field + "' must be a string, got " + v);
    }
    return v.textValue();
  }

  public static String requiredText(String codec, JsonNode config, String field) {
    String s = textField(codec, config, field, null);
    if (s == null) {
      throw new InvalidMetadataException("codec " + codec + ": required field '" + field + "' is missing");
    }
    return s;
  }

  /** A required number (integer or float). */
  public static JsonNode requiredNumber(String codec, JsonNode config, String field) {
    if (absent(config, field)) {
      throw new InvalidMetadataException("codec " + codec + ": required field '" + field + "' is missing");
    }
    JsonNode v = config.get(field);
    if (!v.isNumber()) {
      throw new InvalidMetadataException("codec " + codec + ": field '" + field + "' must be a number, got " + v);
    }
    return v;
  }
}
