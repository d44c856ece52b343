package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.testing.Fixtures;

/**
 * The v3 extension codecs and the sub-byte integers through the connector: testdata/v3ext stores
 * read with a real local Spark session, every value compared with the recorded one.
 */
class V3ExtensionCodecsSparkTest extends SparkTestBase {
  private static Path v3ext(String c) {
    return Fixtures.require().resolve("v3ext").resolve(c);
  }

  private static StructField valueField(Path store, String array) {
    StructField[] f = spark.read().format("zarr").load(store.resolve(array).toString()).schema().fields();
    return f[f.length - 1];
  }

  @Test
  void subByteIntegersAreByteColumnsWithTheirValues() throws IOException {
    Path c = v3ext("cd_packbits_v3");
    for (String a : List.of("nibbles_i4", "flags_u2")) {
      StructField f = valueField(c.resolve("store.zarr"), a);
      assertEquals(DataTypes.ByteType, f.dataType(), a);
      byte[] want = Files.readAllBytes(c.resolve("expected/" + a + ".bin"));
      Dataset<Row> df = spark.read().format("zarr").load(c.resolve("store.zarr/" + a).toString());
      List<Row> rows = df.orderBy(df.columns()[0]).collectAsList();
      assertEquals(want.length, rows.size(), a);
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], rows.get(i).getByte(rows.get(i).length() - 1), a + " element " + i);
      }
    }
  }

  @Test
  void scaleOffsetAndCastValueDecodeInTheChainBeforeCfAttributes() throws IOException {
    Path c = v3ext("cd_scale_cast_v3");
    String uri = c.resolve("store.zarr/temp_i16_packed").toString();
    Dataset<Row> df = spark.read().format("zarr").load(uri);
    assertEquals(DataTypes.DoubleType, df.schema().fields()[2].dataType());
    List<Row> rows = df.orderBy(df.columns()[0], df.columns()[1]).collectAsList();
    ByteBuffer want = ByteBuffer.wrap(Files.readAllBytes(c.resolve("expected/temp_i16_packed.bin")))
        .order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(want.capacity() / 8, rows.size());
    int nulls = 0;
    for (int i = 0; i < rows.size(); i++) {
      double w = want.getDouble(i * 8);
      Row r = rows.get(i);
      if (Double.isNaN(w)) {
        nulls++; // the decoded fill value (NaN) is NULL, as for any float array
        assertTrue(r.isNullAt(2) || Double.isNaN(r.getDouble(2)), "element " + i);
      } else {
        assertEquals(w, r.getDouble(2), "element " + i);
      }
    }
    assertTrue(nulls > 0, "the missing chunk and the mapped -32768 decode to the fill value");
  }
}
