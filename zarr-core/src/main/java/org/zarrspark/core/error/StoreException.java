package org.zarrspark.core.error;

/** An I/O failure of the underlying store. */
public class StoreException extends ZarrException {
  public StoreException(String detail) {
    super(detail);
  }

  public StoreException(String detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public String kind() {
    return "store-error";
  }
}
