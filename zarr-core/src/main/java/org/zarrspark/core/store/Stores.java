package org.zarrspark.core.store;

import java.nio.file.Paths;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Opens a store from a path or URI: plain paths and file: URIs locally, http(s):// and ipfs://
 * over HTTP, other schemes through Hadoop.
 */
public final class Stores {
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  private Stores() {}

  public static Store open(String location) {
    if (!SCHEME.matcher(location).matches()) {
      return new LocalStore(Paths.get(location));
    }
    if (location.startsWith("file:")) {
      return new LocalStore(Paths.get(java.net.URI.create(location)));
    }
    if (isHttp(location)) {
      return openHttp(location, HttpSettings.fromSystemProperties());
    }
    return new HadoopStore(location, new org.apache.hadoop.conf.Configuration());
  }

  /** Whether the location is read by {@link HttpStore}: http://, https:// or ipfs://. */
  public static boolean isHttp(String location) {
    String l = location.toLowerCase(Locale.ROOT);
    return l.startsWith("http://") || l.startsWith("https://") || l.startsWith("ipfs://");
  }

  /** An {@link HttpStore} for an http(s):// URL or an ipfs:// URI (through the configured gateway). */
  public static Store openHttp(String location, HttpSettings settings) {
    return location.regionMatches(true, 0, "ipfs://", 0, 7)
        ? HttpStore.ipfs(location, settings) : new HttpStore(location, settings);
  }
}
