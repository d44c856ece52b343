package org.zarrspark.core.error;

/** A checksum stored with a chunk or shard index that does not match its bytes. */
public class ChecksumMismatchException extends CorruptChunkException {
  public ChecksumMismatchException(String detail) {
    super(detail);
  }

  public ChecksumMismatchException(String detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public String kind() {
    return "checksum-mismatch";
  }
}
