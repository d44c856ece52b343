package org.zarrspark.core.store;

/**
 * Opens a store from a path or URI through the {@link StoreProviders#standard() provider table}:
 * plain paths and file: URIs locally, http(s):// and ipfs:// over HTTP, other schemes through
 * the providers on the class path (zarr-spark's Hadoop file systems).
 */
public final class Stores {
  private Stores() {}

  /** The store at {@code location}, with settings from system properties only. */
  public static Store open(String location) {
    return StoreProviders.standard().open(new StoreUri(location), StoreSettings.NONE);
  }

  /** An {@link HttpStore} for an http(s):// URL or an ipfs:// URI (through the configured gateway). */
  public static Store openHttp(String location, HttpSettings settings) {
    return location.regionMatches(true, 0, "ipfs://", 0, 7)
        ? HttpStore.ipfs(location, settings) : new HttpStore(location, settings);
  }
}
