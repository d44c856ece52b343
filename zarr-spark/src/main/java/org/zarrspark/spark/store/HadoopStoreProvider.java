package org.zarrspark.spark.store;

import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreProvider;
import org.zarrspark.core.store.StoreSettings;
import org.zarrspark.core.store.StoreUri;

/**
 * Every scheme without a provider of its own (s3a, hdfs, abfs, gs, ...) through Hadoop's
 * FileSystem, whose schemes are configured at run time. Registered in
 * {@code META-INF/services/org.zarrspark.core.store.StoreProvider}.
 */
public final class HadoopStoreProvider implements StoreProvider {
  /** The usual ones, for error messages; any other scheme Hadoop knows works too. */
  private static final Set<String> COMMON = Set.of("hdfs", "s3a", "abfs", "abfss", "gs", "viewfs");

  @Override
  public Set<String> schemes() {
    return COMMON;
  }

  @Override
  public boolean opensOtherSchemes() {
    return true;
  }

  /** Without a configuration (bin/zarr tree), Hadoop's defaults and its *-site.xml files. */
  @Override
  public Store open(StoreUri location, StoreSettings settings) {
    Configuration conf = settings.unwrap(Configuration.class);
    return new HadoopStore(location.text(), conf != null ? conf : new Configuration());
  }
}
