package org.zarrspark.spark.store;

import org.apache.hadoop.conf.Configuration;
import org.zarrspark.core.store.StoreSettings;

/** A Hadoop configuration as store settings: its keys, and the whole of it for Hadoop stores. */
public record HadoopSettings(Configuration conf) implements StoreSettings {
  @Override
  public String get(String key) {
    return conf.get(key);
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    return type.isInstance(conf) ? type.cast(conf) : null;
  }
}
