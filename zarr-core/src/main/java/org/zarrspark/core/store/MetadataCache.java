package org.zarrspark.core.store;

import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metadata documents (and their absence) under immutable IPFS paths, shared by the JVM. Bounded
 * both in entries and in bytes, least recently used first out, so that walking many stores
 * cannot grow it past {@link #MAX_BYTES}.
 */
final class MetadataCache {
  static final byte[] MISSING = new byte[0];
  static final int MAX_ENTRIES = 1024;
  static final int MAX_ENTRY_BYTES = 4 << 20;
  static final long MAX_BYTES = 32L << 20;

  private static final Map<URI, byte[]> ENTRIES = new LinkedHashMap<>(64, 0.75f, true);
  private static long bytes;

  private MetadataCache() {}

  static boolean isMetadata(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    return name.equals("zarr.json") || name.equals(".zmetadata") || name.equals(".zarray")
        || name.equals(".zgroup") || name.equals(".zattrs");
  }

  static synchronized byte[] get(URI u) {
    return ENTRIES.get(u);
  }

  static synchronized void put(URI u, byte[] v) {
    if (v.length > MAX_ENTRY_BYTES) {
      return;
    }
    byte[] old = ENTRIES.put(u, v);
    bytes += v.length - (old == null ? 0 : old.length);
    Iterator<byte[]> eldest = ENTRIES.values().iterator();
    while (ENTRIES.size() > MAX_ENTRIES || bytes > MAX_BYTES) {
      bytes -= eldest.next().length;
      eldest.remove();
    }
  }

  static synchronized int size() {
    return ENTRIES.size();
  }

  static synchronized long bytes() {
    return bytes;
  }

  static synchronized void clear() {
    ENTRIES.clear();
    bytes = 0;
  }
}
