package org.zarrspark.spark;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.CreatableRelationProvider;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.zarrspark.spark.util.StoreLocation;
import org.zarrspark.spark.write.DatasetFiles;
import org.zarrspark.spark.write.ZarrWriteJob;
import org.zarrspark.spark.write.ZarrWriteTable;

/**
 * {@code spark.read.format("zarr").load(uri)} and {@code df.write.format("zarr").save(uri)}: the
 * short name is registered through ServiceLoader.
 *
 * <p>Writes: Spark's DataFrameWriter runs append and overwrite through the table of {@link
 * #getTable} (V2, with a V1 write that gets the DataFrame); for error-if-exists and ignore, which
 * V2 tables cannot express, it falls back to {@link #createRelation}.
 */
public final class ZarrDataSource implements TableProvider, DataSourceRegister, CreatableRelationProvider {
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
  private CaseInsensitiveStringMap inferredOptions;

  @Override
  public synchronized StructType inferSchema(CaseInsensitiveStringMap options) {
    inferredOptions = options;
    inferred = table(options);
    return inferred.schema();
  }

  @Override
  public synchronized Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    if (inferred != null && new CaseInsensitiveStringMap(properties).equals(inferredOptions)) {
      ZarrTable t = inferred;
      inferred = null;
      inferredOptions = null;
      return t;
    }
    // Without inferSchema first: a write (Spark passes the input's schema), or a read with a
    // user-given schema. A location with no dataset yet is a table to create.
    ZarrOptions o = new ZarrOptions(properties);
    if (o.path() != null && !o.path().isEmpty()
        && !DatasetFiles.isZarr(new StoreLocation(o.path(), ZarrTables.hadoopConf(o)))) {
      return new ZarrWriteTable(o.path(), schema, properties);
    }
    return table(properties).forDataFrameWrite(schema);
  }

  /** True so that writes hand over the input's schema instead of asking for a store that may not exist. */
  @Override
  public boolean supportsExternalMetadata() {
    return true;
  }

  @Override
  public BaseRelation createRelation(SQLContext sqlContext, SaveMode mode, scala.collection.immutable.Map<String, String> parameters,
      Dataset<Row> data) {
    // Copied by hand: the converters' package differs between Scala 2.12 and 2.13.
    Map<String, String> options = new java.util.HashMap<>();
    scala.collection.Iterator<scala.Tuple2<String, String>> it = parameters.iterator();
    while (it.hasNext()) {
      scala.Tuple2<String, String> kv = it.next();
      options.put(kv._1(), kv._2());
    }
    ZarrWriteJob.Mode m;
    switch (mode) {
      case Append: m = ZarrWriteJob.Mode.APPEND; break;
      case Overwrite: m = ZarrWriteJob.Mode.OVERWRITE; break;
      case Ignore: m = ZarrWriteJob.Mode.IGNORE; break;
      default: m = ZarrWriteJob.Mode.ERROR_IF_EXISTS; break;
    }
    ZarrWriteJob.run(data, new ZarrOptions(options).path(), options, m);
    StructType schema = data.schema();
    return new BaseRelation() {
      @Override
      public SQLContext sqlContext() {
        return sqlContext;
      }

      @Override
      public StructType schema() {
        return schema;
      }
    };
  }

  private static ZarrTable table(Map<String, String> options) {
    ZarrOptions o = new ZarrOptions(options);
    return ZarrTables.open(o.path(), o);
  }
}
