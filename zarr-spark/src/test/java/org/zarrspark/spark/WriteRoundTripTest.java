package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.LocalStore;

/** Spark writes a dataset; Spark and zarr-core read it back with the same values. */
class WriteRoundTripTest extends SparkTestBase {
  @TempDir
  Path tmp;

  static final StructType SCHEMA = WriteSamples.SCHEMA;

  static List<Row> rows(int firstHour, int hours) {
    return WriteSamples.rows(firstHour, hours);
  }

  static Dataset<Row> df(List<Row> rows) {
    return spark.createDataFrame(rows, SCHEMA);
  }

  static TreeSet<String> expected(List<Row> rows, int hours) {
    return WriteSamples.expected(rows, hours);
  }

  static TreeSet<String> actual(Dataset<Row> read) {
    return WriteSamples.actual(read);
  }

  private void roundTrip(String format, String chunks, String shards) {
    String uri = tmp.resolve("out.zarr").toString();
    List<Row> rows = rows(0, 4);
    var w = df(rows).write().format("zarr").option("dimensions", "time,lat,lon").option("zarrFormat", format);
    if (chunks != null) {
      w = w.option("chunks", chunks);
    }
    if (shards != null) {
      w = w.option("shards", shards);
    }
    w.save(uri);

    Dataset<Row> read = spark.read().format("zarr").load(uri);
    assertEquals(SCHEMA.add("unused", DataTypes.IntegerType).fieldNames().length - 1, read.columns().length);
    assertEquals(DataTypes.TimestampType, read.schema().apply("time").dataType());
    assertEquals(DataTypes.IntegerType, read.schema().apply("count").dataType());
    assertEquals(expected(rows, 4), actual(read));

    // zarr-core sees the sorted coordinates and the fill values.
    Hierarchy h = Hierarchy.open(new LocalStore(Path.of(uri)));
    ZarrArray lat = h.array("lat");
    NdBuffer latValues = lat.readAll();
    assertEquals(40f, latValues.getFloat(0));
    assertEquals(60f, latValues.getFloat(2));
    ZarrArray t2m = h.array("t2m");
    assertEquals(List.of("time", "lat", "lon"), t2m.metadata().dimensionNames());
    NdBuffer all = t2m.readAll();
    // time 0, lat 40 (rank 0, la = 2), lon 3.0 (rank 2): 250 + 2 * 0.5 + 2 * 0.25
    assertEquals(251.5f, all.getFloat(2));
    assertTrue(Float.isNaN(all.getFloat(0)), "a NULL is NaN");
    assertTrue(Float.isNaN(all.getFloat(1)), "a missing grid point is NaN");
    assertTrue(h.isConsolidated());
  }

  @Test
  void v3() {
    roundTrip("3", "2,2,5", null);
  }

  @Test
  void v3Sharded() {
    roundTrip("3", "1,2,5", "2,4,5");
  }

  @Test
  void v2() {
    roundTrip("2", "3,2,2", null);
  }

  @Test
  void defaultChunks() {
    roundTrip("3", null, null);
  }

  @Test
  void errorIfExistsThenOverwrite() {
    String uri = tmp.resolve("o.zarr").toString();
    df(rows(0, 2)).write().format("zarr").option("dimensions", "time,lat,lon").save(uri);
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> df(rows(0, 2)).write().format("zarr").option("dimensions", "time,lat,lon").save(uri));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    List<Row> rows = rows(0, 3);
    df(rows).write().format("zarr").option("dimensions", "time,lat,lon").mode("overwrite").save(uri);
    assertEquals(expected(rows, 3), actual(spark.read().format("zarr").load(uri)));
    try (var s = Files.list(tmp)) {
      assertEquals(List.of("o.zarr"), s.map(p -> p.getFileName().toString()).toList(), "no staging left");
    } catch (java.io.IOException x) {
      throw new RuntimeException(x);
    }
  }

  @Test
  void append() {
    String uri = tmp.resolve("a.zarr").toString();
    List<Row> first = rows(0, 3);
    df(first).write().format("zarr").option("dimensions", "time,lat,lon").option("chunks", "2,3,5").save(uri);
    List<Row> second = rows(3, 2);
    df(second).write().format("zarr").option("dimensions", "time,lat,lon").mode("append").save(uri);
    List<Row> all = new ArrayList<>(first);
    all.addAll(second);
    assertEquals(expected(all, 5), actual(spark.read().format("zarr").load(uri)));
    assertEquals(5, Hierarchy.open(new LocalStore(Path.of(uri))).array("time").metadata().shape()[0]);
  }

  @Test
  void appendRefusesOtherCoordinatesAndOldSteps() {
    String uri = tmp.resolve("r.zarr").toString();
    df(rows(0, 3)).write().format("zarr").option("dimensions", "time,lat,lon").save(uri);
    Exception old = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> df(rows(2, 2)).write().format("zarr").mode("append").save(uri));
    assertTrue(old.getMessage().contains("not after the existing last value"), old.getMessage());
    Dataset<Row> shifted = df(rows(3, 1)).withColumn("lat", org.apache.spark.sql.functions.col("lat").plus(1f));
    Exception lat = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> shifted.write().format("zarr").mode("append").save(uri));
    assertTrue(lat.getMessage().contains("is not one of its coordinates"), lat.getMessage());
    Exception schema = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> df(rows(3, 1)).drop("name").write().format("zarr").mode("append").save(uri));
    assertTrue(schema.getMessage().contains("differ"), schema.getMessage());
    assertEquals(expected(rows(0, 3), 3), actual(spark.read().format("zarr").load(uri)));
  }

  @Test
  void sqlCtasAndInsert() {
    String uri = tmp.resolve("sql.zarr").toString();
    df(rows(0, 2)).createOrReplaceTempView("src");
    spark.sql("CREATE TABLE zarr.`" + uri + "` OPTIONS (dimensions 'time,lat,lon', zarrFormat '2') AS SELECT * FROM src");
    df(rows(2, 2)).createOrReplaceTempView("more");
    spark.sql("INSERT INTO zarr.`" + uri + "` BY NAME SELECT * FROM more");
    List<Row> all = rows(0, 4);
    assertEquals(expected(all, 4), actual(spark.sql("SELECT * FROM zarr.`" + uri + "`")));
    assertEquals(2, Hierarchy.open(new LocalStore(Path.of(uri))).zarrFormat());
    // INSERT OVERWRITE cannot pass options: the dataset keeps its dimensions and format.
    df(rows(0, 3)).createOrReplaceTempView("other");
    spark.sql("INSERT OVERWRITE zarr.`" + uri + "` BY NAME SELECT * FROM other");
    assertEquals(expected(rows(0, 3), 3), actual(spark.sql("SELECT * FROM zarr.`" + uri + "`")));
    assertEquals(2, Hierarchy.open(new LocalStore(Path.of(uri))).zarrFormat());
  }

  /** NULL strings are stored as "" (as xarray does, with no _FillValue) and read back as "". */
  @Test
  void nullStringsReadBackAsEmpty() {
    String uri = tmp.resolve("s.zarr").toString();
    StructType schema = new StructType().add("x", DataTypes.IntegerType).add("s", DataTypes.StringType);
    List<Row> rows = List.of(RowFactory.create(0, "a"), RowFactory.create(1, null), RowFactory.create(2, ""));
    spark.createDataFrame(rows, schema).write().format("zarr").option("dimensions", "x").save(uri);
    List<Row> back = spark.read().format("zarr").load(uri).orderBy("x").collectAsList();
    assertEquals(List.of("a", "", ""), back.stream().map(r -> r.getString(1)).toList());
    ZarrArray s = Hierarchy.open(new LocalStore(Path.of(uri))).array("s");
    assertEquals(null, s.metadata().attributes().get("_FillValue"));
    assertEquals("", s.readAll().getString(1));
  }
}
