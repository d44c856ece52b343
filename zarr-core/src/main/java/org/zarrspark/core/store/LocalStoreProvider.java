package org.zarrspark.core.store;

import java.util.Set;

/** Plain paths and {@code file:} URIs: {@link LocalStore}, which reads no settings. */
final class LocalStoreProvider implements StoreProvider {
  @Override
  public Set<String> schemes() {
    return Set.of(StoreUri.FILE);
  }

  @Override
  public boolean needsSettings() {
    return false;
  }

  @Override
  public Store open(StoreUri location, StoreSettings settings) {
    return new LocalStore(location.localPath());
  }
}
