package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.core.testing.Fixtures;

/**
 * Spark re-writes xarray-written datasets of the fixtures (read through Spark, written with the
 * chunks and codecs xarray used) and the metadata must equal xarray's field for field, order
 * included: array documents whole; attributes on the keys the writer owns (CF time units and
 * calendar, _FillValue, _ARRAY_DIMENSIONS), since xarray's others came from its user.
 */
class WriteFixtureLayoutTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> OWN_ATTRS = Set.of("units", "calendar", "_FillValue", "_ARRAY_DIMENSIONS");

  @TempDir
  Path tmp;

  private Dataset<Row> t2m(Path store) {
    return spark.read().format("zarr").option("dimensions", "time,lat,lon").option("variables", "t2m")
        .load(store.toString()).select("time", "lat", "lon", "t2m");
  }

  @Test
  void v3ShardedLikeXarray() throws IOException {
    Path fixture = Fixtures.python().resolve("xr_climate_v3/store.zarr");
    Path out = tmp.resolve("v3.zarr");
    t2m(fixture).write().format("zarr").option("dimensions", "time,lat,lon")
        .option("chunks", "6,7,8").option("shards", "12,14,16").save(out.toString());
    for (String a : List.of("time", "lat", "lon", "t2m")) {
      compare(fixture.resolve(a + "/zarr.json"), out.resolve(a + "/zarr.json"));
    }
    compare(fixture.resolve("zarr.json"), out.resolve("zarr.json"));
  }

  @Test
  void v2LikeXarray() throws IOException {
    Path fixture = Fixtures.python().resolve("xr_climate_v2/store.zarr");
    Path out = tmp.resolve("v2.zarr");
    t2m(fixture).write().format("zarr").option("dimensions", "time,lat,lon").option("zarrFormat", "2")
        .option("chunks", "6,7,8").save(out.toString());
    for (String a : List.of("time", "lat", "lon", "t2m")) {
      compare(fixture.resolve(a + "/.zarray"), out.resolve(a + "/.zarray"));
      compare(fixture.resolve(a + "/.zattrs"), out.resolve(a + "/.zattrs"));
    }
    compare(fixture.resolve(".zgroup"), out.resolve(".zgroup"));
    JsonNode theirs = JSON.readTree(fixture.resolve(".zmetadata").toFile());
    JsonNode ours = JSON.readTree(out.resolve(".zmetadata").toFile());
    assertEquals(names(theirs), names(ours), ".zmetadata fields");
    assertEquals(theirs.get("metadata").get("t2m/.zarray"), ours.get("metadata").get("t2m/.zarray"));
  }

  private static void compare(Path theirsFile, Path oursFile) throws IOException {
    JsonNode theirs = JSON.readTree(theirsFile.toFile());
    JsonNode ours = JSON.readTree(oursFile.toFile());
    String what = theirsFile.getParent().getFileName() + "/" + theirsFile.getFileName();
    if (theirsFile.getFileName().toString().equals(".zattrs")) {
      assertEquals(own(theirs), own(ours), what);
      return;
    }
    assertEquals(names(theirs), names(ours), what + " field order");
    ObjectNode t = ((ObjectNode) theirs).deepCopy();
    ObjectNode o = ((ObjectNode) ours).deepCopy();
    for (ObjectNode n : List.of(t, o)) {
      if (n.has("attributes")) {
        n.set("attributes", own(n.get("attributes")));
      }
      if (n.has("consolidated_metadata")) {
        n.remove("consolidated_metadata"); // holds the fixture's other variables
      }
    }
    assertEquals(t, o, what);
  }

  private static ObjectNode own(JsonNode attrs) {
    ObjectNode out = JSON.createObjectNode();
    attrs.fields().forEachRemaining(e -> {
      boolean time = attrs.path("units").asText("").contains(" since ");
      if (OWN_ATTRS.contains(e.getKey()) && (time || !e.getKey().equals("units"))) {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
