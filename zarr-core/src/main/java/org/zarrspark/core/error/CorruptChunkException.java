package org.zarrspark.core.error;

/** A chunk whose bytes cannot be decoded into what the metadata promises. */
public class CorruptChunkException extends ZarrException {
  public CorruptChunkException(String detail) {
    super(detail);
  }

  public CorruptChunkException(String detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public String kind() {
    return "corrupt-chunk";
  }
}
