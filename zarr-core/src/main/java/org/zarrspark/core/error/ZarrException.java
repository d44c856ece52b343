package org.zarrspark.core.error;

/**
 * Root of every error zarr-core raises on purpose. Codecs throw it without a location; the
 * layer that knows the store and key attaches them with {@link #at}, so the message a user
 * sees names the store, the key and what was expected.
 */
public class ZarrException extends RuntimeException {
  private final String detail;
  private String store;
  private String key;

  public ZarrException(String detail) {
    this(detail, null);
  }

  public ZarrException(String detail, Throwable cause) {
    super(detail, cause);
    this.detail = detail;
  }

  /** Attaches the location once; later calls keep the innermost (most precise) one. */
  public ZarrException at(String store, String key) {
    if (this.store == null && this.key == null) {
      this.store = store;
      this.key = key;
    }
    return this;
  }

  public String store() {
    return store;
  }

  public String key() {
    return key;
  }

  public String detail() {
    return detail;
  }

  /** A short machine-readable kind, e.g. {@code corrupt-chunk}. */
  public String kind() {
    return "zarr-error";
  }

  @Override
  public String getMessage() {
    StringBuilder sb = new StringBuilder();
    if (store != null) {
      sb.append("store ").append(store);
    }
    if (key != null) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append("key '").append(key).append('\'');
    }
    if (sb.length() > 0) {
      sb.append(": ");
    }
    return sb.append(detail).toString();
  }
}
