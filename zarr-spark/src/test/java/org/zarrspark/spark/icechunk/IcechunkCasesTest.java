package org.zarrspark.spark.icechunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.zarrspark.core.testing.Csv;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.spark.SparkTestBase;

/**
 * Every query of every case of testdata/icechunk (repositories written by Icechunk itself, spec 1
 * and 2, and upstream's compatibility repositories) run through Spark SQL: tables equal the
 * expected ones (columns by name, rows after sorting, floats at their decoded width), and queries
 * that must fail raise an error naming what the case says.
 */
public class IcechunkCasesTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path corpus() {
    return Fixtures.root().resolve("icechunk");
  }

  @TestFactory
  Stream<DynamicTest> everyQueryOfEveryCase() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : JSON.readTree(corpus().resolve("manifest.json").toFile()).get("cases")) {
      String id = c.get("id").asText();
      Path dir = corpus().resolve(c.path("path").asText(id));
      JsonNode spec = JSON.readTree(dir.resolve("case.json").toFile());
      Path repo = dir.resolve(spec.path("repo").asText("repo")).normalize();
      int i = 0;
      for (JsonNode q : spec.get("queries")) {
        String sql = q.get("sql").asText().replace("{repo}", repo.toString());
        tests.add(dynamicTest(id + " #" + (i++) + ": " + q.get("sql").asText(), () -> run(dir, spec, q, sql, repo)));
      }
    }
    return tests.stream();
  }

  private void run(Path dir, JsonNode spec, JsonNode q, String sql, Path repo) throws Exception {
    installVirtualTargets(dir, spec);
    for (JsonNode setup : q.path("setup")) {
      spark.sql(setup.asText().replace("{repo}", repo.toString()));
    }
    if (q.path("expect_error").asBoolean(false)) {
      Exception e = assertThrows(Exception.class, () -> spark.sql(sql).collectAsList(), sql);
      String message = messages(e);
      for (JsonNode m : q.path("error_mentions")) {
        assertTrue(message.contains(m.asText()), "error should name " + m + ": " + message);
      }
      if (q.has("error_mentions_any")) {
        boolean any = false;
        for (JsonNode m : q.get("error_mentions_any")) {
          any |= message.contains(m.asText());
        }
        assertTrue(any, "error should name one of " + q.get("error_mentions_any") + ": " + message);
      }
      return;
    }
    JsonNode table = spec.path("tables").path(q.get("expect").asText());
    Path csv = dir.resolve(table.path("file").asText("expected/" + q.get("expect").asText() + ".csv"));
    compare(spark.sql(sql), Csv.read(csv), table.path("columns"));
  }

  /** Icechunk stores absolute URLs: a case's virtual targets go where its references point. */
  private static void installVirtualTargets(Path dir, JsonNode spec) throws IOException {
    JsonNode v = spec.path("virtual");
    if (v.isMissingNode() || !Files.isDirectory(dir.resolve("virtual"))) {
      return;
    }
    Path to = Path.of(v.path("install_to").asText());
    try (Stream<Path> files = Files.walk(dir.resolve("virtual"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(dir.resolve("virtual").relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append(" | ");
    }
    return sb.toString();
  }

  /** Columns by name; rows compared after sorting their text; floats at the decoded width. */
  public static void compare(Dataset<Row> df, List<List<String>> expected, JsonNode types) {
    List<String> header = expected.get(0);
    List<String> cols = List.of(df.columns());
    assertEquals(new java.util.TreeSet<>(header), new java.util.TreeSet<>(cols), "columns");
    List<String> got = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      List<String> cells = new ArrayList<>();
      for (String h : header) {
        cells.add(text(r.get(cols.indexOf(h)), types.path(h).asText("")));
      }
      got.add(String.join(",", cells));
    }
    List<String> want = new ArrayList<>();
    for (List<String> row : expected.subList(1, expected.size())) {
      List<String> cells = new ArrayList<>();
      for (int k = 0; k < header.size(); k++) {
        cells.add(normal(row.get(k), types.path(header.get(k)).asText("")));
      }
      want.add(String.join(",", cells));
    }
    got.sort(null);
    want.sort(null);
    assertEquals(want.size(), got.size(), "row count");
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i), got.get(i), "row " + i + " (sorted)");
    }
  }

  private static String text(Object v, String type) {
    if (v == null || v instanceof Float f && f.isNaN() || v instanceof Double d && d.isNaN()) {
      return "";
    }
    if (v instanceof Timestamp t) {
      return LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC).toString();
    }
    if (v instanceof Instant t) {
      return LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString();
    }
    return normal(v.toString(), type);
  }

  /** A cell in one spelling: times as LocalDateTime text, numbers at the column's width. */
  private static String normal(String s, String type) {
    if (s.isEmpty() || s.equals("NaN") || s.equals("NaT")) {
      return "";
    }
    if (type.startsWith("datetime64")) {
      return LocalDateTime.ofInstant(Instant.parse(s.endsWith("Z") ? s : s + "Z"), ZoneOffset.UTC).toString();
    }
    if (type.equals("float32")) {
      return Float.toString(Float.parseFloat(s));
    }
    if (type.startsWith("float")) {
      return Double.toString(Double.parseDouble(s));
    }
    if (type.startsWith("int") || type.startsWith("uint")) {
      return Long.toString(Long.parseLong(s.endsWith(".0") ? s.substring(0, s.length() - 2) : s));
    }
    return s;
  }
}
