package org.zarrspark.spark.util;

import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreProvider;
import org.zarrspark.core.store.StoreProviders;
import org.zarrspark.core.store.StoreSettings;
import org.zarrspark.core.store.StoreUri;
import org.zarrspark.spark.store.HadoopSettings;

/**
 * Where a store lives, as a URI plus the Hadoop settings to reach it; the store itself comes
 * from the {@link StoreProviders#standard() provider table} (local paths, HTTP(S)/IPFS with
 * their zarr.http.* and zarr.ipfs.gateway settings read from the Hadoop configuration, and
 * every other scheme through Hadoop's FileSystem).
 */
public final class StoreLocation implements Serializable {
  private static final long serialVersionUID = 1L;

  private final StoreUri uri;
  /** Travels with the location only where opening the store needs it: not for local paths. */
  private final SerializableConf conf;
  /** The configuration this was made with, for local paths (kept on the side that made it). */
  private final transient Configuration localConf;

  public StoreLocation(String uri, Configuration conf) {
    this.uri = new StoreUri(uri);
    // A Hadoop configuration is hundreds of entries: every scan broadcasts its location, and a
    // local store never reads them.
    boolean travels = provider().needsSettings();
    this.conf = travels ? new SerializableConf(conf) : null;
    this.localConf = travels ? null : conf;
  }

  private StoreProvider provider() {
    return StoreProviders.standard().providerFor(uri);
  }

  public String uri() {
    return uri.text();
  }

  public Configuration conf() {
    if (conf != null) {
      return conf.get();
    }
    return localConf != null ? localConf : new Configuration();
  }

  /** Opens the store; no I/O happens until a key is read. */
  public Store open() {
    StoreProvider p = provider();
    return p.open(uri, p.needsSettings() ? new HadoopSettings(conf()) : StoreSettings.NONE);
  }
}
