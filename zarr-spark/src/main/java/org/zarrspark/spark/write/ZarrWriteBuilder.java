package org.zarrspark.spark.write;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.connector.write.SupportsTruncate;
import org.apache.spark.sql.connector.write.V1Write;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.sources.InsertableRelation;

/**
 * The write of a DataSource V2 table (DataFrame append/overwrite, SQL INSERT INTO/OVERWRITE and
 * CTAS). It is a {@link V1Write} because the write needs the whole input as a DataFrame: the
 * coordinates are computed first, then rows are shuffled by chunk (a plain V2 BatchWrite sees
 * rows one task at a time, after Spark's own partitioning).
 */
public final class ZarrWriteBuilder implements WriteBuilder, SupportsTruncate {
  private final String uri;
  private final Map<String, String> options;
  private boolean truncate;

  public ZarrWriteBuilder(String uri, Map<String, String> tableOptions, Map<String, String> writeOptions) {
    this.uri = uri;
    this.options = new HashMap<>(tableOptions);
    this.options.putAll(writeOptions);
  }

  @Override
  public WriteBuilder truncate() {
    truncate = true;
    return this;
  }

  @Override
  public V1Write build() {
    ZarrWriteJob.Mode mode = truncate ? ZarrWriteJob.Mode.OVERWRITE : ZarrWriteJob.Mode.APPEND;
    String path = uri;
    Map<String, String> o = options;
    return new V1Write() {
      @Override
      public InsertableRelation toInsertableRelation() {
        return (data, overwrite) -> ZarrWriteJob.run(data, path, o, overwrite ? ZarrWriteJob.Mode.OVERWRITE : mode);
      }

      @Override
      public String description() {
        return "zarr write to " + path + " (" + mode + ")";
      }
    };
  }
}
