package org.zarrspark.core.read;

import java.util.LinkedHashMap;
import java.util.Map;
import org.zarrspark.core.codec.ShardIndex;

/**
 * The indexes of the last few shards one reader opened, so that reading a shard's inner chunks
 * one at a time fetches its index (and, on object stores, its length) once. Small and bounded;
 * one per reader, not shared between threads.
 */
public final class ShardIndexCache {
  /** Stands for a shard that does not exist (every inner chunk is fill). */
  private static final Object MISSING = new Object();
  private static final int MAX_ENTRIES = 64;

  private final Map<String, Object> entries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The shard's index; null for a shard known to be missing (check {@link #has} first). */
  ShardIndex get(String key) {
    Object v = entries.get(key);
    return v == MISSING ? null : (ShardIndex) v;
  }

  /** Remembers a shard's index, or null for a missing shard. */
  void put(String key, ShardIndex index) {
    entries.put(key, index == null ? MISSING : index);
  }
}
