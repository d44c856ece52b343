package org.zarrspark.spark.store;

import org.apache.hadoop.conf.Configuration;
import org.zarrspark.core.refs.RecordSource;
import org.zarrspark.core.refs.RecordSourceProvider;

/** Parquet record files for zarr-core's command line ({@code bin/zarr tree/cat} on a Parquet set). */
public final class ParquetRecordSourceProvider implements RecordSourceProvider {
  @Override
  public RecordSource open(String location) {
    return new ParquetRecordSource(location, new Configuration());
  }
}
