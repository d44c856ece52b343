package org.zarrspark.spark;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** {@code spark.read.format("zarr").load(uri)}: the short name is registered through ServiceLoader. */
public final class ZarrDataSource implements TableProvider, DataSourceRegister {
  @Override
  public String shortName() {
    return "zarr";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return table(options).schema();
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return table(properties);
  }

  @Override
  public boolean supportsExternalMetadata() {
    return false;
  }

  private static ZarrTable table(Map<String, String> options) {
    ZarrOptions o = new ZarrOptions(options);
    return ZarrTables.open(o.path, o);
  }
}
