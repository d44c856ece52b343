package org.zarrspark.spark;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.spark.model.TableModel;
import org.zarrspark.spark.scan.ZarrScanBuilder;
import org.zarrspark.spark.util.StoreLocation;
import org.zarrspark.spark.write.ZarrWriteBuilder;

/**
 * A Zarr group (or array) as a table: read through a scan built on the driver from metadata only;
 * written (append, overwrite) through {@link ZarrWriteBuilder} when it is a store root named by path.
 */
public final class ZarrTable implements SupportsRead, SupportsWrite {
  private final String name;
  private final StoreLocation location;
  private final Hierarchy hierarchy;
  private final TableModel model;
  private final ZarrOptions options;
  private final Map<String, String> properties;
  private final boolean anySchema;
  /** The schema Spark handed over (the input's for a write, the user's for a read), or null. */
  private final StructType given;

  public ZarrTable(String name, StoreLocation location, Hierarchy hierarchy, TableModel model, ZarrOptions options,
      Map<String, String> properties) {
    this(name, location, hierarchy, model, options, properties, false, null);
  }

  private ZarrTable(String name, StoreLocation location, Hierarchy hierarchy, TableModel model, ZarrOptions options,
      Map<String, String> properties, boolean anySchema, StructType given) {
    this.name = name;
    this.location = location;
    this.hierarchy = hierarchy;
    this.model = model;
    this.options = options;
    this.properties = new LinkedHashMap<>(properties);
    this.anySchema = anySchema;
    this.given = given;
  }

  /**
   * This table as the target of {@code df.write}: any input schema is accepted by Spark, the
   * writer matching columns by name and refusing what differs (so an overwrite may change it).
   * Spark also comes here for {@code spark.read.schema(s)}: reading such a table checks {@code
   * given} against the store's schema.
   */
  public ZarrTable forDataFrameWrite(StructType given) {
    return new ZarrTable(name, location, hierarchy, model, options, properties, true, given);
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
    EnumSet<TableCapability> c = EnumSet.of(TableCapability.BATCH_READ, TableCapability.V1_BATCH_WRITE,
        TableCapability.TRUNCATE);
    if (anySchema) {
      c.add(TableCapability.ACCEPT_ANY_SCHEMA);
    }
    return c;
  }

  public TableModel model() {
    return model;
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
    if (given != null) {
      checkGivenSchema(given, model.schema(), name);
    }
    return new ZarrScanBuilder(location, hierarchy, model, options);
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    if (options.path() == null || !"/".equals(properties.get("zarr.node"))) {
      throw new UnsupportedOperationException("cannot write to " + name
          + ": only a whole dataset named by its path (a store root) can be written");
    }
    return new ZarrWriteBuilder(options.path(), options.all(), info.options().asCaseSensitiveMap());
  }

  /**
   * A schema given with {@code spark.read.schema(s)} must be the store's (names, order and types;
   * nullability aside): the columns come from the metadata, and there is nothing to convert.
   */
  static void checkGivenSchema(StructType given, StructType store, String name) {
    boolean same = given.fields().length == store.fields().length;
    for (int i = 0; same && i < given.fields().length; i++) {
      same = given.fields()[i].name().equals(store.fields()[i].name())
          && given.fields()[i].dataType().equals(store.fields()[i].dataType());
    }
    if (!same) {
      throw new IllegalArgumentException("the schema given to spark.read.schema(...) differs from the schema of the"
          + " Zarr store " + name + ": given " + given.simpleString() + ", the store's " + store.simpleString()
          + ". A Zarr table's schema comes from its metadata: leave out .schema(...), and select or cast columns"
          + " instead (option 'variables' and 'dimensions' choose the columns)");
    }
  }
}
