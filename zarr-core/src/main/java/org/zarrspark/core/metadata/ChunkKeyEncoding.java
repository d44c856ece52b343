package org.zarrspark.core.metadata;

import org.zarrspark.core.error.InvalidMetadataException;

/** Turns chunk grid coordinates into store keys: v3 "default" (c/0/1) or v2 style (0.1). */
public final class ChunkKeyEncoding {
  private final boolean v2Style;
  private final char separator;

  public ChunkKeyEncoding(boolean v2Style, char separator) {
    if (separator != '/' && separator != '.') {
      throw new InvalidMetadataException("chunk key separator '" + separator + "' must be '/' or '.'");
    }
    this.v2Style = v2Style;
    this.separator = separator;
  }

  public boolean isV2Style() {
    return v2Style;
  }

  public char separator() {
    return separator;
  }

  /** Key of a chunk relative to its array. */
  public String key(long[] coords) {
    StringBuilder sb = new StringBuilder(v2Style ? "" : "c");
    if (coords.length == 0) {
      return v2Style ? "0" : "c";
    }
    for (int i = 0; i < coords.length; i++) {
      if (i > 0 || !v2Style) {
        sb.append(separator);
      }
      sb.append(coords[i]);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return (v2Style ? "v2" : "default") + "(" + separator + ")";
  }
}
