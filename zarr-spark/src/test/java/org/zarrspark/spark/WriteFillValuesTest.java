package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.core.json.Json;

/**
 * Fill values as xarray writes them: none for booleans (a v2 fill_value of false is read by
 * xarray as _FillValue and masks every false) and for integers without missing values (xarray
 * then keeps them integers); a _FillValue only where NULLs or empty grid points need one.
 */
class WriteFillValuesTest extends SparkTestBase {
  @TempDir Path tmp;

  static final StructType SCHEMA = new StructType().add("x", DataTypes.IntegerType)
      .add("flag", DataTypes.BooleanType).add("n", DataTypes.IntegerType).add("m", DataTypes.LongType)
      .add("ts", DataTypes.TimestampType);

  /** x = first..first+count-1; n never NULL; m NULL at x % 3 == 0; ts whole minutes from x=first, one NULL. */
  static List<Row> rows(int first, int count) {
    List<Row> out = new ArrayList<>();
    for (int x = first; x < first + count; x++) {
      out.add(RowFactory.create(x, x % 2 == 0, x * 10, x % 3 == 0 ? null : (long) x << 40,
          x == first + 1 ? null : new Timestamp(1_600_000_000_000L + x * 60_000L)));
    }
    return out;
  }

  private Path write(List<Row> rows, String format) {
    Path p = tmp.resolve("f" + format + ".zarr");
    spark.createDataFrame(rows, SCHEMA).write().format("zarr").option("dimensions", "x").option("zarrFormat", format)
        .save(p.toString());
    return p;
  }

  private static JsonNode doc(Path p) throws Exception {
    return Json.parse(Files.readAllBytes(p));
  }

  @Test
  void v2BooleansAndCompleteIntegersHaveNoFillValue() throws Exception {
    Path p = write(rows(0, 6), "2");
    assertTrue(doc(p.resolve("flag/.zarray")).get("fill_value").isNull(), "bool fill_value null, as xarray writes");
    assertTrue(doc(p.resolve("n/.zarray")).get("fill_value").isNull(), "complete int: fill_value null");
    assertFalse(doc(p.resolve("n/.zattrs")).has("_FillValue"));
    assertEquals(Long.MIN_VALUE, doc(p.resolve("m/.zarray")).get("fill_value").asLong(), "int with NULLs");
    // Spark reads every false back as false, not NULL
    List<Row> back = spark.read().format("zarr").load(p.toString()).orderBy("x").collectAsList();
    for (int i = 0; i < 6; i++) {
      assertEquals(i % 2 == 0, back.get(i).getAs("flag"));
      assertEquals(i * 10, (int) back.get(i).getAs("n"));
      assertEquals(i % 3 == 0 ? null : (long) i << 40, back.get(i).<Long>getAs("m"));
    }
  }

  @Test
  void v3CompleteIntegersHaveNoFillAttribute() throws Exception {
    Path p = write(rows(0, 6), "3");
    JsonNode n = doc(p.resolve("n/zarr.json"));
    assertEquals(0, n.get("fill_value").asInt());
    assertFalse(n.get("attributes").has("_FillValue"));
    assertEquals(false, doc(p.resolve("flag/zarr.json")).get("fill_value").asBoolean(true));
    assertEquals(Long.MIN_VALUE, doc(p.resolve("m/zarr.json")).get("attributes").get("_FillValue").asLong());
  }

  @Test
  void timestampVariablesCountTheCoarsestExactUnitFromTheirEarliestValue() throws Exception {
    Path p = write(rows(5, 4), "2");
    // earliest non-NULL value: x = 5 (x = 6 is NULL), whole minutes apart
    assertEquals("minutes since 2020-09-13 12:31:40", doc(p.resolve("ts/.zattrs")).get("units").asText());
    List<Row> back = spark.read().format("zarr").load(p.toString()).orderBy("x").collectAsList();
    assertEquals(new Timestamp(1_600_000_000_000L + 7 * 60_000L), back.get(2).getAs("ts"));
    assertTrue(back.get(1).isNullAt(back.get(1).fieldIndex("ts")));
  }

  @Test
  void booleansOverAnIncompleteGridAreRefused() {
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create(0, 0, true));
    rows.add(RowFactory.create(1, 1, false)); // (0,1) and (1,0) have no row
    StructType s = new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.IntegerType)
        .add("flag", DataTypes.BooleanType);
    Exception e = assertThrows(Exception.class, () -> spark.createDataFrame(rows, s).write().format("zarr")
        .option("dimensions", "a,b").save(tmp.resolve("b.zarr").toString()));
    assertTrue(e.getMessage().contains("boolean column 'flag'"), e.getMessage());
  }

  @Test
  void appendingNullsToAnIntegerWrittenWithoutFillIsRefused() throws Exception {
    Path p = write(rows(0, 6), "2");
    List<Row> more = rows(6, 3);
    List<Row> withNull = new ArrayList<>(more);
    withNull.set(0, RowFactory.create(6, true, null, 1L, null));
    Exception e = assertThrows(Exception.class, () -> spark.createDataFrame(withNull, SCHEMA).write().format("zarr")
        .mode("append").save(p.toString()));
    assertTrue(e.getMessage().contains("integer variable 'n'") && e.getMessage().contains("NULLs"), e.getMessage());
    // complete rows append
    spark.createDataFrame(more, SCHEMA).write().format("zarr").mode("append").save(p.toString());
    assertEquals(80, spark.read().format("zarr").load(p.toString()).where("x = 8").first().<Integer>getAs("n").intValue());
  }
}
