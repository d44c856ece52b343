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
  private String source;

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

  /**
   * Where a chunk's bytes came from when the store is not where they live (a kerchunk reference's
   * target URL and range), named in the message; the first call wins.
   */
  public ZarrException from(String source) {
    if (this.source == null) {
      this.source = source;
    }
    return this;
  }

  public String source() {
    return source;
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
    sb.append(detail);
    if (source != null) {
      sb.append(" (bytes read from ").append(source).append(')');
    }
    return sb.toString();
  }
}
