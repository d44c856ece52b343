package org.zarrspark.core.error;

/** A chunk that ends before its encoding says it should. */
public class TruncatedChunkException extends CorruptChunkException {
  public TruncatedChunkException(String detail) {
    super(detail);
  }

  public TruncatedChunkException(String detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public String kind() {
    return "truncated-chunk";
  }
}
