package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.testing.Fixtures;

/** A Zarr hierarchy mounted as a catalog: groups as namespaces, arrays and dimension sets as tables. */
class CatalogTest extends SparkTestBase {
  @BeforeAll
  static void mount() {
    Path fixtures = Fixtures.python();
    spark.conf().set("spark.sql.catalog.tree", ZarrCatalog.class.getName());
    spark.conf().set("spark.sql.catalog.tree.root", fixtures.resolve("xr_datatree_v3/store.zarr").toString());
    spark.conf().set("spark.sql.catalog.tree2", ZarrCatalog.class.getName());
    spark.conf().set("spark.sql.catalog.tree2.root", fixtures.resolve("xr_datatree_v2/store.zarr").toString());
    spark.conf().set("spark.sql.catalog.tree2.cfDecode", "false");
  }

  private static List<String> column(String sql, int i) {
    List<String> out = new ArrayList<>();
    for (Row r : spark.sql(sql).collectAsList()) {
      out.add(r.get(i).toString());
    }
    out.sort(null);
    return out;
  }

  @Test
  void groupsAreNamespaces() {
    assertEquals(List.of("atmosphere", "ocean"), column("SHOW NAMESPACES IN tree", 0));
    assertEquals(List.of("ocean.profile", "ocean.surface"), column("SHOW NAMESPACES IN tree.ocean", 0));
    assertEquals(List.of("ocean.surface.buoys"), column("SHOW NAMESPACES IN tree.ocean.surface", 0));
  }

  @Test
  void arraysAndDimensionSetsAreTables() {
    assertEquals(List.of("lat", "lon", "t850", "time", "time_lat_lon", "z500"), column("SHOW TABLES IN tree.atmosphere", 1));
    assertEquals(List.of("depth", "salt", "temp", "time", "time_depth"), column("SHOW TABLES IN tree2.ocean.profile", 1));
    assertEquals(200L, spark.sql("SELECT count(*) FROM tree.atmosphere.time_lat_lon").collectAsList().get(0).getLong(0));
    // A group's own name reads its default table; inherited coordinates are not needed here.
    Row r = spark.sql("SELECT count(*), count(sst) FROM tree.ocean.surface").collectAsList().get(0);
    assertEquals(200L, r.getLong(0));
    assertTrue(r.getLong(1) > 0 && r.getLong(1) <= 200);
    // An array alone: its dimensions, then its values.
    assertEquals(List.of("time", "depth", "salt"), List.of(spark.table("tree.ocean.profile.salt").columns()));
    // Catalog options are reader options: tree2 reads raw values (CF times stay numbers).
    assertEquals("bigint", spark.table("tree2.atmosphere.time_lat_lon").schema().apply("time").dataType().simpleString());
    assertEquals("timestamp", spark.table("tree.atmosphere.time_lat_lon").schema().apply("time").dataType().simpleString());
  }

  @Test
  void propertiesDescribeTheZarrNode() {
    Map<String, String> props = new TreeMap<>();
    for (Row r : spark.sql("DESCRIBE TABLE EXTENDED tree.atmosphere.t850").collectAsList()) {
      props.put(r.getString(0), r.getString(1));
    }
    String all = props.toString();
    assertTrue(all.contains("zarr.format=3"), all);
    assertTrue(all.contains("zarr.dimensions=time,lat,lon"), all);
    assertTrue(all.contains("zarr.codecs="), all);
    assertTrue(all.contains("zarr.attr.units=K"), all);
    Map<String, String> ns = new TreeMap<>();
    for (Row r : spark.sql("DESCRIBE NAMESPACE EXTENDED tree.ocean.profile").collectAsList()) {
      ns.put(r.getString(0), r.getString(1));
    }
    assertTrue(ns.toString().contains("time_depth"), ns.toString());
  }

  @Test
  void theCatalogIsReadOnly() {
    for (String ddl : List.of("DROP TABLE tree.atmosphere.t850", "CREATE NAMESPACE tree.newgroup",
        "ALTER TABLE tree.atmosphere.t850 SET TBLPROPERTIES ('a' = 'b')",
        "ALTER TABLE tree.atmosphere.t850 RENAME TO tree.atmosphere.t851",
        "CREATE TABLE tree.atmosphere.x (a INT)")) {
      Exception e = assertThrows(Exception.class, () -> spark.sql(ddl).collectAsList(), ddl);
      assertTrue(String.valueOf(e.getMessage()).contains("read-only"), ddl + ": " + e.getMessage());
    }
  }

  @Test
  void pathsStillWorkInAMountedCatalog() {
    String store = Fixtures.python().resolve("xr_climate_v3/store.zarr").toString();
    assertEquals(4992L, spark.sql("SELECT count(*) FROM tree.`" + store + "`").collectAsList().get(0).getLong(0));
  }
}
