package org.zarrspark.core.store;

import java.util.List;

/**
 * A key-value store of Zarr nodes and chunks. Keys are '/'-separated relative paths that never
 * leave the store root ({@link StoreKeys#check}). Reads return null for a missing key; every other
 * failure is a {@link org.zarrspark.core.error.StoreException}. Implementations are thread-safe.
 */
public interface Store {
  /** A short name of the store for messages (its URI or path). */
  String describe();

  /** The whole value, or null when the key does not exist. */
  byte[] get(String key);

  /**
   * {@code length} bytes from {@code offset}, or null when the key does not exist. A real ranged
   * read: the rest of the object is never fetched. Fewer bytes are returned when the object ends
   * before {@code offset + length}.
   */
  byte[] getRange(String key, long offset, int length);

  /** The last {@code length} bytes of the value (all of it when shorter), or null when missing. */
  byte[] getSuffix(String key, int length);

  /** Size of the value in bytes, or -1 when the key does not exist. */
  long size(String key);

  /** When the value was last written, where the store knows it (null otherwise or when missing). */
  default java.time.Instant lastModified(String key) {
    return null;
  }

  /**
   * Where a key's bytes live when that is not this store (a reference set's target URL and
   * range), for error messages; null otherwise.
   */
  default String origin(String key) {
    return null;
  }

  /** The value's entity tag (an object store's ETag, quotes removed), where the store knows it. */
  default String etag(String key) {
    return null;
  }

  default boolean exists(String key) {
    return size(key) >= 0;
  }

  /** Names of the direct children (keys and "folders") under {@code prefix} (a key or ""). */
  List<String> listChildren(String prefix);

  void put(String key, byte[] value);

  /** Deletes a key; deleting a missing key is not an error. */
  void delete(String key);

  /** Deletes every key under {@code prefix} (a folder-like key). */
  void deletePrefix(String prefix);
}
