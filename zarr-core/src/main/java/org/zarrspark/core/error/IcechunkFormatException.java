package org.zarrspark.core.error;

/**
 * An Icechunk repository object (repo info, snapshot, manifest, ref, configuration) that cannot be
 * read as the Icechunk specification describes it: wrong magic, unknown spec version or file type,
 * truncated or corrupt compressed payload, a flatbuffer whose offsets leave the buffer, a reference
 * to a snapshot that does not exist. The message names the object key and what was expected.
 */
public class IcechunkFormatException extends ZarrException {
  public IcechunkFormatException(String detail) {
    super(detail);
  }

  public IcechunkFormatException(String detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public String kind() {
    return "icechunk-format";
  }
}
