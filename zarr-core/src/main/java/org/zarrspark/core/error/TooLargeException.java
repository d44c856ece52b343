package org.zarrspark.core.error;

/** A request or a header that would need more memory than allowed. */
public class TooLargeException extends ZarrException {
  public TooLargeException(String detail) {
    super(detail);
  }

  public TooLargeException(String detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public String kind() {
    return "too-large";
  }
}
