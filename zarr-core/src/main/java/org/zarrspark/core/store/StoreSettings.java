package org.zarrspark.core.store;

/**
 * What a {@link StoreProvider} may read to open a store: named string settings (e.g.
 * {@code zarr.http.timeout.ms}) and, when the caller has one, its native configuration object
 * (Spark passes its Hadoop configuration, which Hadoop-backed stores need whole).
 */
public interface StoreSettings {
  /** No settings: providers fall back to system properties and defaults. */
  StoreSettings NONE = key -> null;

  /** The value of a setting, or null when it is not set. */
  String get(String key);

  /** The caller's configuration object of that type, or null when there is none. */
  default <T> T unwrap(Class<T> type) {
    return null;
  }
}
