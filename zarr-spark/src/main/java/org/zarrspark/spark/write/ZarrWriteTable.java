package org.zarrspark.spark.write;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;

/**
 * A dataset that does not exist yet: the target of {@code df.write.format("zarr").save(uri)}
 * and of {@code CREATE TABLE zarr.`uri` ... AS SELECT}. Write-only; its schema is the input's.
 */
public final class ZarrWriteTable implements SupportsWrite {
  private final String uri;
  private final StructType schema;
  private final Map<String, String> options;

  public ZarrWriteTable(String uri, StructType schema, Map<String, String> options) {
    this.uri = uri;
    this.schema = schema;
    this.options = new HashMap<>(options);
  }

  @Override
  public String name() {
    return uri;
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return EnumSet.of(TableCapability.V1_BATCH_WRITE, TableCapability.TRUNCATE, TableCapability.ACCEPT_ANY_SCHEMA);
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    return new ZarrWriteBuilder(uri, options, info.options().asCaseSensitiveMap());
  }
}
