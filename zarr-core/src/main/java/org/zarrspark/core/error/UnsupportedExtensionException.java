package org.zarrspark.core.error;

/** A required v3 extension (must_understand) this library does not implement. */
public class UnsupportedExtensionException extends ZarrException {
  public UnsupportedExtensionException(String detail) {
    super(detail);
  }

  public UnsupportedExtensionException(String detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public String kind() {
    return "unsupported-extension";
  }
}
