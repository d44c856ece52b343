package org.zarrspark.spark.icechunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.testing.Csv;
import org.zarrspark.spark.SparkTestBase;

/**
 * Time travel through the DataFrame API (branch, tag, snapshot options), the history table, and
 * what a plain Zarr store answers to a version: checked against case.json's refs, written by
 * Icechunk itself.
 */
class IcechunkTimeTravelTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path dir(String id) {
    return IcechunkCasesTest.corpus().resolve(id);
  }

  private static JsonNode refs(String id) throws Exception {
    return JSON.readTree(dir(id).resolve("case.json").toFile()).get("refs");
  }

  private static Dataset<Row> read(String id, String option, String value) {
    var r = spark.read().format("zarr");
    return (option == null ? r : r.option(option, value)).load(dir(id).resolve("repo").toString());
  }

  private static JsonNode columns(String id, String table) throws Exception {
    return JSON.readTree(dir(id).resolve("case.json").toFile()).get("tables").get(table).get("columns");
  }

  @Test
  void optionsChooseTheBranchTagOrSnapshot() throws Exception {
    for (String id : List.of("ic_v2_climate", "ic_v1_climate")) {
      JsonNode refs = refs(id);
      String tag = refs.get("tags").fieldNames().next();
      String branch = id.equals("ic_v2_climate") ? "dev" : "experiment";
      String c2 = refs.get("snapshots").get("c2").get("id").asText();
      String prefix = "root";
      IcechunkCasesTest.compare(read(id, "tag", tag), Csv.read(dir(id).resolve("expected/" + prefix + "_c1.csv")),
          columns(id, prefix + "_c1"));
      IcechunkCasesTest.compare(read(id, "snapshot", c2), Csv.read(dir(id).resolve("expected/" + prefix + "_c2.csv")),
          columns(id, prefix + "_c2"));
      IcechunkCasesTest.compare(read(id, "branch", branch),
          Csv.read(dir(id).resolve("expected/" + prefix + "_dev.csv")), columns(id, prefix + "_dev"));
      IcechunkCasesTest.compare(read(id, null, null), Csv.read(dir(id).resolve("expected/" + prefix + "_c3.csv")),
          columns(id, prefix + "_c3"));
    }
  }

  @Test
  void aMountedRepositoryBrowsesMainAndTravelsInTime() throws Exception {
    Path repo = dir("ic_v2_climate").resolve("repo");
    spark.conf().set("spark.sql.catalog.ice", org.zarrspark.spark.ZarrCatalog.class.getName());
    spark.conf().set("spark.sql.catalog.ice.root", repo.toString());
    List<String> tables = spark.sql("SHOW TABLES IN ice").collectAsList().stream().map(r -> r.getString(1)).toList();
    assertTrue(tables.contains("time_lat_lon") && tables.contains("t2m"), tables.toString());
    IcechunkCasesTest.compare(spark.sql("SELECT * FROM ice.time_lat_lon"),
        Csv.read(dir("ic_v2_climate").resolve("expected/root_c3.csv")), columns("ic_v2_climate", "root_c3"));
    IcechunkCasesTest.compare(spark.sql("SELECT * FROM ice.time_lat_lon VERSION AS OF 'v1'"),
        Csv.read(dir("ic_v2_climate").resolve("expected/root_c1.csv")), columns("ic_v2_climate", "root_c1"));
    IcechunkCasesTest.compare(spark.sql("SELECT * FROM ice.ocean.profile VERSION AS OF 'v1'"),
        Csv.read(dir("ic_v2_climate").resolve("expected/profile_c1.csv")), columns("ic_v2_climate", "profile_c1"));
  }

  @Test
  void atMostOneVersionOptionAndNamedRefsMustExist() {
    Exception two = assertThrows(Exception.class, () -> spark.read().format("zarr").option("tag", "v1")
        .option("branch", "dev").load(dir("ic_v2_climate").resolve("repo").toString()).schema());
    assertTrue(two.getMessage().contains("at most one of branch, tag and snapshot"), two.getMessage());
    Exception missing = assertThrows(Exception.class, () -> read("ic_v2_climate", "tag", "v9").schema());
    assertTrue(missing.getMessage().contains("tag 'v9'") && missing.getMessage().contains("v1"), missing.getMessage());
    Exception notId = assertThrows(Exception.class, () -> read("ic_v2_climate", "snapshot", "v1").schema());
    assertTrue(notId.getMessage().contains("not an Icechunk snapshot id"), notId.getMessage());
  }

  @Test
  void aVersionOfAPlainZarrStoreIsAnError() {
    Path plain = org.zarrspark.core.testing.Fixtures.python().resolve("xr_climate_v3/store.zarr");
    Exception e = assertThrows(Exception.class,
        () -> spark.sql("SELECT * FROM zarr.`" + plain + "` VERSION AS OF 'v1'").collectAsList());
    assertTrue(e.getMessage().contains("needs an Icechunk repository"), e.getMessage());
  }

  @Test
  void theHistoryTableListsEverySnapshotWithItsRefs() throws Exception {
    for (String id : List.of("ic_v2_climate", "ic_v1_climate", "up_test_repo_v2")) {
      Path repo = id.startsWith("up_") ? IcechunkCasesTest.corpus().resolve("upstream/test-repo-v2") : dir(id).resolve("repo");
      JsonNode refs = refs(id);
      List<Row> rows = spark.sql("SELECT * FROM zarr.`" + repo + "`.snapshots").collectAsList();
      Map<String, Row> byId = new HashMap<>();
      rows.forEach(r -> byId.put(r.getString(0), r));
      // every branch's and tag's snapshot, with the names pointing at it
      for (String kind : List.of("branches", "tags")) {
        for (Iterator<Map.Entry<String, JsonNode>> it = refs.get(kind).fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          Row r = byId.get(e.getValue().asText());
          assertTrue(r != null, id + ": no row for " + kind + " " + e.getKey());
          List<String> names = r.getList(r.fieldIndex(kind));
          assertTrue(names.contains(e.getKey()), id + ": " + names + " lacks " + e.getKey());
        }
      }
      // the snapshots case.json lists: message, parent and flush time
      if (refs.has("snapshots") && refs.get("snapshots").isObject()) {
        for (JsonNode s : refs.get("snapshots")) {
          Row r = byId.get(s.get("id").asText());
          assertEquals(s.get("message").asText(), r.getString(r.fieldIndex("message")), id);
          assertEquals(s.get("parent_id").asText(), r.getString(r.fieldIndex("parent_id")), id);
          Timestamp at = r.getTimestamp(r.fieldIndex("flushed_at"));
          assertEquals(OffsetDateTime.parse(s.get("written_at").asText()).toInstant(), at.toInstant(), id);
        }
      }
      // newest first, and every parent is a listed snapshot (the initial one has none)
      Set<String> ids = new TreeSet<>(byId.keySet());
      for (int i = 1; i < rows.size(); i++) {
        assertTrue(!rows.get(i).getTimestamp(2).after(rows.get(i - 1).getTimestamp(2)), id + ": newest first");
      }
      for (Row r : rows) {
        assertTrue(r.isNullAt(1) || ids.contains(r.getString(1)), id + ": parent of " + r.getString(0));
      }
    }
  }
}
