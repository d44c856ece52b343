package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.cli.SampleStore;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.spark.metrics.ScanMetrics;

/** Aggregates from metadata, SQL DDL, row reads, options and errors, on the sample store. */
class ReaderFeaturesTest extends SparkTestBase {
  @TempDir
  static Path dir;
  static String v3;

  @BeforeAll
  static void writeStore() {
    v3 = dir.resolve("v3.zarr").toString();
    SampleStore.write(new LocalStore(dir.resolve("v3.zarr")), 3);
  }

  @Test
  void countMinMaxOfDimensionsComeFromMetadata() {
    Dataset<Row> df = spark.sql("SELECT count(*), min(time), max(time), min(lat), max(lat), max(lon) FROM zarr.`"
        + v3 + "` WHERE lat < 0 AND time >= TIMESTAMP '2024-01-02 00:00:00'");
    Row r = df.collectAsList().get(0);
    assertEquals(44L * 18 * 72, r.getLong(0));
    assertEquals(Timestamp.valueOf("2024-01-02 00:00:00"), r.getTimestamp(1));
    assertEquals(Timestamp.valueOf("2024-01-12 18:00:00"), r.getTimestamp(2));
    assertEquals(-87.5f, r.getFloat(3));
    assertEquals(-2.5f, r.getFloat(4));
    assertEquals(357.5f, r.getFloat(5));
    assertEquals(0, metric(df, ScanMetrics.CHUNKS_READ), "answered from metadata and coordinates");
    assertTrue(df.queryExecution().executedPlan().toString().contains("from metadata"));
    // An aggregate of a data variable needs the data.
    Dataset<Row> max = spark.sql("SELECT max(t2m) FROM zarr.`" + v3 + "` WHERE lat < 0");
    assertTrue(max.collectAsList().get(0).getFloat(0) > 250);
    assertEquals(8, metric(max, ScanMetrics.CHUNKS_READ));
  }

  @Test
  void batchesCutCoordinateRunsAnywhere() {
    // Coordinates along outer dimensions are written as repeated runs and inner ones as copies;
    // odd batch sizes cut those runs at every offset. Each row must hold the values of its cell.
    org.zarrspark.core.read.Hierarchy h = org.zarrspark.core.read.Hierarchy.open(new LocalStore(Path.of(v3)));
    org.zarrspark.core.chunk.NdBuffer u10 = h.array("u10").readAll();
    org.zarrspark.core.chunk.NdBuffer lat = h.array("lat").readAll();
    org.zarrspark.core.chunk.NdBuffer lon = h.array("lon").readAll();
    long[] shape = h.arrayMetadata("u10").shape();
    List<Row> first = null;
    for (String batch : List.of("1", "7", "1000", "16384")) {
      List<Row> rows = spark.read().format("zarr").option("variables", "u10").option("indexColumns", "true")
          .option("batchRows", batch).load(v3).collectAsList();
      assertEquals(shape[0] * shape[1] * shape[2], rows.size());
      for (Row r : rows) {
        int t = (int) r.getLong(1);
        int y = (int) r.getLong(3);
        int x = (int) r.getLong(5);
        assertEquals(lat.getFloat(y), r.getFloat(2), batch);
        assertEquals(lon.getFloat(x), r.getFloat(4), batch);
        float want = u10.getFloat((int) ((t * shape[1] + y) * shape[2] + x));
        if (Float.isNaN(want)) {
          assertTrue(r.isNullAt(6), batch);
        } else {
          assertEquals(want, r.getFloat(6), batch);
        }
      }
      if (first == null) {
        first = rows;
      } else {
        assertEquals(first.get(0).getTimestamp(0), rows.get(0).getTimestamp(0));
      }
    }
  }

  @Test
  void sqlDdlAndTemporaryViews() {
    spark.sql("CREATE TEMPORARY VIEW sample_view USING zarr OPTIONS (path '" + v3 + "', variables 't2m')");
    assertEquals(List.of("time", "lat", "lon", "t2m"), List.of(spark.table("sample_view").columns()));
    spark.sql("CREATE TABLE sample_table USING zarr OPTIONS (path '" + v3 + "')");
    Row r = spark.sql("SELECT count(*) FROM sample_table WHERE lon < 10").collectAsList().get(0);
    assertEquals(48L * 36 * 2, r.getLong(0));
    spark.sql("DROP TABLE sample_table");
  }

  @Test
  void optionsChooseVariablesDimensionsRawValuesAndIndexColumns() {
    Dataset<Row> raw = spark.read().format("zarr").option("cfDecode", "false").option("variables", "sp")
        .option("indexColumns", "true").load(v3);
    assertEquals(List.of("time", "time_index", "lat", "lat_index", "lon", "lon_index", "sp"), List.of(raw.columns()));
    assertEquals(DataTypes.LongType, raw.schema().apply("time").dataType(), "raw CF time: hours");
    assertEquals(DataTypes.ShortType, raw.schema().apply("sp").dataType(), "raw packed int16");
    Row first = raw.where("time_index = 0 AND lat_index = 1 AND lon_index = 0").collectAsList().get(0);
    assertEquals(0L, first.getLong(0));
    Dataset<Row> decoded = spark.read().format("zarr").option("variables", "sp").load(v3)
        .where("lat = 82.5 AND lon = 2.5 AND time = TIMESTAMP '2024-01-01 00:00:00'");
    double sp = decoded.collectAsList().get(0).getDouble(3);
    assertEquals(first.getShort(6) * 0.01 + 1000.0, sp, 1e-9);
    Dataset<Row> profile = spark.read().format("zarr").option("dimensions", "time,level").load(v3);
    assertEquals(List.of("time", "level", "co2"), List.of(profile.columns()));
    assertEquals(48 * 4, profile.count());
  }

  @Test
  void packedFillValuesAreNull() {
    // The sample writes -32767 (its _FillValue) where t2m is NaN.
    long nulls = spark.sql("SELECT count(*) FROM zarr.`" + v3 + "` WHERE sp IS NULL").collectAsList().get(0).getLong(0);
    long nans = spark.sql("SELECT count(*) FROM zarr.`" + v3 + "` WHERE t2m IS NULL").collectAsList().get(0).getLong(0);
    assertTrue(nulls > 0);
    assertEquals(nans, nulls);
  }

  @Test
  void rowReadsMatchColumnarReads() throws Exception {
    ZarrTable table = ZarrTables.open(v3, new ZarrOptions(java.util.Map.of("path", v3, "variables", "u10")));
    Scan scan = table.newScanBuilder(new CaseInsensitiveStringMap(java.util.Map.of())).build();
    InputPartition[] parts = scan.toBatch().planInputPartitions();
    PartitionReaderFactory f = scan.toBatch().createReaderFactory();
    List<String> rows = new ArrayList<>();
    for (InputPartition p : parts) {
      try (PartitionReader<InternalRow> r = f.createReader(p)) {
        while (r.next()) {
          InternalRow row = r.get();
          rows.add(row.getLong(0) + "," + row.getFloat(1) + "," + row.getFloat(2) + ","
              + (row.isNullAt(3) ? "null" : Float.toString(row.getFloat(3))));
        }
      }
    }
    List<String> viaSpark = new ArrayList<>();
    for (Row r : spark.read().format("zarr").option("variables", "u10").load(v3).collectAsList()) {
      viaSpark.add((r.getTimestamp(0).getTime() * 1000) + "," + r.getFloat(1) + "," + r.getFloat(2) + ","
          + (r.isNullAt(3) ? "null" : Float.toString(r.getFloat(3))));
    }
    rows.sort(null);
    viaSpark.sort(null);
    assertEquals(viaSpark, rows);
  }

  @Test
  void corruptChunksFailNamingStoreArrayAndKey() {
    Path store = Fixtures.python().resolve("bad_v3_zstd_truncated/store.zarr");
    Exception e = assertThrows(Exception.class, () -> spark.read().format("zarr").load(store.toString()).collectAsList());
    String msg = messages(e);
    assertTrue(msg.contains(store.toString()), msg);
    assertTrue(msg.contains("a/c/1/0"), msg);
    assertTrue(msg.contains("truncated") || msg.contains("Truncated"), msg);
  }

  @Test
  void unknownVariableOrDimensionIsAClearError() {
    Exception e = assertThrows(Exception.class,
        () -> spark.read().format("zarr").option("dimensions", "time,depth").load(v3).schema());
    assertTrue(messages(e).contains("dimension 'depth'"), messages(e));
    assertNull(null);
  }

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append(" | ");
    }
    return sb.toString();
  }
}
