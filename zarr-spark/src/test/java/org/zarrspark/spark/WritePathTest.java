package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.spark.write.WriteHooks;

/**
 * The write path: rows gathered into parts of chunks where they are, the parts shuffled to the
 * chunks' owners and merged. A chunk's rows spread over many input partitions in any order, and
 * parts emitted early (small, a few runs of cells each), give the same bytes as one part per chunk;
 * a grid point given twice fails, in one partition or across two; so do NULL dimensions and
 * integers equal to their fill value.
 */
class WritePathTest extends SparkTestBase {
  @TempDir Path tmp;

  @AfterEach
  void resetHooks() {
    WriteHooks.partBudget = null;
  }

  private void write(Dataset<Row> df, Path out, String format) {
    df.write().format("zarr").option("dimensions", "time,lat,lon").option("chunks", "2,2,3")
        .option("zarrFormat", format).save(out.toString());
  }

  /** Every file of a store, path and bytes. */
  private static List<String> files(Path root) throws Exception {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        out.add(root.relativize(p) + " " + java.util.Arrays.hashCode(Files.readAllBytes(p)));
      }
    }
    Collections.sort(out);
    return out;
  }

  @Test
  void chunksSpreadOverPartitionsAndEmittedEarlyGiveTheSameBytes() throws Exception {
    for (String format : List.of("2", "3")) {
      List<Row> rows = new ArrayList<>(WriteSamples.rows(0, 6));
      Path one = tmp.resolve("one-" + format + ".zarr");
      write(spark.createDataFrame(rows, WriteSamples.SCHEMA).coalesce(1), one, format);

      Collections.shuffle(rows, new Random(7));
      Path spread = tmp.resolve("spread-" + format + ".zarr");
      WriteHooks.partBudget = 1L; // every row its own part: sparse parts, many per chunk
      write(spark.createDataFrame(rows, WriteSamples.SCHEMA).repartition(5), spread, format);
      WriteHooks.partBudget = null;

      assertEquals(files(one), files(spread), "v" + format);
      assertEquals(WriteSamples.expected(rows, 6), WriteSamples.actual(spark.read().format("zarr").load(spread.toString())));
    }
  }

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append(" | ");
    }
    return sb.toString();
  }

  @Test
  void aGridPointGivenTwiceFailsInOnePartitionOrAcrossTwo() {
    List<Row> rows = new ArrayList<>(WriteSamples.rows(0, 2));
    Row twin = rows.get(5);
    rows.add(twin);
    String point = "(time=2021-06-01T00:00:00Z, lat=" + twin.get(1) + ", lon=" + twin.get(2) + ")";
    for (int partitions : new int[] {1, 2}) {
      List<Row> input = new ArrayList<>(rows);
      Dataset<Row> df = partitions == 1 ? spark.createDataFrame(input, WriteSamples.SCHEMA).coalesce(1)
          // the twin alone in the second partition: the two rows meet only when parts are merged
          : spark.createDataFrame(input.subList(0, input.size() - 1), WriteSamples.SCHEMA).coalesce(1)
              .union(spark.createDataFrame(List.of(twin), WriteSamples.SCHEMA));
      Path out = tmp.resolve("dup" + partitions + ".zarr");
      Exception e = assertThrows(Exception.class, () -> write(df, out, "3"));
      assertTrue(messages(e).contains("two rows have the same grid point " + point), messages(e));
      assertTrue(!Files.exists(out.resolve("zarr.json")), "nothing published");
    }
  }

  @Test
  void nullDimensionsAndIntegersEqualToTheirFillFail() {
    List<Row> rows = new ArrayList<>(WriteSamples.rows(0, 2));
    rows.add(RowFactory.create(new Timestamp(WriteSamples.T0), null, 0.0, 1f, 1, "x"));
    Exception e = assertThrows(Exception.class, () -> write(spark.createDataFrame(rows, WriteSamples.SCHEMA),
        tmp.resolve("nulldim.zarr"), "3"));
    assertTrue(messages(e).contains("dimension column 'lat' has 1 NULL values"), messages(e));

    // count has NULLs, so it gets a fill value outside its values; appended later, a real value
    // equal to that fill is refused, not turned into a NULL.
    Path out = tmp.resolve("fill.zarr");
    write(spark.createDataFrame(WriteSamples.rows(0, 2), WriteSamples.SCHEMA), out, "2");
    byte[] fb = (byte[]) org.zarrspark.core.read.Hierarchy.open(new org.zarrspark.core.store.LocalStore(out))
        .array("count").metadata().fillValue();
    int fill = java.nio.ByteBuffer.wrap(fb).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    List<Row> more = new ArrayList<>(WriteSamples.rows(2, 1));
    Row r = more.get(1);
    more.set(1, RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), fill, r.get(5)));
    Exception f = assertThrows(Exception.class, () -> spark.createDataFrame(more, WriteSamples.SCHEMA).write()
        .format("zarr").option("dimensions", "time,lat,lon").mode("append").save(out.toString()));
    assertTrue(messages(f).contains("value " + fill + " of column 'count' equals its fill value"), messages(f));
  }

  /**
   * An input that gives other values when computed again (a nondeterministic column) cannot be
   * placed on the coordinates its first pass found: refused, naming the value and the dimension.
   */
  @Test
  void aDimensionValueMissingFromTheCoordinatesIsRefusedNamingIt() {
    org.apache.spark.sql.expressions.UserDefinedFunction ticks = org.apache.spark.sql.functions.udf(
        (org.apache.spark.sql.api.java.UDF1<Long, Double>) id -> id + (System.nanoTime() % 1000) / 1e4,
        org.apache.spark.sql.types.DataTypes.DoubleType).asNondeterministic();
    Dataset<Row> df = spark.range(20).select(ticks.apply(org.apache.spark.sql.functions.col("id")).as("x"),
        org.apache.spark.sql.functions.col("id").cast("float").as("v"));
    Exception e = assertThrows(Exception.class, () -> df.write().format("zarr").option("dimensions", "x")
        .save(tmp.resolve("moving.zarr").toString()));
    assertTrue(messages(e).matches("(?s).*value [0-9.E-]+ of dimension 'x' is not one of its coordinates.*"), messages(e));
  }

  /**
   * A map-side part holds only the window of cells its rows reach, grown as they come: rows in
   * descending or shuffled order, from several partitions, into chunks (and shards) far larger
   * than the first window, give the same bytes as one partition in order; float and text values.
   */
  @Test
  void partsGrowTheirWindowsForRowsInAnyOrder() throws Exception {
    String cells = "SELECT CAST(t * 3600 AS TIMESTAMP) AS time, CAST(y AS DOUBLE) AS lat, CAST(x AS DOUBLE) AS lon,"
        + " CAST(t * 10000 + y * 100 + x AS FLOAT) AS v, CAST(t * 10000 + y * 100 + x AS STRING) AS s"
        + " FROM (SELECT explode(sequence(0, 7)) AS t) JOIN (SELECT explode(sequence(0, 63)) AS y)"
        + " JOIN (SELECT explode(sequence(0, 63)) AS x)";
    Dataset<Row> all = spark.sql(cells);
    String[][] layouts = {{"2", "8,64,64", null}, {"3", "8,64,64", null}, {"3", "4,32,32", "8,64,64"}};
    for (String[] layout : layouts) {
      String name = "v" + layout[0] + (layout[2] == null ? "" : "-sharded");
      Path ordered = tmp.resolve("ordered-" + name + ".zarr");
      save(all.orderBy("time", "lat", "lon").coalesce(1), ordered, layout);
      Path descending = tmp.resolve("descending-" + name + ".zarr");
      save(all.orderBy(org.apache.spark.sql.functions.col("time").desc(), org.apache.spark.sql.functions.col("lat").desc(),
          org.apache.spark.sql.functions.col("lon").desc()).coalesce(2), descending, layout);
      Path shuffled = tmp.resolve("shuffled-" + name + ".zarr");
      save(all.repartition(3), shuffled, layout);
      assertEquals(files(ordered), files(descending), name);
      assertEquals(files(ordered), files(shuffled), name);
      Row r = spark.read().format("zarr").load(shuffled.toString()).where("lat = 63 AND lon = 5 AND time = CAST(7 * 3600 AS TIMESTAMP)")
          .select("v", "s").collectAsList().get(0);
      assertEquals(76305f, r.getFloat(0));
      assertEquals("76305", r.getString(1));
    }
  }

  private static void save(Dataset<Row> df, Path out, String[] layout) {
    org.apache.spark.sql.DataFrameWriter<Row> w = df.write().format("zarr").option("dimensions", "time,lat,lon")
        .option("zarrFormat", layout[0]).option("chunks", layout[1]);
    if (layout[2] != null) {
      w = w.option("shards", layout[2]);
    }
    w.save(out.toString());
  }

  @Test
  void aLargeChunkFromManyPartitionsKeepsEveryValue() {
    // One chunk of 4 x 3 x 5 points gathered from 4 partitions, dense parts merged.
    List<Row> rows = WriteSamples.rows(0, 4);
    Path out = tmp.resolve("big.zarr");
    spark.createDataFrame(rows, WriteSamples.SCHEMA).repartition(4).write().format("zarr")
        .option("dimensions", "time,lat,lon").save(out.toString());
    assertEquals(WriteSamples.expected(rows, 4), WriteSamples.actual(spark.read().format("zarr").load(out.toString())));
    assertArrayEquals(new long[] {60}, new long[] {spark.read().format("zarr").load(out.toString()).count()});
  }
}
