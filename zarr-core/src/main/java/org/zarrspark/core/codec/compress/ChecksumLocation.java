package org.zarrspark.core.codec.compress;

import com.fasterxml.jackson.databind.JsonNode;
import org.zarrspark.core.error.InvalidMetadataException;

/** Where a numcodecs 32-bit checksum sits in the encoded buffer ("location": "start" or "end"). */
public enum ChecksumLocation {
  START, END;

  /** Reads the numcodecs "location" field, or returns the codec's default when it is absent. */
  public static ChecksumLocation fromJson(String codec, JsonNode config, ChecksumLocation dflt) {
    String s = JsonConfig.textField(codec, config, "location", null);
    if (s == null) {
      return dflt;
    }
    switch (s) {
      case "start":
        return START;
      case "end":
        return END;
      default:
        throw new InvalidMetadataException("codec " + codec + ": location '" + s + "' must be 'start' or 'end'");
    }
  }

  /** The numcodecs spelling. */
  public String json() {
    return this == START ? "start" : "end";
  }
}
