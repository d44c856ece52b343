package org.zarrspark.spark.refs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.zarrspark.core.cli.ZarrCli;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.refs.JsonReferences;
import org.zarrspark.core.refs.Ref;
import org.zarrspark.core.testing.Csv;
import org.zarrspark.core.testing.RefCases;
import org.zarrspark.spark.SparkTestBase;
import org.zarrspark.spark.icechunk.IcechunkCasesTest;

/**
 * Every case of testdata/refs through Spark SQL, as check_refs.py runs them: each query's table
 * equals the one read by xarray from the original files, and each bad input fails naming the key
 * or the target. The Parquet case's layout is built here with Spark's own Parquet writer (zstd),
 * as the corpus README describes it.
 */
class ReferenceCasesTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path scratch;

  @BeforeAll
  static void materialize() throws IOException {
    scratch = Files.createTempDirectory("refs-cases");
    for (String id : RefCases.ids()) {
      Path dir = RefCases.materialize(id, scratch);
      JsonNode p = RefCases.spec(id).path("parquet");
      if (p.isObject()) {
        buildParquet(dir.resolve(p.get("source").asText()), dir.resolve(p.get("dir").asText()),
            p.get("record_size").asInt(), p.path("pad").asBoolean(true));
      }
    }
  }

  @AfterAll
  static void cleanUp() throws IOException {
    try (Stream<Path> files = Files.walk(scratch)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  static Path location(String id) throws IOException {
    return scratch.resolve(id).resolve(RefCases.spec(id).get("location").asText());
  }

  @TestFactory
  Stream<DynamicTest> everyQueryOfEveryCase() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String id : RefCases.ids()) {
      JsonNode spec = RefCases.spec(id);
      if (spec.get("expect").asText().equals("ok")) {
        int i = 0;
        for (JsonNode q : spec.get("queries")) {
          tests.add(dynamicTest(id + " #" + (i++), () -> {
            String sql = q.get("sql").asText().replace("{loc}", location(id).toString());
            IcechunkCasesTest.compare(spark.sql(sql), Csv.read(RefCases.corpus().resolve(id).resolve(
                q.get("expected").asText())), q.path("dtypes"));
          }));
        }
      } else {
        tests.add(dynamicTest(id + " fails", () -> {
          String sql = spec.get("error").get("sql").asText().replace("{loc}", location(id).toString());
          Exception e = assertThrows(Exception.class, () -> spark.sql(sql).collectAsList());
          assertMentions(messages(e), spec.get("error").get("mentions"));
        }));
      }
    }
    return tests.stream();
  }

  /**
   * NetCDF-4 / HDF5 files read directly (references computed in the JVM): for every readable case,
   * each query on the file itself gives the case's expected table; a case of several files is read
   * as a glob over them and as their directory (concatenated along time, as kerchunk's set does).
   */
  @TestFactory
  Stream<DynamicTest> everyQueryOnTheFileItself() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    int multi = 0;
    for (String id : RefCases.ids()) {
      JsonNode spec = RefCases.spec(id);
      if (!spec.get("expect").asText().equals("ok") || !spec.get("format").asText().startsWith("json")) {
        continue;
      }
      List<Path> locations = new ArrayList<>();
      Path first = scratch.resolve(id).resolve(spec.get("targets").get(0).asText());
      if (spec.get("targets").size() == 1) {
        locations.add(first);
      } else {
        Path dir = first.getParent();
        try (Stream<Path> files = Files.list(dir)) {
          assertEquals(spec.get("targets").size(), files.count(), "the targets are the files of " + dir);
        }
        locations.add(dir.resolve("*.nc"));
        locations.add(dir);
        multi++;
      }
      for (Path loc : locations) {
        int i = 0;
        for (JsonNode q : spec.get("queries")) {
          tests.add(dynamicTest(id + " #" + (i++) + " on " + loc.getFileName(), () -> {
            String sql = q.get("sql").asText().replace("{loc}", loc.toString());
            IcechunkCasesTest.compare(spark.sql(sql), Csv.read(RefCases.corpus().resolve(id).resolve(
                q.get("expected").asText())), q.path("dtypes"));
          }));
        }
        tests.add(dynamicTest(id + " load(" + loc.getFileName() + ")", () -> {
          JsonNode q = spec.get("queries").get(0);
          IcechunkCasesTest.compare(spark.read().format("zarr").load(loc.toString()),
              Csv.read(RefCases.corpus().resolve(id).resolve(q.get("expected").asText())), q.path("dtypes"));
        }));
      }
    }
    assertTrue(tests.size() >= 4 && multi >= 1, "cases found: " + tests.size() + ", of several files: " + multi);
    return tests.stream();
  }

  /** A damaged NetCDF file read directly: a typed error naming the file. */
  @Test
  void aDamagedNetcdfFileNamesTheFile() throws Exception {
    Path good = scratch.resolve("nc4_climate_v0").resolve("data").resolve("climate.nc");
    Path bad = scratch.resolve("nc4_climate_v0").resolve("broken.nc");
    Files.write(bad, java.util.Arrays.copyOf(Files.readAllBytes(good), 1500));
    Exception e = assertThrows(Exception.class, () -> spark.sql("SELECT * FROM zarr.`" + bad + "`").collectAsList());
    assertTrue(messages(e).contains(bad.toString()) && messages(e).contains("NetCDF-4 / HDF5"), messages(e));
  }

  private static void assertMentions(String message, JsonNode mentions) {
    boolean any = false;
    for (JsonNode m : mentions) {
      any |= message.contains(m.asText());
    }
    assertTrue(any, "error should name one of " + mentions + ": " + message);
  }

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append(" | ");
    }
    return sb.toString();
  }

  /** Targets relative to the set, and targets moved: option referenceRemap. */
  @Test
  void relativeAndRemappedTargets() throws Exception {
    Path dir = scratch.resolve("nc4_multifile_v0");
    String text = Files.readString(dir.resolve("refs.json"));
    String abs = "file://" + dir.toAbsolutePath() + "/";
    Files.writeString(dir.resolve("relative.json"), text.replace(abs, ""));
    Files.writeString(dir.resolve("moved.json"), text.replace(abs, "s3://old-bucket/cmip/"));
    JsonNode q = RefCases.spec("nc4_multifile_v0").get("queries").get(0);
    List<List<String>> want = Csv.read(RefCases.corpus().resolve("nc4_multifile_v0").resolve(q.get("expected").asText()));
    IcechunkCasesTest.compare(spark.sql("SELECT * FROM zarr.`" + dir.resolve("relative.json") + "`"), want,
        q.path("dtypes"));
    Dataset<Row> moved = spark.read().format("zarr").option("referenceRemap", "s3://old-bucket/cmip/=" + abs)
        .load(dir.resolve("moved.json").toString());
    IcechunkCasesTest.compare(moved, want, q.path("dtypes"));
    Exception e = assertThrows(Exception.class, () -> spark.read().format("zarr")
        .load(dir.resolve("moved.json").toString()).collectAsList());
    assertTrue(messages(e).contains("s3a://old-bucket/cmip/"), messages(e));
  }

  /** A JSON reference file is recognised by its content too; a version asked of a set is refused. */
  @Test
  void recognisedByContentAndNoTimeTravel() throws Exception {
    Path dir = scratch.resolve("nc4_inline_v0");
    Files.copy(dir.resolve("refs.json"), dir.resolve("references"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    long n = spark.read().format("zarr").load(dir.resolve("references").toString()).count();
    assertEquals(spark.read().format("zarr").load(dir.resolve("refs.json").toString()).count(), n);
    Exception e = assertThrows(Exception.class, () -> spark.read().format("zarr").option("tag", "v1")
        .load(dir.resolve("refs.json").toString()).collectAsList());
    assertTrue(messages(e).contains("reference set"), messages(e));
  }

  /** bin/zarr cat on a Parquet set: the record files are read through the provider this module registers. */
  @Test
  void catAndTreeOnAParquetSet() throws Exception {
    Path set = location("parquet_ocean");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = ZarrCli.run(new String[] {"cat", set.resolve("sst").toString()}, new PrintStream(out), new PrintStream(err));
    assertEquals(0, rc, err.toString());
    assertEquals(8 * 10 * 10 + 1, out.toString(StandardCharsets.UTF_8).split("\n").length);
    out.reset();
    rc = ZarrCli.run(new String[] {"tree", set.toString()}, new PrintStream(out), new PrintStream(err));
    assertEquals(0, rc, err.toString());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("/sst (array)"), out.toString());
  }

  /**
   * kerchunk's Parquet layout from a version-0 JSON set: .zmetadata {metadata, record_size}, and for
   * every array refs.&lt;r&gt;.parq holding chunk numbers [r*R, (r+1)*R) (C order), written by Spark.
   */
  static void buildParquet(Path json, Path out, int recordSize, boolean pad) throws IOException {
    JsonReferences refs = JsonReferences.parse(Files.readAllBytes(json));
    ObjectNode zmeta = JSON.createObjectNode();
    ObjectNode md = zmeta.putObject("metadata");
    for (Map.Entry<String, byte[]> e : refs.metadata().entrySet()) {
      md.set(e.getKey(), Json.parse(e.getValue()));
    }
    zmeta.put("record_size", recordSize);
    Files.createDirectories(out);
    Files.write(out.resolve(".zmetadata"), JSON.writeValueAsBytes(zmeta));
    StructType schema = new StructType().add("path", DataTypes.StringType).add("offset", DataTypes.LongType)
        .add("size", DataTypes.LongType).add("raw", DataTypes.BinaryType);
    for (Map.Entry<String, byte[]> e : refs.metadata().entrySet()) {
      if (!e.getKey().endsWith(".zarray")) {
        continue;
      }
      String array = e.getKey().substring(0, e.getKey().length() - "/.zarray".length());
      JsonNode z = Json.parse(e.getValue());
      int rank = z.get("shape").size();
      long[] grid = new long[rank];
      long n = 1;
      for (int d = 0; d < rank; d++) {
        long s = z.get("shape").get(d).asLong();
        long c = z.get("chunks").get(d).asLong();
        grid[d] = Math.max(1, (s + c - 1) / c);
        n *= grid[d];
      }
      for (long rec = 0; rec * recordSize < n; rec++) {
        List<Row> rows = new ArrayList<>();
        long count = pad ? recordSize : Math.min(recordSize, n - rec * recordSize);
        for (long j = 0; j < count; j++) {
          long cn = rec * recordSize + j;
          Ref r = cn >= n ? null : refs.chunk(array + "/" + key(cn, grid));
          if (r instanceof Ref.Range range) {
            rows.add(RowFactory.create(range.url(), range.offset(), range.wholeFile() ? 0L : range.length(), null));
          } else if (r instanceof Ref.Inline in) {
            rows.add(RowFactory.create(null, 0L, 0L, in.data()));
          } else {
            rows.add(RowFactory.create(null, 0L, 0L, null));
          }
        }
        Path stage = out.resolve("_stage");
        spark.createDataFrame(rows, schema).coalesce(1).write().mode("overwrite").option("compression", "zstd")
            .parquet(stage.toString());
        Path part;
        try (Stream<Path> parts = Files.list(stage)) {
          part = parts.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        Files.createDirectories(out.resolve(array));
        Files.move(part, out.resolve(array).resolve("refs." + rec + ".parq"));
        try (Stream<Path> rest = Files.walk(stage)) {
          rest.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
  }

  private static String key(long cn, long[] grid) {
    if (grid.length == 0) {
      return "0";
    }
    long[] idx = new long[grid.length];
    for (int d = grid.length - 1; d >= 0; d--) {
      idx[d] = cn % grid[d];
      cn /= grid[d];
    }
    StringBuilder sb = new StringBuilder();
    for (int d = 0; d < idx.length; d++) {
      sb.append(d == 0 ? "" : ".").append(idx[d]);
    }
    return sb.toString();
  }
}
