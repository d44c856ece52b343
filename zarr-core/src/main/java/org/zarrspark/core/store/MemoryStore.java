package org.zarrspark.core.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/** An in-memory store, for tests and scratch work. */
public final class MemoryStore implements Store {
  private final Map<String, byte[]> data = new ConcurrentSkipListMap<>();

  @Override
  public String describe() {
    return "memory:" + Integer.toHexString(System.identityHashCode(this));
  }

  @Override
  public byte[] get(String key) {
    byte[] v = data.get(StoreKeys.check(key, describe()));
    return v == null ? null : v.clone();
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    byte[] v = data.get(StoreKeys.check(key, describe()));
    if (v == null) {
      return null;
    }
    int from = (int) Math.min(offset, v.length);
    return Arrays.copyOfRange(v, from, (int) Math.min(v.length, (long) from + length));
  }

  @Override
  public byte[] getSuffix(String key, int length) {
    byte[] v = data.get(StoreKeys.check(key, describe()));
    return v == null ? null : Arrays.copyOfRange(v, Math.max(0, v.length - length), v.length);
  }

  @Override
  public long size(String key) {
    byte[] v = data.get(StoreKeys.check(key, describe()));
    return v == null ? -1 : v.length;
  }

  @Override
  public List<String> listChildren(String prefix) {
    String p = StoreKeys.check(prefix, describe()).isEmpty() ? "" : prefix + "/";
    TreeSet<String> names = new TreeSet<>();
    for (String k : data.keySet()) {
      if (k.startsWith(p)) {
        String rest = k.substring(p.length());
        int slash = rest.indexOf('/');
        names.add(slash < 0 ? rest : rest.substring(0, slash));
      }
    }
    return new ArrayList<>(names);
  }

  /** Every key, sorted; for tests that check what a writer produced. */
  public List<String> keys() {
    return new ArrayList<>(data.keySet());
  }

  @Override
  public void put(String key, byte[] value) {
    data.put(StoreKeys.check(key, describe()), value.clone());
  }

  @Override
  public void delete(String key) {
    data.remove(StoreKeys.check(key, describe()));
  }

  @Override
  public void deletePrefix(String prefix) {
    String p = StoreKeys.check(prefix, describe()).isEmpty() ? "" : prefix + "/";
    data.keySet().removeIf(k -> k.startsWith(p) || k.equals(prefix));
  }
}
