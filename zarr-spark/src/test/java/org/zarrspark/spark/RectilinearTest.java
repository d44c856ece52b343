package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.LocalStore;

/**
 * Rectilinear chunk grids through Spark: pushdown plans exactly the chunks a selection meets
 * (month chunks found by binary search on their edges, inner chunks of rectilinear shards), values
 * equal the fixture's, and a monthly-chunked dataset written from Spark reads back.
 */
class RectilinearTest extends SparkTestBase {
  private static final Path CASE = Path.of(System.getProperty("zarr.fixtures", "../testdata"))
      .resolve("v3ext/rl_rectilinear_v3");

  private static String table(String array) {
    return "zarr.`" + CASE.resolve("store.zarr").resolve(array).toAbsolutePath() + "`";
  }

  private static float[] expected(String array) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(CASE.resolve("expected/" + array + ".bin")))
        .order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / 4];
    b.asFloatBuffer().get(out);
    return out;
  }

  private static String chunks(Dataset<Row> df) {
    Matcher m = Pattern.compile("chunks=(\\d+/\\d+)").matcher(df.queryExecution().executedPlan().toString());
    assertTrue(m.find(), df.queryExecution().executedPlan().toString());
    return m.group(1);
  }

  @Test
  void monthChunksArePrunedByTimeAndValuesAreTheFixtures() throws Exception {
    float[] want = expected("rl_daily_2023"); // 365 x 6 x 8, chunked by month x 3 lat x 8 lon
    String q = "SELECT count(*), count(rl_daily_2023), sum(rl_daily_2023) FROM " + table("rl_daily_2023")
        + " WHERE time BETWEEN 40 AND 99 AND lat >= 3";
    Dataset<Row> df = spark.sql(q);
    Row r = df.collectAsList().get(0);
    long n = 0;
    long present = 0;
    double sum = 0;
    for (int t = 40; t <= 99; t++) {
      for (int lat = 3; lat < 6; lat++) {
        for (int lon = 0; lon < 8; lon++) {
          float v = want[(t * 6 + lat) * 8 + lon];
          n++;
          if (!Float.isNaN(v)) {
            present++;
            sum += v;
          }
        }
      }
    }
    assertEquals(n, r.getLong(0));
    assertEquals(present, r.getLong(1));
    assertEquals(sum, r.getDouble(2), 1e-6 * Math.abs(sum));
    // February, March, April (days 31..119) x the second of two latitude chunks: 3 of 12 x 2 x 1.
    assertEquals("3/24", chunks(spark.sql("SELECT * FROM " + table("rl_daily_2023")
        + " WHERE time BETWEEN 40 AND 99 AND lat >= 3")));
    // One day: one month.
    assertEquals("2/24", chunks(spark.sql("SELECT * FROM " + table("rl_daily_2023") + " WHERE time = 212")));
    Row day = spark.sql("SELECT rl_daily_2023 FROM " + table("rl_daily_2023")
        + " WHERE time = 212 AND lat = 4 AND lon = 5").collectAsList().get(0);
    float v = want[(212 * 6 + 4) * 8 + 5];
    if (Float.isNaN(v)) {
      assertTrue(day.isNullAt(0));
    } else {
      assertEquals(v, day.getFloat(0));
    }
  }

  @Test
  void everyRowOfEveryFixtureArrayReads() throws Exception {
    float[] want = expected("rl_daily_2023");
    List<Row> rows = spark.sql("SELECT time, lat, lon, rl_daily_2023 FROM " + table("rl_daily_2023")).collectAsList();
    assertEquals(want.length, rows.size());
    for (Row row : rows) {
      float w = want[(int) ((row.getLong(0) * 6 + row.getLong(1)) * 8 + row.getLong(2))];
      if (Float.isNaN(w)) {
        assertTrue(row.isNullAt(3) || Float.isNaN(row.getFloat(3)));
      } else {
        assertEquals(w, row.getFloat(3));
      }
    }
    // Integer arrays: the sum of every element equals the fixture's.
    for (String a : new String[] {"rl_explicit_i4", "rl_overflow_i2", "rl_sharded_u2"}) {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(CASE.resolve("expected/" + a + ".bin")))
          .order(ByteOrder.LITTLE_ENDIAN);
      long sum = 0;
      while (b.hasRemaining()) {
        sum += a.endsWith("i4") ? b.getInt() : a.endsWith("u2") ? (b.getShort() & 0xffff) : b.getShort();
      }
      Row r = spark.sql("SELECT sum(" + a + "), count(*) FROM " + table(a)).collectAsList().get(0);
      assertEquals(sum, r.getLong(0), a);
    }
  }

  @Test
  void rectilinearShardsPruneToInnerChunks() {
    // Shards of 8, 4, 12 rows (inner chunks of 4): rows 9..11 are one inner row of chunks, of 6;
    // columns 0..11 in inner chunks of 3: four. EXPLAIN counts inner chunks: 4 of 6 x 4.
    Dataset<Row> df = spark.sql("SELECT sum(rl_sharded_u2) FROM " + table("rl_sharded_u2")
        + " WHERE dim_0 BETWEEN 9 AND 11");
    assertEquals("4/24", chunks(df));
  }

  @Test
  void monthlyChunksWrittenFromSparkReadBack(@TempDir Path dir) throws Exception {
    Dataset<Row> data = spark.sql("SELECT date_add(DATE'2023-01-01', CAST(d AS INT)) AS day, s AS station,"
        + " CAST(d * 10 + s AS DOUBLE) AS v FROM range(0, 365) t(d) CROSS JOIN (SELECT id AS s FROM range(0, 3))")
        .selectExpr("CAST(day AS TIMESTAMP) AS time", "station", "v");
    StringBuilder months = new StringBuilder("[[");
    for (int m = 1; m <= 12; m++) {
      months.append(m > 1 ? "," : "").append(LocalDate.of(2023, m, 1).lengthOfMonth());
    }
    months.append("], 3]");
    String out = dir.resolve("monthly.zarr").toString();
    data.write().format("zarr").option("dimensions", "time,station").option("chunks", months.toString())
        .mode("overwrite").save(out);
    JsonNode doc = new ObjectMapper().readTree(dir.resolve("monthly.zarr/v/zarr.json").toFile());
    assertEquals("[[31,28,31,30,31,30,[31,2],30,31,30,31],3]",
        doc.path("chunk_grid").path("configuration").path("chunk_shapes").toString());
    assertEquals("rectilinear", doc.path("chunk_grid").path("name").asText());
    // March is chunk 2 along time.
    assertTrue(Files.exists(dir.resolve("monthly.zarr/v/c/2/0")));
    assertEquals(12, Hierarchy.open(new LocalStore(dir.resolve("monthly.zarr"))).arrayMetadata("v").chunkGrid().count(0));
    Dataset<Row> back = spark.read().format("zarr").load(out);
    assertEquals(0, back.exceptAll(data).count() + data.exceptAll(back).count());
    Dataset<Row> march = back.where("time >= TIMESTAMP'2023-03-01' AND time < TIMESTAMP'2023-04-01'");
    assertEquals("1/12", chunks(march.groupBy().sum("v")));
    assertEquals(31 * 3, march.count());
    double want = 0;
    for (int d = 59; d < 90; d++) {
      for (int s = 0; s < 3; s++) {
        want += d * 10 + s;
      }
    }
    assertEquals(want, march.groupBy().sum("v").collectAsList().get(0).getDouble(0), 1e-9);
  }

  @Test
  void monthlyShardsOfDailyChunksWrittenFromSparkReadBack(@TempDir Path dir) throws Exception {
    Dataset<Row> data = spark.sql("SELECT CAST(date_add(DATE'2023-01-01', CAST(d AS INT)) AS TIMESTAMP) AS time,"
        + " s AS station, CAST(d * 10 + s AS DOUBLE) AS v FROM range(0, 90) t(d) CROSS JOIN"
        + " (SELECT id AS s FROM range(0, 4))");
    String out = dir.resolve("sharded.zarr").toString();
    data.write().format("zarr").option("dimensions", "time,station").option("chunks", "1,2")
        .option("shards", "[[31,28,31],4]").mode("overwrite").save(out);
    JsonNode doc = new ObjectMapper().readTree(dir.resolve("sharded.zarr/v/zarr.json").toFile());
    assertEquals("[[31,28,31],4]", doc.path("chunk_grid").path("configuration").path("chunk_shapes").toString());
    assertEquals("sharding_indexed", doc.path("codecs").get(0).path("name").asText());
    Dataset<Row> back = spark.read().format("zarr").load(out);
    assertEquals(0, back.exceptAll(data).count() + data.exceptAll(back).count());
    // February's shard: 28 days x 2 station chunks of inner chunks.
    Dataset<Row> feb = back.where("time >= TIMESTAMP'2023-02-01' AND time < TIMESTAMP'2023-03-01'").groupBy().sum("v");
    assertEquals("56/180", chunks(feb));
    double want = 0;
    for (int d = 31; d < 59; d++) {
      for (int s = 0; s < 4; s++) {
        want += d * 10 + s;
      }
    }
    assertEquals(want, feb.collectAsList().get(0).getDouble(0), 1e-9);
  }
}
