package org.zarrspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The whole benchmark at a tiny scale, one run: every row is there and every number is positive.
 * Not a timing test. It starts Spark, runs 42 queries and 8 writes (about 30 s on a quiet 2-core
 * machine, minutes on a busy one), so it runs only when asked: {@code mvn -pl bench test -Dbench.smoke=true}.
 */
@EnabledIfSystemProperty(named = "bench.smoke", matches = "true")
class BenchSmokeTest {
  private static final List<String> QUERIES =
      List.of("full_scan", "spatial_box", "one_time_step", "point_series", "box_1pct", "count", "scan_minmax");
  private static final List<String> WRITES = List.of("parquet", "zarr-v2", "zarr-v3", "zarr-v3-sharded");
  private static final List<String> CODECS =
      List.of("blosc-lz4", "blosc-zstd", "blosc-blosclz", "blosc-lz4, fresh arrays", "zstd", "zstd (pure Java)", "gzip",
          "uncompressed");

  @Test
  void tinyScaleReportsEveryQueryAndCodec() throws Exception {
    Path target = Paths.get("target");
    Bench.Options o = Bench.Options.parse(new String[] {"--scale", "0.01", "--runs", "1", "--decode-seconds", "0.05",
        "--out", target.resolve("bench-smoke").toString(), "--dir", target.resolve("bench-smoke-data").toString()});
    Report report = Bench.run(o);

    JsonNode json = new ObjectMapper().readTree(Files.readString(o.out.resolve("latest.json")));
    assertEquals(QUERIES.size(), json.get("queries").size());
    for (int i = 0; i < QUERIES.size(); i++) {
      JsonNode q = json.get("queries").get(i);
      assertEquals(QUERIES.get(i), q.get("name").asText());
      for (String f : QueryBench.FORMATS) {
        JsonNode r = q.get("formats").get(f);
        assertTrue(r.get("min_ms").asDouble() > 0 && r.get("median_ms").asDouble() > 0, q + " " + f);
        assertTrue(r.get("result_rows").asLong() > 0, q + " " + f);
        assertTrue(r.get("agrees_with_parquet").asBoolean(), "same result as Parquet: " + q + " " + f);
        if (!f.equals("parquet")) {
          assertTrue(r.get("ratio_to_parquet").asDouble() > 0);
          boolean readsChunks = !q.get("name").asText().equals("count");
          // COUNT(*) is answered from the metadata (a LocalScan, no Zarr scan): no chunks at all.
          assertEquals(readsChunks, r.get("chunks_total").asLong() > 0, q + " " + f);
          assertEquals(readsChunks, r.get("chunks_read").asLong() > 0, q + " " + f);
          assertEquals(readsChunks, r.get("bytes_fetched").asLong() > 0, q + " " + f);
        }
      }
    }
    assertEquals(CODECS.size(), json.get("decode").size());
    for (int i = 0; i < CODECS.size(); i++) {
      JsonNode d = json.get("decode").get(i);
      assertEquals(CODECS.get(i), d.get("codec").asText());
      assertTrue(d.get("ours_mb_per_cpu_s").asDouble() > 0 && d.get("ours_mb_per_wall_s").asDouble() > 0);
      // Native baselines may be missing on an exotic platform; then the note says so.
      assertTrue(d.get("native_mb_per_cpu_s").asDouble() > 0 || d.get("note").asText().contains("unavailable"));
    }
    JsonNode writes = json.get("write").get("formats");
    for (String f : WRITES) {
      JsonNode w = writes.get(f);
      assertTrue(w.get("median_ms").asDouble() > 0 && w.get("bytes").asLong() > 0, f);
      assertTrue(w.get("same_data").asBoolean(), "written data reads back: " + f);
    }
    // xarray is measured when installed, else the row says why not.
    JsonNode x = writes.get("xarray");
    assertTrue(x.has("skipped") || x.get("same_data").asBoolean() && x.get("median_ms").asDouble() > 0, x.toString());
    assertTrue(json.get("targets").size() >= 11);
    String md = Files.readString(o.out.resolve("latest.md"));
    for (String name : QUERIES) {
      assertTrue(md.contains("| " + name + " | zarr-v2 |") && md.contains("| " + name + " | parquet |"), name);
    }
    for (String c : CODECS) {
      assertTrue(md.contains("| " + c + " |"), c);
    }
    for (String f : WRITES) {
      assertTrue(md.contains("| Spark | " + f + " |"), f);
    }
    assertTrue(md.contains("| xarray | zarr-v2 |"));
    assertTrue(report.targets.size() >= 11);
    assertTrue(!Files.exists(o.dir), "data removed");
  }
}
