package org.zarrspark.core.store;

import java.util.Set;

/**
 * Opens the stores of some URI schemes. Built-in providers cover plain paths, {@code file:},
 * {@code http(s)://} and {@code ipfs://}; others are found with {@link java.util.ServiceLoader}
 * (a line in {@code META-INF/services/org.zarrspark.core.store.StoreProvider}), see
 * {@link StoreProviders}. Implementations are stateless and need a public no-argument constructor.
 */
public interface StoreProvider {
  /** The schemes this provider opens, in lower case ({@value StoreUri#FILE} takes plain paths). */
  Set<String> schemes();

  /**
   * Whether this provider also opens schemes no provider names: for file systems whose schemes
   * are configured at run time (Hadoop's {@code fs.SCHEME.impl}). At most one provider may.
   */
  default boolean opensOtherSchemes() {
    return false;
  }

  /**
   * Whether opening reads {@link StoreSettings}. Callers that ship a location to other machines
   * (Spark executors) leave the settings behind when it does not.
   */
  default boolean needsSettings() {
    return true;
  }

  /** The store at {@code location}; no I/O happens until a key is read. */
  Store open(StoreUri location, StoreSettings settings);
}
