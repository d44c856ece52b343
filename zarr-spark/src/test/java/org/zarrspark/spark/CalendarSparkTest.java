package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.ValueOutOfRangeException;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.core.write.GroupWriter;

/**
 * CF times on the calendars beyond Gregorian, read through Spark: noleap and julian as
 * timestamps, all_leap and 360_day as the calendar's date text, with pushdown (rows and planned
 * chunks) and MIN/MAX. The stores written here are small; their expected labels were computed
 * once with cftime 1.6.2 ({@code cftime.num2date(values, units, calendar)[i].isoformat()}, Julian
 * instants as {@code (d.toordinal(fractional=True) - 2440587.5) * 86400} seconds) and are kept
 * here as literals, so the suite needs no Python.
 */
class CalendarSparkTest extends SparkTestBase {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  @TempDir
  static Path dir;
  static String noleap;
  static String julian;
  static String allLeap;
  static String day360;
  static String edges;
  static String overflow;
  static Path fixture;

  @BeforeAll
  static void writeStores() {
    fixture = Fixtures.python().resolve("xr_calendars_v3/store.zarr");
    // 730 days of two noleap years from 2003-01-01, chunks of 30 days: 25 chunks.
    noleap = store("noleap", DataType.INT64, "days since 2003-01-01", "noleap", 730, 30, i -> i);
    // 40 days from Julian 1582-10-01 (Gregorian 1582-10-11), chunks of 10: 4 chunks.
    julian = store("julian", DataType.INT32, "days since 1582-10-01", "julian", 40, 10, i -> i);
    // 6-hourly from 2001-02-27, 48 steps, chunks of 8: 6 chunks.
    allLeap = store("all_leap", DataType.INT64, "hours since 2001-02-27", "all_leap", 48, 8, i -> i * 6);
    // Half days from 2001-02-25 as float64, 40 steps, chunks of 10: 4 chunks.
    day360 = store("360_day", DataType.FLOAT64, "days since 2001-02-25", "360_day", 40, 10, i -> i * 0.5);
    edges = store("edges", DataType.FLOAT64, "hours since 2004-02-28 12:00", "365_day", 6, 6,
        i -> new double[] {-12.5, 0, 11.5, 12, 36, -999}[(int) i]);
    overflow = store("overflow", DataType.INT64, "days since 2000-01-01", "noleap", 3, 3,
        i -> new long[] {0, -999, Long.MAX_VALUE / 1000}[(int) i]);
  }

  interface Values {
    Object at(long i);
  }

  /** A group with coordinate {@code time} (CF units, calendar, _FillValue -999) and {@code v = index}. */
  private static String store(String name, DataType type, String units, String calendar, int n, int chunk, Values values) {
    Path p = dir.resolve(name + ".zarr");
    LocalStore s = new LocalStore(p);
    GroupWriter.create(s, "", 3, null);
    NdBuffer t = NdBuffer.allocate(type, new int[] {n});
    ByteBuffer tb = ByteBuffer.wrap(t.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      Object v = values.at(i);
      if (type == DataType.INT64) {
        tb.putLong(((Number) v).longValue());
      } else if (type == DataType.INT32) {
        tb.putInt(((Number) v).intValue());
      } else {
        tb.putDouble(((Number) v).doubleValue());
      }
    }
    ObjectNode attrs = F.objectNode().put("units", units).put("calendar", calendar).put("_FillValue", -999);
    ArrayWriter.create(s, "time", ArraySpec.of(type, new long[] {n}, new int[] {chunk})
        .dimensionNames(List.of("time")).attributes(attrs)).write(new long[1], t);
    NdBuffer v = NdBuffer.allocate(DataType.FLOAT32, new int[] {n});
    ByteBuffer vb = ByteBuffer.wrap(v.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      vb.putFloat(i);
    }
    ArrayWriter.create(s, "v", ArraySpec.of(DataType.FLOAT32, new long[] {n}, new int[] {chunk})
        .dimensionNames(List.of("time"))).write(new long[1], v);
    GroupWriter.consolidate(s);
    return p.toString();
  }

  private static Dataset<Row> sql(String store, String select, String where) {
    return spark.sql(select + " FROM zarr.`" + store + "`" + (where.isEmpty() ? "" : " WHERE " + where));
  }

  private static String chunks(String store, String where) {
    String plan = spark.sql("EXPLAIN SELECT v FROM zarr.`" + store + "` WHERE " + where).collectAsList().get(0).getString(0);
    Matcher m = Pattern.compile("chunks=(\\d+/\\d+)").matcher(plan);
    assertTrue(m.find(), plan);
    return m.group(1);
  }

  private static Timestamp ts(String label) {
    return Timestamp.from(Instant.parse(label + "Z"));
  }

  /** Float values of column v in row order: the indices of the rows a query returned. */
  private static List<Integer> indices(Dataset<Row> df) {
    List<Integer> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add((int) r.getFloat(r.fieldIndex("v")));
    }
    out.sort(null);
    return out;
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(i);
    }
    return out;
  }

  @Test
  void xarraysCalendarFixtureDecodes() throws Exception {
    // expected/table.csv: noleap "days since 2000-01-01" as the calendar's labels; 1154 is 2003-03-01.
    List<String> lines = Files.readAllLines(fixture.resolveSibling("expected/table.csv"));
    List<Row> rows = spark.read().format("zarr").load(fixture.toString()).orderBy("time").collectAsList();
    assertEquals(lines.size() - 1, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      String[] want = lines.get(i + 1).split(",");
      assertEquals(Timestamp.from(Instant.parse(want[0])), rows.get(i).getTimestamp(0));
      assertEquals(Float.parseFloat(want[1]), rows.get(i).getFloat(1));
    }
    // expected/tables/time_leap.csv: all_leap "hours since 2001-01-01" with 2001-02-29.
    List<String> leap = Files.readAllLines(fixture.resolveSibling("expected/tables/time_leap.csv"));
    Dataset<Row> df = spark.read().format("zarr").option("dimensions", "time_leap").load(fixture.toString());
    assertEquals(DataTypes.StringType, df.schema().apply("time_leap").dataType());
    List<Row> lr = df.orderBy("time_leap").collectAsList();
    assertEquals(leap.size() - 1, lr.size());
    for (int i = 0; i < lr.size(); i++) {
      String[] want = leap.get(i + 1).split(",");
      assertEquals(want[0].replace("Z", ""), lr.get(i).getString(0));
      assertEquals(Double.parseDouble(want[1]), lr.get(i).getDouble(1));
    }
    // cfDecode=false: the raw offsets of expected/tables/time_leap_raw.csv.
    List<String> raw = Files.readAllLines(fixture.resolveSibling("expected/tables/time_leap_raw.csv"));
    List<Row> rr = spark.read().format("zarr").option("dimensions", "time_leap").option("cfDecode", "false")
        .load(fixture.toString()).orderBy("time_leap").collectAsList();
    for (int i = 0; i < rr.size(); i++) {
      assertEquals(Long.parseLong(raw.get(i + 1).split(",")[0]), rr.get(i).getLong(0));
    }
  }

  @Test
  void noleapIsATimestampOfItsLabel() {
    List<Row> r = sql(noleap, "SELECT time, v", "v IN (0, 58, 59, 364, 365, 423, 424, 729)").orderBy("v").collectAsList();
    String[] want = {"2003-01-01T00:00:00", "2003-02-28T00:00:00", "2003-03-01T00:00:00", "2003-12-31T00:00:00",
        "2004-01-01T00:00:00", "2004-02-28T00:00:00", "2004-03-01T00:00:00", "2004-12-31T00:00:00"};
    for (int i = 0; i < want.length; i++) {
      assertEquals(ts(want[i]), r.get(i).getTimestamp(0), want[i]);
    }
  }

  @Test
  void noleapPushdownOfADateItLacks() {
    // 2004-02-29 is no noleap date: ">=" starts at 2004-03-01 (index 424), "<" ends at 2004-02-28.
    Dataset<Row> ge = sql(noleap, "SELECT v", "time >= TIMESTAMP '2004-02-29 00:00:00'");
    assertEquals(range(424, 730), indices(ge));
    assertFalse(hasPostScanFilter(ge), "exact: " + ge.queryExecution().executedPlan());
    assertEquals("11/25", chunks(noleap, "time >= TIMESTAMP '2004-02-29 00:00:00'"));
    assertEquals(range(0, 424), indices(sql(noleap, "SELECT v", "time < TIMESTAMP '2004-02-29 00:00:00'")));
    assertEquals(List.of(), indices(sql(noleap, "SELECT v", "time = TIMESTAMP '2004-02-29 00:00:00'")));
    assertEquals("0/25", chunks(noleap, "time = TIMESTAMP '2004-02-29 00:00:00'"));
    String yearEnd = "time BETWEEN TIMESTAMP '2003-12-31 00:00:00' AND TIMESTAMP '2004-01-01 12:00:00'";
    assertEquals(List.of(364, 365), indices(sql(noleap, "SELECT v", yearEnd)));
    assertEquals("1/25", chunks(noleap, yearEnd));
  }

  @Test
  void julianIsTheInstant() {
    // Julian 1582-10-01 + 14 days = Julian 1582-10-15 = Gregorian 1582-10-25 (-12218428800 s).
    // Compared as microseconds: java.sql.Timestamp shows dates before 1582-10-15 in the hybrid calendar.
    List<Row> r = sql(julian, "SELECT unix_micros(time), v", "v IN (0, 14, 39)").orderBy("v").collectAsList();
    long[] seconds = {-12219638400L, -12218428800L, -12216268800L};
    for (int i = 0; i < seconds.length; i++) {
      assertEquals(seconds[i] * 1_000_000L, r.get(i).getLong(0));
    }
    assertEquals("1582-10-25 00:00:00", sql(julian, "SELECT CAST(time AS STRING)", "v = 14").collectAsList().get(0).getString(0),
        "printed as the Gregorian label of the instant, not the Julian 1582-10-15");
    String where = "time >= TIMESTAMP '1582-10-25 00:00:00'";
    Dataset<Row> df = sql(julian, "SELECT v", where);
    assertEquals(range(14, 40), indices(df));
    assertFalse(hasPostScanFilter(df));
    assertEquals("3/4", chunks(julian, where));
  }

  @Test
  void allLeapIsTextWithFebruary29() {
    Dataset<Row> all = sql(allLeap, "SELECT time, v", "v IN (0, 7, 8, 11, 12, 47)").orderBy("v");
    assertEquals(DataTypes.StringType, all.schema().apply("time").dataType());
    List<String> got = all.collectAsList().stream().map(x -> x.getString(0)).toList();
    assertEquals(List.of("2001-02-27T00:00:00", "2001-02-28T18:00:00", "2001-02-29T00:00:00", "2001-02-29T18:00:00",
        "2001-03-01T00:00:00", "2001-03-09T18:00:00"), got);
    // String literals compare as text, and the labels sort in time order: a day is a prefix.
    String where = "time >= '2001-02-29' AND time < '2001-03-01'";
    Dataset<Row> df = sql(allLeap, "SELECT v", where);
    assertEquals(range(8, 12), indices(df));
    assertFalse(hasPostScanFilter(df));
    assertEquals("1/6", chunks(allLeap, where));
    assertEquals(List.of(10), indices(sql(allLeap, "SELECT v", "time = '2001-02-29T12:00:00'")));
    assertEquals(List.of(), indices(sql(allLeap, "SELECT v", "time = '2001-02-29'")), "text equality, as Spark's");
  }

  @Test
  void day360IsTextWithFebruary30() {
    List<String> got = sql(day360, "SELECT time, v", "v IN (0, 9, 10, 11, 12, 39)").orderBy("v").collectAsList()
        .stream().map(x -> x.getString(0)).toList();
    assertEquals(List.of("2001-02-25T00:00:00", "2001-02-29T12:00:00", "2001-02-30T00:00:00", "2001-02-30T12:00:00",
        "2001-03-01T00:00:00", "2001-03-14T12:00:00"), got);
    String where = "time >= '2001-02-30' AND time <= '2001-02-30T12:00:00'";
    Dataset<Row> df = sql(day360, "SELECT v", where);
    assertEquals(List.of(10, 11), indices(df));
    assertFalse(hasPostScanFilter(df));
    assertEquals("1/4", chunks(day360, where));
    // As text, '2001-03-09T00:00:00' > '2001-03-09': a bare day as a lower bound includes that day.
    assertEquals("2/4", chunks(day360, "time > '2001-03-09'"));
    assertEquals(range(28, 40), indices(sql(day360, "SELECT v", "time > '2001-03-09'")));
    assertEquals(List.of(10), indices(sql(day360, "SELECT v", "time IN ('2001-02-30T00:00:00', '2001-02-31T00:00:00')")));
  }

  @Test
  void minAndMaxOfEachCalendarsTimes() {
    Row n = sql(noleap, "SELECT min(time), max(time)", "time >= TIMESTAMP '2004-02-29 00:00:00'").collectAsList().get(0);
    assertEquals(ts("2004-03-01T00:00:00"), n.getTimestamp(0));
    assertEquals(ts("2004-12-31T00:00:00"), n.getTimestamp(1));
    Row j = sql(julian, "SELECT unix_micros(min(time)), unix_micros(max(time))", "").collectAsList().get(0);
    assertEquals(-12219638400L * 1_000_000L, j.getLong(0));
    assertEquals(-12216268800L * 1_000_000L, j.getLong(1));
    Row a = sql(allLeap, "SELECT min(time), max(time)", "time >= '2001-02-29'").collectAsList().get(0);
    assertEquals("2001-02-29T00:00:00", a.getString(0));
    assertEquals("2001-03-09T18:00:00", a.getString(1));
    Row d = sql(day360, "SELECT min(time), max(time)", "time < '2001-03-10'").collectAsList().get(0);
    assertEquals("2001-02-25T00:00:00", d.getString(0));
    assertEquals("2001-03-09T12:00:00", d.getString(1));
  }

  @Test
  void fractionalAndNegativeOffsetsAndTheFillValue() {
    // 365_day "hours since 2004-02-28 12:00": -12.5, 0, 11.5, 12, 36, then _FillValue -999 (NULL).
    List<Row> r = sql(edges, "SELECT time, v", "").orderBy("v").collectAsList();
    String[] want = {"2004-02-27T23:30:00", "2004-02-28T12:00:00", "2004-02-28T23:30:00", "2004-03-01T00:00:00",
        "2004-03-02T00:00:00"};
    for (int i = 0; i < want.length; i++) {
      assertEquals(ts(want[i]), r.get(i).getTimestamp(0), want[i]);
    }
    assertNull(r.get(5).get(0));
  }

  @Test
  void anOffsetPastWhatATimestampHoldsIsAnErrorNamingTheVariable() {
    // Long.MAX_VALUE / 1000 days overflow 64-bit microseconds; -999 is the fill value, NULL.
    Exception e = assertThrows(Exception.class, () -> sql(overflow, "SELECT time, v", "").collectAsList());
    String all = messages(e);
    assertTrue(all.contains("'time'") && all.contains("days since 2000-01-01") && all.contains("noleap"), all);
    assertTrue(causedBy(e, ValueOutOfRangeException.class), all);
    // Pushdown decodes the coordinate on the driver: the same error, naming the array.
    Exception p = assertThrows(Exception.class, () -> sql(overflow, "SELECT v", "time > TIMESTAMP '2000-01-01 00:00:00'").collectAsList());
    assertTrue(causedBy(p, ValueOutOfRangeException.class), messages(p));
    assertTrue(messages(p).contains("'time'"), messages(p));
    // Reading the data variable alone needs no time value; with cfDecode=false the offsets are raw.
    assertEquals(3, sql(overflow, "SELECT v", "").count());
    List<Row> raw = spark.read().format("zarr").option("cfDecode", "false").load(overflow).orderBy("v").collectAsList();
    assertEquals(Long.MAX_VALUE / 1000, raw.get(2).getLong(0));
  }

  @Test
  void appendingTimestampsToANoleapStoreIsRefused() {
    String target = store("append", DataType.INT64, "days since 2003-01-01", "noleap", 4, 4, i -> i);
    Dataset<Row> more = spark.sql("SELECT TIMESTAMP '2003-03-01 00:00:00' AS time, CAST(4 AS FLOAT) AS v");
    Exception e = assertThrows(Exception.class, () -> more.write().format("zarr").mode("append").save(target));
    assertTrue(causedBy(e, org.zarrspark.spark.write.WriteInputException.class), messages(e));
    assertTrue(messages(e).contains("calendar 'noleap'"), messages(e));
    assertEquals(4, spark.read().format("zarr").load(target).count(), "the store is unchanged");
  }

  private static String messages(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getMessage()).append(" | ");
    }
    return sb.toString();
  }

  private static boolean causedBy(Throwable t, Class<?> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
