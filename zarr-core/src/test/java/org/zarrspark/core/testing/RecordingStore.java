package org.zarrspark.core.testing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.zarrspark.core.store.Store;

/** A store that remembers every key it was asked for, to prove a read never left the root. */
public final class RecordingStore implements Store {
  private final Store inner;
  public final Set<String> keys = ConcurrentHashMap.newKeySet();
  /** Every read, in order: "get KEY", "range KEY", "suffix KEY" or "size KEY". */
  public final List<String> reads = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  public RecordingStore(Store inner) {
    this.inner = inner;
  }

  @Override
  public String describe() {
    return inner.describe();
  }

  @Override
  public byte[] get(String key) {
    keys.add(key);
    reads.add("get " + key);
    return inner.get(key);
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    keys.add(key);
    reads.add("range " + key);
    return inner.getRange(key, offset, length);
  }

  @Override
  public byte[] getSuffix(String key, int length) {
    keys.add(key);
    reads.add("suffix " + key);
    return inner.getSuffix(key, length);
  }

  @Override
  public long size(String key) {
    keys.add(key);
    reads.add("size " + key);
    return inner.size(key);
  }

  @Override
  public List<String> listChildren(String prefix) {
    keys.add(prefix);
    return inner.listChildren(prefix);
  }

  @Override
  public void put(String key, byte[] value) {
    inner.put(key, value);
  }

  @Override
  public void delete(String key) {
    inner.delete(key);
  }

  @Override
  public void deletePrefix(String prefix) {
    inner.deletePrefix(prefix);
  }
}
