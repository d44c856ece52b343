package org.zarrspark.core.error;

/** A shard whose index is unreadable or points outside the shard. */
public class CorruptShardException extends CorruptChunkException {
  public CorruptShardException(String detail) {
    super(detail);
  }

  public CorruptShardException(String detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public String kind() {
    return "corrupt-shard";
  }
}
