package org.zarrspark.spark;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.spark.model.TableModel;
import org.zarrspark.spark.scan.ZarrScanBuilder;
import org.zarrspark.spark.util.StoreLocation;

/** A Zarr group (or array) as a readable table. Built on the driver from metadata only. */
public final class ZarrTable implements SupportsRead {
  private final String name;
  private final StoreLocation location;
  private final Hierarchy hierarchy;
  private final TableModel model;
  private final ZarrOptions options;
  private final Map<String, String> properties;

  public ZarrTable(String name, StoreLocation location, Hierarchy hierarchy, TableModel model, ZarrOptions options,
      Map<String, String> properties) {
    this.name = name;
    this.location = location;
    this.hierarchy = hierarchy;
    this.model = model;
    this.options = options;
    this.properties = new LinkedHashMap<>(properties);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StructType schema() {
    return model.schema();
  }

  @Override
  public Map<String, String> properties() {
    return properties;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return EnumSet.of(TableCapability.BATCH_READ);
  }

  public TableModel model() {
    return model;
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
    return new ZarrScanBuilder(name, location, hierarchy, model, options);
  }
}
