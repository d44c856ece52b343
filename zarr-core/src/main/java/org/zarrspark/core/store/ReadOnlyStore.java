package org.zarrspark.core.store;

/** A store that only reads (HTTP, an Icechunk snapshot, a reference set): writes raise {@link #readOnly}. */
public interface ReadOnlyStore extends Store {
  /** The error a write raises, naming the store and the key. */
  RuntimeException readOnly(String key);

  @Override
  default void put(String key, byte[] value) {
    throw readOnly(key);
  }

  @Override
  default void delete(String key) {
    throw readOnly(key);
  }

  @Override
  default void deletePrefix(String prefix) {
    throw readOnly(prefix);
  }
}
