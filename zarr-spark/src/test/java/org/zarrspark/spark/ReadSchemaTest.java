package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spark.read.schema(s): the store's own schema is accepted, any other is refused with a clear error. */
class ReadSchemaTest extends SparkTestBase {
  @TempDir
  Path tmp;

  private String store() {
    String uri = tmp.resolve("s.zarr").toString();
    StructType schema = new StructType().add("x", DataTypes.IntegerType).add("v", DataTypes.DoubleType);
    spark.createDataFrame(List.of(RowFactory.create(1, 0.5), RowFactory.create(2, 1.5)), schema)
        .write().format("zarr").option("dimensions", "x").save(uri);
    return uri;
  }

  @Test
  void theStoresSchemaIsAccepted() {
    String uri = store();
    StructType own = spark.read().format("zarr").load(uri).schema();
    List<Row> rows = spark.read().schema(own).format("zarr").load(uri).orderBy("x").collectAsList();
    assertEquals(List.of(RowFactory.create(1, 0.5), RowFactory.create(2, 1.5)), rows);
    // Nullability aside: the same names and types.
    StructType strict = new StructType().add("x", DataTypes.IntegerType, false).add("v", DataTypes.DoubleType, false);
    assertEquals(2, spark.read().schema(strict).format("zarr").load(uri).count());
  }

  @Test
  void anotherSchemaIsRefused() {
    String uri = store();
    for (StructType other : List.of(
        new StructType().add("x", DataTypes.LongType).add("v", DataTypes.DoubleType),
        new StructType().add("x", DataTypes.IntegerType),
        new StructType().add("v", DataTypes.DoubleType).add("x", DataTypes.IntegerType),
        new StructType().add("x", DataTypes.IntegerType).add("v", DataTypes.DoubleType).add("w", DataTypes.StringType))) {
      Exception e = assertThrows(Exception.class, () -> spark.read().schema(other).format("zarr").load(uri).collectAsList());
      assertTrue(e.getMessage().contains("differs from the schema of the Zarr store")
          && e.getMessage().contains(other.simpleString()), e.getMessage());
    }
  }
}
