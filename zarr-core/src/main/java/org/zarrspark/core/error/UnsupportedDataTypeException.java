package org.zarrspark.core.error;

/** A data type this library does not implement. */
public class UnsupportedDataTypeException extends ZarrException {
  public UnsupportedDataTypeException(String detail) {
    super(detail);
  }

  public UnsupportedDataTypeException(String detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public String kind() {
    return "unsupported-dtype";
  }
}
