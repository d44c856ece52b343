package org.zarrspark.spark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.core.write.CodecJson;
import org.zarrspark.core.write.GroupWriter;

/**
 * {@link TableModel} built from real metadata: the xarray fixture {@code xr_climate_v2} (its
 * arrays, from its {@code .zmetadata}: t2m, u10, sp over (time 24, lat 13, lon 16) chunked
 * 6x7x8, 10x13x16 and 24x5x5; lsm over (lat, lon); co2 over (time, level 3) chunked 12x3;
 * station_t2m over (time, station 5) with the non-index coordinate station_elevation; time is
 * int64 "hours since", lat/lon float32, level int32, station strings), the calendar fixture
 * {@code xr_calendars_v3}, and small stores written here.
 */
class TableModelTest {
  private static GroupModel climate;
  private static GroupModel calendars;

  @BeforeAll
  static void open() {
    climate = GroupModel.of(Hierarchy.open(new LocalStore(Fixtures.python().resolve("xr_climate_v2/store.zarr"))), "");
    calendars = GroupModel.of(Hierarchy.open(new LocalStore(Fixtures.python().resolve("xr_calendars_v3/store.zarr"))), "");
  }

  private static List<String> names(TableModel t) {
    List<String> out = new ArrayList<>();
    for (ColumnSpec c : t.columns()) {
      out.add(c.name);
    }
    return out;
  }

  private static StructField field(TableModel t, String name) {
    StructType s = t.schema();
    return s.fields()[s.fieldIndex(name)];
  }

  @Test
  void defaultTableIsTheLargestDimensionSet() {
    TableModel t = TableModel.of(climate, null, null, true, false);
    assertEquals(List.of("time", "lat", "lon"), t.dims());
    assertArrayEquals(new long[] {24, 13, 16}, t.dimSizes());
    assertEquals(24L * 13 * 16, t.rowCount());
    // Dimensions first, then the data variables over them by name (lsm over a subset).
    assertEquals(List.of("time", "lat", "lon", "lsm", "sp", "t2m", "u10"), names(t));
    assertEquals(List.of("co2[time, level]", "station_t2m[time, station]"), t.leftOut());
    assertTrue(t.notes().isEmpty());
  }

  @Test
  void columnRolesAndAxes() {
    TableModel t = TableModel.of(climate, null, null, true, false);
    ColumnSpec lat = t.column("lat");
    assertEquals(ColumnSpec.Role.DIMENSION, lat.role);
    assertEquals(1, lat.dim);
    assertEquals("lat", lat.array.path());
    ColumnSpec lsm = t.column("lsm");
    assertEquals(ColumnSpec.Role.VARIABLE, lsm.role);
    assertArrayEquals(new int[] {1, 2}, lsm.tableAxes);
    assertArrayEquals(new int[] {0, 1, 2}, t.column("t2m").tableAxes);
    assertNull(t.column("co2"));
  }

  @Test
  void schemaTypesFollowCfDecoding() {
    TableModel t = TableModel.of(climate, null, null, true, false);
    assertEquals(DataTypes.TimestampType, field(t, "time").dataType(), "hours since, proleptic_gregorian");
    assertEquals(DataTypes.FloatType, field(t, "lat").dataType());
    assertEquals(DataTypes.ByteType, field(t, "lsm").dataType());
    assertEquals(DataTypes.DoubleType, field(t, "sp").dataType(), "int16 with scale_factor and add_offset");
    assertEquals(DataTypes.FloatType, field(t, "t2m").dataType());
    assertTrue(field(t, "time").nullable());
    assertTrue(field(t, "t2m").nullable());
    assertEquals(t.columns().size(), t.schema().fields().length);
  }

  @Test
  void withoutCfDecodingRawTypes() {
    TableModel t = TableModel.of(climate, null, null, false, false);
    assertEquals(DataTypes.LongType, field(t, "time").dataType());
    assertEquals(DataTypes.ShortType, field(t, "sp").dataType());
    assertEquals(DataTypes.FloatType, field(t, "u10").dataType());
  }

  @Test
  void readGridFollowsTheFirstOfTheLargestVariables() {
    // sp, t2m and u10 all have 24 x 13 x 16 elements: sp comes first by name.
    assertArrayEquals(new int[] {24, 5, 5}, TableModel.of(climate, null, null, true, false).readGrid().regularShape());
    assertArrayEquals(new int[] {6, 7, 8}, TableModel.of(climate, null, List.of("t2m", "lsm"), true, false).readGrid().regularShape());
    assertArrayEquals(new int[] {10, 13, 16}, TableModel.of(climate, null, List.of("u10"), true, false).readGrid().regularShape());
  }

  @Test
  void indexColumnsFollowTheirDimensions() {
    TableModel t = TableModel.of(climate, null, null, true, true);
    assertEquals(List.of("time", "time_index", "lat", "lat_index", "lon", "lon_index", "lsm", "sp", "t2m", "u10"), names(t));
    ColumnSpec li = t.column("lat_index");
    assertEquals(ColumnSpec.Role.INDEX, li.role);
    assertEquals(1, li.dim);
    assertFalse(li.readsArray());
    assertEquals(DataTypes.LongType, field(t, "lat_index").dataType());
    assertFalse(field(t, "lat_index").nullable());
  }

  @Test
  void chosenDimensions() {
    TableModel t = TableModel.of(climate, List.of("time", "level"), null, true, false);
    assertEquals(List.of("time", "level", "co2"), names(t));
    assertEquals(DataTypes.IntegerType, field(t, "level").dataType());
    assertEquals(DataTypes.DoubleType, field(t, "co2").dataType());
    assertArrayEquals(new int[] {12, 3}, t.readGrid().regularShape());
    assertEquals(List.of("lsm[lat, lon]", "sp[time, lat, lon]", "station_t2m[time, station]",
        "t2m[time, lat, lon]", "u10[time, lat, lon]"), t.leftOut());
  }

  @Test
  void dimensionNotChunkedByThePrimaryVariableIsTakenWhole() {
    TableModel t = TableModel.of(climate, List.of("time", "lat", "lon", "level"), null, true, false);
    assertEquals(24L * 13 * 16 * 3, t.rowCount());
    assertEquals(List.of("time", "lat", "lon", "level", "co2", "lsm", "sp", "t2m", "u10"), names(t));
    assertArrayEquals(new int[] {24, 5, 5, 3}, t.readGrid().regularShape());
    assertArrayEquals(new int[] {0, 3}, t.column("co2").tableAxes);
  }

  @Test
  void nonIndexCoordinateIsAColumnOfItsDimension() {
    TableModel t = TableModel.of(climate, List.of("station"), null, true, false);
    assertEquals(List.of("station", "station_elevation"), names(t));
    assertEquals(DataTypes.StringType, field(t, "station").dataType());
    assertEquals(DataTypes.FloatType, field(t, "station_elevation").dataType());
    assertArrayEquals(new int[] {5}, t.readGrid().regularShape());
    TableModel ts = TableModel.of(climate, List.of("time", "station"), null, true, false);
    assertEquals(List.of("time", "station", "station_t2m", "station_elevation"), names(ts));
    assertArrayEquals(new int[] {24, 2}, ts.readGrid().regularShape());
  }

  @Test
  void unknownDimensionsAndVariablesAreRefused() {
    assertThrows(InvalidMetadataException.class, () -> TableModel.of(climate, List.of("depth"), null, true, false));
    assertThrows(InvalidMetadataException.class, () -> TableModel.of(climate, null, List.of("precip"), true, false));
  }

  @Test
  void calendarsOutsideTheStandardOnesAreDecodedAndNoted() {
    TableModel t = TableModel.of(calendars, null, null, true, false);
    assertEquals(List.of("time"), t.dims());
    assertEquals(List.of("time", "tasmax"), names(t));
    assertEquals(DataTypes.TimestampType, field(t, "time").dataType(), "noleap dates are Gregorian dates");
    assertEquals(1, t.notes().size());
    assertTrue(t.notes().get(0).startsWith("time: ") && t.notes().get(0).contains("noleap"), t.notes().get(0));
    assertEquals(List.of("pr[time_leap]"), t.leftOut());
    TableModel leap = TableModel.of(calendars, List.of("time_leap"), null, true, false);
    assertEquals(DataTypes.StringType, field(leap, "time_leap").dataType(), "all_leap has 2001-02-29");
    assertTrue(leap.notes().get(0).contains("all_leap"), leap.notes().toString());
    TableModel raw = TableModel.of(calendars, List.of("time_leap"), null, false, false);
    assertEquals(DataTypes.LongType, field(raw, "time_leap").dataType(), "CF decoding off: raw hours");
  }

  // ---- small stores written here ----

  @Test
  void dimensionsWithoutCoordinatesAreIndexColumns() {
    MemoryStore s = new MemoryStore();
    GroupWriter.create(s, "", 3, null);
    ArrayWriter.create(s, "v", ArraySpec.of(DataType.FLOAT32, new long[] {4, 6}, new int[] {2, 3}).dimensionNames(List.of("x", "y")));
    TableModel t = TableModel.of(GroupModel.of(Hierarchy.open(s), ""), null, null, true, true);
    assertEquals(List.of("x", "y", "v"), names(t), "no _index columns beside index columns");
    assertEquals(ColumnSpec.Role.INDEX, t.column("x").role);
    assertEquals(DataTypes.LongType, field(t, "y").dataType());
    assertFalse(field(t, "y").nullable());
    assertArrayEquals(new int[] {2, 3}, t.readGrid().regularShape());
  }

  @Test
  void repeatedDimensionsAndComplexTypesAreLeftOut() {
    MemoryStore s = new MemoryStore();
    GroupWriter.create(s, "", 3, null);
    ArrayWriter.create(s, "v", ArraySpec.of(DataType.FLOAT64, new long[] {4, 6}, new int[] {4, 6}).dimensionNames(List.of("x", "y")));
    ArrayWriter.create(s, "rep", ArraySpec.of(DataType.FLOAT64, new long[] {4, 4}, new int[] {4, 4}).dimensionNames(List.of("x", "x")));
    ArrayWriter.create(s, "c", ArraySpec.of(DataType.COMPLEX64, new long[] {4}, new int[] {4}).dimensionNames(List.of("x")));
    TableModel t = TableModel.of(GroupModel.of(Hierarchy.open(s), ""), null, null, true, false);
    assertEquals(List.of("x", "y"), t.dims());
    assertEquals(List.of("x", "y", "v"), names(t));
    assertEquals(2, t.leftOut().size(), t.leftOut().toString());
    assertEquals("rep[x, x]", t.leftOut().get(0));
    assertTrue(t.leftOut().get(1).startsWith("c (") && t.leftOut().get(1).endsWith("has no Spark column type)"), t.leftOut().get(1));
  }

  @Test
  void shardedVariablesArePlannedOnInnerChunks() {
    MemoryStore s = new MemoryStore();
    GroupWriter.create(s, "", 3, null);
    ArraySpec spec = ArraySpec.of(DataType.FLOAT32, new long[] {8, 12}, new int[] {4, 12}).dimensionNames(List.of("x", "y"))
        .codecs(CodecJson.list(CodecJson.sharding(new int[] {2, 3}, CodecJson.list(CodecJson.bytes(true)), true)));
    ArrayWriter.create(s, "v", spec);
    TableModel t = TableModel.of(GroupModel.of(Hierarchy.open(s), ""), null, null, true, false);
    assertArrayEquals(new int[] {2, 3}, t.readGrid().regularShape());
    assertArrayEquals(new int[] {2, 3}, TableModel.storageGrid(t.column("v").array.metadata()).regularShape());
  }

  @Test
  void higherRankWinsOverMoreElements() {
    MemoryStore s = new MemoryStore();
    GroupWriter.create(s, "", 3, null);
    // big has 1000 elements over one dimension; small2d 20 over two: small2d sets the grid.
    ArrayWriter.create(s, "big", ArraySpec.of(DataType.FLOAT32, new long[] {1000}, new int[] {10}).dimensionNames(List.of("z")));
    ArrayWriter.create(s, "small2d", ArraySpec.of(DataType.FLOAT32, new long[] {10, 2}, new int[] {5, 1}).dimensionNames(List.of("x", "y")));
    TableModel t = TableModel.of(GroupModel.of(Hierarchy.open(s), ""), List.of("x", "y", "z"), null, true, false);
    assertEquals(List.of("x", "y", "z", "big", "small2d"), names(t));
    assertArrayEquals(new int[] {5, 1, 1000}, t.readGrid().regularShape());
  }
}
