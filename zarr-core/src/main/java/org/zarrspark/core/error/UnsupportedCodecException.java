package org.zarrspark.core.error;

/** A codec or filter this library does not implement. */
public class UnsupportedCodecException extends ZarrException {
  public UnsupportedCodecException(String detail) {
    super(detail);
  }

  public UnsupportedCodecException(String detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public String kind() {
    return "unsupported-codec";
  }
}
