package org.zarrspark.core.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.testing.Fixtures;

/**
 * Writes arrays like fixtures written by zarr-python and xarray, and checks that the metadata
 * documents equal theirs field for field (order included) and that the same chunk keys exist.
 */
class FixtureLayoutTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void v3ArrayMatchesZarrPython() throws IOException {
    Path store = Fixtures.python().resolve("zp_arrays_v3/store.zarr");
    rewriteAndCompare(store, "zp_v3_datetime64_s", 3, null);
  }

  @Test
  void v3ShardedArrayMatchesZarrPython() throws IOException {
    Path store = Fixtures.python().resolve("zp_arrays_v3/store.zarr");
    ZarrArray src = Hierarchy.open(new LocalStore(store)).array("zp_v3_sharded_u8");
    rewriteAndCompare(store, "zp_v3_sharded_u8", 3, (ArrayNode) src.metadata().document().get("codecs"));
  }

  @Test
  void v2ArrayWithAttributesMatchesXarray() throws IOException {
    Path store = Fixtures.python().resolve("xr_climate_v2/store.zarr");
    rewriteAndCompare(store, "co2", 2, null);
  }

  private void rewriteAndCompare(Path store, String path, int format, ArrayNode codecs) throws IOException {
    ZarrArray src = Hierarchy.open(new LocalStore(store)).array(path);
    ArrayMetadata m = src.metadata();
    JsonNode doc = m.document();
    ArraySpec spec = ArraySpec.of(m.dataType(), m.shape(), m.chunkShape()).zarrFormat(format).fill(m.fillValue());
    ObjectNode attrs = m.attributes().deepCopy();
    if (format == 2) {
      attrs.remove("_ARRAY_DIMENSIONS");
      spec.compressor(doc.get("compressor")).filters(doc.get("filters")).order(doc.get("order").asText());
    } else {
      spec.codecs(codecs != null ? codecs : (ArrayNode) doc.get("codecs"));
    }
    spec.attributes(attrs);
    if (m.dimensionNames() != null) {
      spec.dimensionNames(m.dimensionNames());
    }
    MemoryStore out = new MemoryStore();
    ArrayWriter.create(out, path, spec).write(new long[m.rank()], src.readAll());

    String metaName = format == 3 ? "zarr.json" : ".zarray";
    JsonNode theirs = JSON.readTree(store.resolve(path).resolve(metaName).toFile());
    JsonNode ours = JSON.readTree(out.get(path + "/" + metaName));
    assertEquals(theirs, ours, "metadata document");
    assertEquals(fieldNames(theirs), fieldNames(ours), "field order");
    if (format == 2) {
      assertEquals(JSON.readTree(store.resolve(path).resolve(".zattrs").toFile()), JSON.readTree(out.get(path + "/.zattrs")));
    }
    List<String> theirKeys;
    try (Stream<Path> walk = Files.walk(store.resolve(path))) {
      theirKeys = walk.filter(Files::isRegularFile).map(p -> path + "/" + store.resolve(path).relativize(p).toString())
          .filter(k -> !k.endsWith(metaName) && !k.endsWith(".zattrs")).sorted().collect(Collectors.toList());
    }
    List<String> ourKeys = out.keys().stream().filter(k -> !k.endsWith(metaName) && !k.endsWith(".zattrs"))
        .sorted().collect(Collectors.toList());
    assertEquals(theirKeys, ourKeys, "chunk keys");
    NdBuffer back = Hierarchy.open(out).array(path).readAll();
    assertArrayEquals(src.readAll().bytes(), back.bytes(), "values");
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void groupsMatchZarrPython() throws IOException {
    MemoryStore out = new MemoryStore();
    GroupWriter.create(out, "g", 3, null);
    GroupWriter.create(out, "h", 2, null);
    assertEquals(JSON.readTree("{\"attributes\":{},\"zarr_format\":3,\"consolidated_metadata\":null,\"node_type\":\"group\"}"),
        JSON.readTree(out.get("g/zarr.json")));
    assertEquals(JSON.readTree("{\"zarr_format\":2}"), JSON.readTree(out.get("h/.zgroup")));
    assertEquals(Arrays.asList("g/zarr.json", "h/.zattrs", "h/.zgroup"), out.keys());
  }
}
