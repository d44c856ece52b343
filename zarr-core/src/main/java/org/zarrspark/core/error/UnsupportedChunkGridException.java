package org.zarrspark.core.error;

/** A chunk grid other than the regular one. */
public class UnsupportedChunkGridException extends ZarrException {
  public UnsupportedChunkGridException(String detail) {
    super(detail);
  }

  public UnsupportedChunkGridException(String detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public String kind() {
    return "unsupported-chunk-grid";
  }
}
