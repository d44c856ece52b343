package org.zarrspark.spark.util;

import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.zarrspark.core.store.HadoopStore;
import org.zarrspark.core.store.HttpSettings;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.Stores;

/**
 * Where a store lives, as a URI plus the Hadoop settings to reach it. Plain paths and file:
 * URIs use the local store (real positional reads, no Hadoop checksums); http(s):// and ipfs://
 * use the HTTP store (its zarr.http.* and zarr.ipfs.gateway settings read from the Hadoop
 * configuration); every other scheme goes through Hadoop's FileSystem (whose instances Hadoop
 * caches).
 */
public final class StoreLocation implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String uri;
  private final SerializableConf conf;

  public StoreLocation(String uri, Configuration conf) {
    this.uri = stripSlash(uri);
    this.conf = new SerializableConf(conf);
  }

  private static String stripSlash(String u) {
    String s = u;
    while (s.length() > 1 && s.endsWith("/") && !s.endsWith("://")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  public String uri() {
    return uri;
  }

  public Configuration conf() {
    return conf.get();
  }

  /** Opens the store; no I/O happens until a key is read. */
  public Store open() {
    if (!uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return new LocalStore(java.nio.file.Paths.get(uri));
    }
    if (uri.startsWith("file:")) {
      return new LocalStore(java.nio.file.Paths.get(java.net.URI.create(uri)));
    }
    if (Stores.isHttp(uri)) {
      return Stores.openHttp(uri, HttpSettings.from(conf.get()::get));
    }
    return new HadoopStore(uri, conf.get());
  }
}
