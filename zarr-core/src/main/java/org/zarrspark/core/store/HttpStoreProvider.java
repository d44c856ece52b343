package org.zarrspark.core.store;

import java.util.Set;

/** {@code http://}, {@code https://} and {@code ipfs://}: {@link HttpStore}, set up by {@link HttpSettings}. */
final class HttpStoreProvider implements StoreProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("http", "https", "ipfs");
  }

  @Override
  public Store open(StoreUri location, StoreSettings settings) {
    return Stores.openHttp(location.text(), HttpSettings.from(settings::get));
  }
}
