package org.zarrspark.core.error;

/**
 * A kerchunk reference set that cannot be parsed: malformed JSON, a reference that is not a string
 * or a [url], [url, offset, length] list, a template naming an unknown variable, a Parquet layout
 * without record_size.
 */
public class InvalidReferencesException extends InvalidMetadataException {
  public InvalidReferencesException(String detail) {
    super(detail);
  }

  public InvalidReferencesException(String detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public String kind() {
    return "invalid-references";
  }
}
