package org.zarrspark.core.error;

/**
 * A stored value that decodes to something its output type cannot hold (a CF time offset past
 * what 64-bit microseconds count). Raised without a location; the reader names the variable.
 */
public class ValueOutOfRangeException extends ZarrException {
  public ValueOutOfRangeException(String detail) {
    super(detail);
  }

  @Override
  public String kind() {
    return "value-out-of-range";
  }
}
