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

  /**
   * The table opened for {@link #inferSchema}, kept for the {@link #getTable} call with the same
   * options that follows it, so a load() reads the store's metadata once (Spark makes a provider
   * per load; the table is handed out once).
   */
  private ZarrTable inferred;
  private Map<String, String> inferredOptions;

  @Override
  public synchronized StructType inferSchema(CaseInsensitiveStringMap options) {
    inferredOptions = lowerCase(options);
    inferred = table(options);
    return inferred.schema();
  }

  @Override
  public synchronized Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    ZarrTable t = inferred != null && lowerCase(properties).equals(inferredOptions) ? inferred : table(properties);
    inferred = null;
    inferredOptions = null;
    return t;
  }

  private static Map<String, String> lowerCase(Map<String, String> options) {
    Map<String, String> out = new java.util.HashMap<>();
    options.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
    return out;
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
