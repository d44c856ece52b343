package org.zarrspark.core.store;

import java.util.Set;

/** A service-registered provider of {@code testmem://} (test resources META-INF/services). */
public final class TestMemProvider implements StoreProvider {
  private final StoreProvider inner = new StoreProvidersTest.MemProvider(Set.of("testmem"), false);

  @Override
  public Set<String> schemes() {
    return inner.schemes();
  }

  @Override
  public Store open(StoreUri location, StoreSettings settings) {
    return inner.open(location, settings);
  }
}
