package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.zarrspark.core.error.InconsistentDimensionsException;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.core.testing.Csv;

/**
 * Every xarray-written dataset and DataTree group of the fixtures read through Spark must equal
 * xarray's own to_dataframe() output: same columns, same rows, NULL where xarray has NaN/NaT.
 */
class XarrayTablesTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  List<DynamicTest> tablesEqualXarrays() throws IOException {
    Path root = Fixtures.python();
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : JSON.readTree(root.resolve("manifest.json").toFile()).get("cases")) {
      if (!c.get("category").asText().startsWith("xarray")) {
        continue;
      }
      Path caseDir = root.resolve(c.get("path").asText());
      Path store = caseDir.resolve("store.zarr");
      JsonNode schema = JSON.readTree(caseDir.resolve("expected/schema.json").toFile());
      JsonNode main = schema.get("main_table");
      String exp = main.has("table_broadcast") ? main.get("table_broadcast").get("file").asText() : main.get("table").asText();
      String group = main.get("group").asText();
      String id = c.get("id").asText();
      tests.add(dynamicTest(id + ":" + group, () -> compare(store, group, main.get("dims"), caseDir.resolve(exp),
          caseDir.resolve(main.get("table_raw").asText()), schema.get("groups").get(group), null)));
      // Other dimension sets (by option) and other groups (by path).
      schema.get("groups").fields().forEachRemaining(e -> {
        for (JsonNode set : e.getValue().path("dimension_sets")) {
          if (!set.hasNonNull("table") || set.get("table").asText().equals(main.get("table").asText())) {
            continue;
          }
          String dims = String.join(",", names(set.get("dims")));
          tests.add(dynamicTest(id + ":" + e.getKey() + "[" + dims + "]", () -> compare(store, e.getKey(), set.get("dims"),
              caseDir.resolve(set.get("table").asText()), caseDir.resolve(set.get("table_raw").asText()), e.getValue(), dims)));
        }
      });
    }
    return tests;
  }

  private static List<String> names(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }

  private void compare(Path store, String group, JsonNode dimsNode, Path expected, Path expectedRaw, JsonNode schemaGroup,
      String dimensions) throws IOException {
    String uri = group.equals("/") ? store.toString() : store.resolve(group.substring(1)).toString();
    Dataset<Row> df = dimensions == null ? spark.read().format("zarr").load(uri)
        : spark.read().format("zarr").option("dimensions", dimensions).load(uri);
    List<String> cols = List.of(df.columns());
    List<List<String>> want = Csv.read(expected);
    List<List<String>> raw = Csv.read(expectedRaw);
    List<String> header = want.get(0);
    assertEquals(new HashSet<>(header), new HashSet<>(cols), "columns");
    List<Row> rows = df.collectAsList();
    assertEquals(want.size() - 1, rows.size(), "row count");
    List<String> dims = names(dimsNode);
    List<String[]> got = new ArrayList<>();
    for (Row r : rows) {
      String[] t = new String[header.size()];
      for (int i = 0; i < header.size(); i++) {
        t[i] = text(r.get(cols.indexOf(header.get(i))));
      }
      got.add(t);
    }
    List<String[]> exp = new ArrayList<>();
    List<String[]> expRaw = new ArrayList<>();
    for (int i = 1; i < want.size(); i++) {
      exp.add(want.get(i).toArray(new String[0]));
      expRaw.add(raw.get(i).toArray(new String[0]));
    }
    // xarray's rows are in C order of the dimensions; sort ours by the same key.
    Comparator<String[]> byDims = (a, b) -> 0;
    for (String d : dims) {
      int k = header.indexOf(d);
      byDims = byDims.thenComparing(a -> sortKey(a[k]));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < exp.size(); i++) {
      order.add(i);
    }
    final Comparator<String[]> cmp = byDims;
    order.sort((x, y) -> cmp.compare(exp.get(x), exp.get(y)));
    got.sort(cmp);
    int bad = 0;
    String first = null;
    for (int i = 0; i < got.size(); i++) {
      String[] e = exp.get(order.get(i));
      String[] er = expRaw.get(order.get(i));
      for (int k = 0; k < header.size(); k++) {
        JsonNode var = schemaGroup.path("variables").path(header.get(k));
        String decoded = var.path("decoded_dtype").asText("");
        // Other calendars' times (cftime) are decoded now: compared with xarray's labels.
        String want1 = decoded.startsWith("object") ? er[k] : e[k];
        if (!same(got.get(i)[k], want1, decoded)) {
          bad++;
          if (first == null) {
            first = header.get(k) + " row " + i + ": got '" + got.get(i)[k] + "' want '" + want1 + "'";
          }
        }
      }
    }
    if (bad > 0) {
      fail(bad + " cells differ; first " + first);
    }
  }

  /** Numbers sort as numbers, text as text. */
  private static String sortKey(String s) {
    try {
      return String.format("%040.12f", Double.parseDouble(s) + 1e15);
    } catch (NumberFormatException e) {
      return s;
    }
  }

  private static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Timestamp) {
      return LocalDateTime.ofInstant(((Timestamp) v).toInstant(), ZoneOffset.UTC).toString();
    }
    if (v instanceof Instant) {
      return LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC).toString();
    }
    if (v instanceof Float && ((Float) v).isNaN() || v instanceof Double && ((Double) v).isNaN()) {
      return "";
    }
    return v.toString();
  }

  private static boolean same(String got, String want, String dtype) {
    if (want.isEmpty() || want.equals("NaN") || want.equals("NaT")) {
      return got.isEmpty();
    }
    if (got.isEmpty()) {
      return false;
    }
    if (dtype.startsWith("cftime")) {
      // A timestamp (noleap, julian) or the calendar's own label (all_leap 2001-02-29, 360_day).
      String label = want.replace("Z", "");
      try {
        return LocalDateTime.parse(got).equals(LocalDateTime.parse(label));
      } catch (java.time.format.DateTimeParseException e) {
        return got.equals(label);
      }
    }
    if (dtype.startsWith("datetime64")) {
      return LocalDateTime.parse(got).equals(LocalDateTime.parse(want.replace("Z", "")));
    }
    if (dtype.equals("float32")) {
      return Float.parseFloat(got) == Float.parseFloat(want);
    }
    if (dtype.startsWith("float") || dtype.startsWith("int") || dtype.startsWith("uint") || dtype.startsWith("object")) {
      try {
        double a = Double.parseDouble(got);
        double b = Double.parseDouble(want);
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
      } catch (NumberFormatException e) {
        return got.equals(want);
      }
    }
    if (dtype.equals("bool")) {
      return got.equalsIgnoreCase(want);
    }
    return got.equals(want);
  }

  @Test
  void conflictingDimensionSizesAreRefused() {
    Path store = Fixtures.python().resolve("bad_xr_conflicting_dim_sizes/store.zarr");
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> spark.read().format("zarr").load(store.toString()).collectAsList());
    Throwable t = e;
    while (t != null && !(t instanceof InconsistentDimensionsException)) {
      t = t.getCause();
    }
    assertTrue(t != null, "an InconsistentDimensionsException: " + e);
    assertTrue(t.getMessage().contains("'x'"), t.getMessage());
  }
}
