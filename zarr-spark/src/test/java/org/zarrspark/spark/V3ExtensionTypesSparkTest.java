package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.testing.Csv;
import org.zarrspark.core.testing.Fixtures;

/**
 * The v3 extension data types of testdata/v3ext as Spark tables: each array read whole and
 * compared with the fixture's expected values, with the Spark type the issue asks for.
 */
class V3ExtensionTypesSparkTest extends SparkTestBase {
  private static Path caseDir(String name) {
    return Fixtures.require().resolve("v3ext").resolve(name);
  }

  private static String array(String caseName, String array) {
    return caseDir(caseName).resolve("store.zarr").resolve(array).toString();
  }

  private static Dataset<Row> table(String caseName, String array) {
    return spark.read().format("zarr").load(array(caseName, array));
  }

  /** Rows in C order of the array's dimensions. */
  private static List<Row> rows(String caseName, String array) {
    Dataset<Row> df = table(caseName, array);
    String[] dims = java.util.Arrays.stream(df.columns()).filter(c -> c.startsWith("dim_")).toArray(String[]::new);
    return df.orderBy(dims[0], java.util.Arrays.copyOfRange(dims, 1, dims.length)).collectAsList();
  }

  private static List<String> expectedValues(String caseName, String array) throws IOException {
    List<List<String>> rows = Csv.read(caseDir(caseName).resolve("expected").resolve(array + ".csv"));
    return rows.subList(1, rows.size()).stream().map(r -> r.get(r.size() - 1)).toList();
  }

  private static ByteBuffer bin(String caseName, String array) throws IOException {
    return ByteBuffer.wrap(Files.readAllBytes(caseDir(caseName).resolve("expected").resolve(array + ".bin")))
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void textAndBytes() throws IOException {
    assertEquals(DataTypes.StringType, table("dt_text_v3", "vlen_utf8_2d").schema().apply("vlen_utf8_2d").dataType());
    List<Row> text = rows("dt_text_v3", "vlen_utf8_2d");
    assertEquals(expectedValues("dt_text_v3", "vlen_utf8_2d"), text.stream().map(r -> r.getString(2)).toList());
    List<Row> utf32 = rows("dt_text_v3", "utf32_len4");
    assertEquals(expectedValues("dt_text_v3", "utf32_len4"), utf32.stream().map(r -> r.getString(1)).toList());
    for (String a : new String[] {"vlen_bytes_zp", "bytes_fill_b64"}) {
      assertEquals(DataTypes.BinaryType, table("dt_text_v3", a).schema().apply(a).dataType(), a);
      List<Row> rows = rows("dt_text_v3", a);
      List<String> want = expectedValues("dt_text_v3", a);
      assertEquals(want.size(), rows.size());
      for (int i = 0; i < rows.size(); i++) {
        assertArrayEquals(HexFormat.of().parseHex(want.get(i).substring(4)), (byte[]) rows.get(i).get(1), a + "[" + i + "]");
      }
    }
  }

  @Test
  void datetimeIsATimestampWithNullForNaT() throws IOException {
    for (String a : new String[] {"dt64_ns", "dt64_s_x10", "dt64_ms_fill_epoch"}) {
      Dataset<Row> df = table("dt_time_v3", a);
      assertEquals(DataTypes.TimestampType, df.schema().apply(a).dataType(), a);
      List<Row> rows = rows("dt_time_v3", a);
      ByteBuffer want = bin("dt_time_v3", a);
      long unitNanos = a.equals("dt64_ns") ? 1 : a.equals("dt64_ms_fill_epoch") ? 1_000_000 : 1_000_000_000;
      for (int i = 0; i < rows.size(); i++) {
        long ticks = want.getLong(i * 8);
        Object got = rows.get(i).get(rows.get(i).size() - 1);
        if (ticks == Long.MIN_VALUE) {
          assertNull(got, a + "[" + i + "]");
          continue;
        }
        // Spark keeps microseconds: the expected instant floored to them
        long micros = Math.floorDiv(java.math.BigInteger.valueOf(ticks).multiply(java.math.BigInteger.valueOf(unitNanos))
            .divide(java.math.BigInteger.valueOf(1)).longValueExact(), 1000L);
        Timestamp ts = (Timestamp) got;
        long gotMicros = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000L + ts.getNanos() / 1000;
        assertEquals(micros, gotMicros, a + "[" + i + "]");
      }
    }
  }

  @Test
  void timedeltaIsALongCountOfTheBaseUnitWithNullForNaT() throws IOException {
    for (String a : new String[] {"td64_ms", "td64_s_x60"}) {
      assertEquals(DataTypes.LongType, table("dt_time_v3", a).schema().apply(a).dataType(), a);
      List<Row> rows = rows("dt_time_v3", a);
      ByteBuffer want = bin("dt_time_v3", a);
      for (int i = 0; i < rows.size(); i++) {
        long w = want.getLong(i * 8);
        assertEquals(w == Long.MIN_VALUE ? null : w, rows.get(i).get(1), a + "[" + i + "]");
      }
    }
    // pushed aggregates see the scaled counts, NaT left out
    Row agg = spark.sql("SELECT min(td64_s_x60), max(td64_s_x60), count(td64_s_x60) FROM zarr.`"
        + array("dt_time_v3", "td64_s_x60") + "`").collectAsList().get(0);
    assertEquals(-240L, agg.get(0));
    assertEquals(180L, agg.get(1));
    assertEquals(5L, agg.get(2));
  }

  @Test
  void narrowFloatsAreFloatsHoldingTheExactValue() throws IOException {
    for (String a : new String[] {"bf16", "f8_e4m3", "f8_e5m2"}) {
      assertEquals(DataTypes.FloatType, table("dt_lowprec_v3", a).schema().apply(a).dataType(), a);
      List<Row> rows = rows("dt_lowprec_v3", a);
      ByteBuffer want = bin("dt_lowprec_v3", a);
      int col = rows.get(0).size() - 1;
      for (int i = 0; i < rows.size(); i++) {
        float w = want.getFloat(i * 4);
        Object got = rows.get(i).get(col);
        if (Float.isNaN(w)) {
          assertNull(got, a + "[" + i + "]"); // NaN is NULL under CF decoding, as for float32
        } else {
          assertEquals(Float.floatToRawIntBits(w), Float.floatToRawIntBits((Float) got), a + "[" + i + "]");
        }
      }
    }
    // without CF decoding NaN stays NaN
    Row nan = spark.read().format("zarr").option("cfDecode", "false").load(array("dt_lowprec_v3", "f8_e4m3"))
        .where("dim_0 = 0 AND dim_1 = 1").collectAsList().get(0);
    assertTrue(Float.isNaN(nan.getFloat(2)));
  }

  @Test
  void structsAreStructColumnsMatchingThePackedRecords() throws IOException {
    for (String a : new String[] {"records", "points_be"}) {
      StructType t = (StructType) table("dt_struct_v3", a).schema().apply(a).dataType();
      List<Row> rows = rows("dt_struct_v3", a);
      ByteBuffer want = bin("dt_struct_v3", a);
      int item = a.equals("records") ? 17 : 11;
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i).getStruct(rows.get(i).size() - 1);
        int at = i * item;
        if (a.equals("records")) {
          assertEquals(List.of("id", "flags", "value", "temp"), List.of(t.fieldNames()));
          assertEquals(DataTypes.IntegerType, t.apply("id").dataType());
          assertEquals(DataTypes.ShortType, t.apply("flags").dataType()); // uint8 widened, as for arrays
          assertEquals(want.getInt(at), r.getInt(0));
          assertEquals((short) (want.get(at + 4) & 0xff), r.getShort(1));
          assertEquals(Double.doubleToLongBits(want.getDouble(at + 5)), Double.doubleToLongBits(r.getDouble(2)));
          assertEquals(Float.floatToIntBits(want.getFloat(at + 13)), Float.floatToIntBits(r.getFloat(3)));
        } else {
          assertEquals(want.getFloat(at), r.getFloat(0));
          assertEquals(want.getFloat(at + 4), r.getFloat(1));
          assertEquals(want.get(at + 8) != 0, r.getBoolean(2));
          assertEquals(want.getShort(at + 9), r.getShort(3));
        }
      }
    }
  }

  @Test
  void structFieldsInSelectAndWhere() throws IOException {
    String records = array("dt_struct_v3", "records");
    Dataset<Row> df = spark.sql("SELECT dim_0, records.id, records.value FROM zarr.`" + records
        + "` WHERE records.flags > 100 AND records.temp < 0 ORDER BY dim_0");
    ByteBuffer want = bin("dt_struct_v3", "records");
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      int flags = want.get(i * 17 + 4) & 0xff;
      float temp = want.getFloat(i * 17 + 13);
      if (flags > 100 && temp < 0) {
        expected.append(i).append(':').append(want.getInt(i * 17)).append(':').append(want.getDouble(i * 17 + 5)).append(' ');
      }
    }
    StringBuilder got = new StringBuilder();
    for (Row r : df.collectAsList()) {
      got.append(r.getLong(0)).append(':').append(r.getInt(1)).append(':').append(r.getDouble(2)).append(' ');
    }
    assertFalse(expected.toString().isEmpty());
    assertEquals(expected.toString(), got.toString());
    // a nested-field predicate is not a dimension predicate: Spark keeps filtering after the scan
    assertTrue(hasPostScanFilter(df));
    // aggregates over a nested field are left to Spark, and give the plain answer
    Row agg = spark.sql("SELECT max(records.id), count(records) FROM zarr.`" + records + "`").collectAsList().get(0);
    assertEquals(4000, agg.getInt(0));
    assertEquals(9L, agg.getLong(1));
  }
}
