package org.zarrspark.core.store;

import org.zarrspark.core.error.InvalidMetadataException;

/** Key rules shared by every store: relative, '/'-separated, never escaping the root. */
public final class StoreKeys {
  private StoreKeys() {}

  /** Returns the key if it is safe, else throws naming it. The empty key is the root. */
  public static String check(String key) {
    if (key == null) {
      throw new InvalidMetadataException("null store key");
    }
    if (key.isEmpty()) {
      return key;
    }
    if (key.startsWith("/") || key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0
        || key.indexOf(':') >= 0) {
      throw new InvalidMetadataException("store key '" + key + "' is not a relative key");
    }
    for (String part : key.split("/", -1)) {
      if (part.equals("..") || part.equals(".")) {
        throw new InvalidMetadataException("store key '" + key + "' tries to leave the store root");
      }
    }
    return key;
  }

  /** As {@link #check(String)}, the refusal naming the store and the key. */
  public static String check(String key, String store) {
    try {
      return check(key);
    } catch (InvalidMetadataException e) {
      throw (InvalidMetadataException) e.at(store, key);
    }
  }

  /** Joins a node path and a name: join("a/b", "zarr.json") = "a/b/zarr.json". */
  public static String join(String prefix, String name) {
    if (prefix == null || prefix.isEmpty()) {
      return name;
    }
    if (name.isEmpty()) {
      return prefix;
    }
    return prefix.endsWith("/") ? prefix + name : prefix + "/" + name;
  }

  /** Normalizes a node path: no leading or trailing '/', "" for the root. */
  public static String normalizePath(String path) {
    if (path == null) {
      return "";
    }
    String p = path.trim();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return check(p);
  }
}
