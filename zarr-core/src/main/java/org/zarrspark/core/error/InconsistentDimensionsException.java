package org.zarrspark.core.error;

/** Arrays of one group that give different sizes to the same named dimension. */
public class InconsistentDimensionsException extends ZarrException {
  public InconsistentDimensionsException(String detail) {
    super(detail);
  }

  public InconsistentDimensionsException(String detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public String kind() {
    return "inconsistent-dimensions";
  }
}
