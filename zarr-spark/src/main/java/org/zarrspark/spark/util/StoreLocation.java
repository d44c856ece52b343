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
  /** Travels with the location only where opening the store needs it: not for local paths. */
  private final SerializableConf conf;
  /** The configuration this was made with, for local paths (kept on the side that made it). */
  private final transient Configuration localConf;

  public StoreLocation(String uri, Configuration conf) {
    this.uri = stripSlash(uri);
    // A Hadoop configuration is hundreds of entries: every scan broadcasts its location, and a
    // local store never reads them.
    boolean local = isLocal(this.uri);
    this.conf = local ? null : new SerializableConf(conf);
    this.localConf = local ? conf : null;
  }

  private static boolean isLocal(String uri) {
    return !uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || uri.startsWith("file:");
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
    if (conf != null) {
      return conf.get();
    }
    return localConf != null ? localConf : new Configuration();
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
