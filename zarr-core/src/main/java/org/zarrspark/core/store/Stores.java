package org.zarrspark.core.store;

import java.nio.file.Paths;
import java.util.regex.Pattern;

/** Opens a store from a path or URI: plain paths and file: URIs locally, other schemes through Hadoop. */
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
    return new HadoopStore(location, new org.apache.hadoop.conf.Configuration());
  }
}
