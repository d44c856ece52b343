package org.zarrspark.core.error;

/** Metadata that cannot be parsed or breaks the spec (bad JSON, missing keys, rank mismatch). */
public class InvalidMetadataException extends ZarrException {
  public InvalidMetadataException(String detail) {
    super(detail);
  }

  public InvalidMetadataException(String detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public String kind() {
    return "invalid-metadata";
  }
}
