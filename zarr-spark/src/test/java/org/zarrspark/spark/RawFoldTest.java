package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.core.write.GroupWriter;

/**
 * Aggregates folded straight from decoded float buffers (no column vectors) against Spark's own
 * aggregation of the same rows: float64 with a numeric _FillValue, float32 with missing_value and
 * NaN, signed zeros and infinities, with CF decoding on (masks are NULL) and off (NaN is a value),
 * next to a 1-D variable and a scaled one that still take the column-vector path.
 */
class RawFoldTest extends SparkTestBase {
  private static final int NY = 6;
  private static final int NX = 10;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @TempDir
  static Path dir;

  @BeforeAll
  static void writeStores() {
    for (int format : new int[] {2, 3}) {
      LocalStore store = new LocalStore(dir.resolve("v" + format + ".zarr"));
      GroupWriter.create(store, "", format, F.objectNode());
      double[] a = new double[NY * NX];
      float[] b = new float[NY * NX];
      float[] w = new float[NX];
      short[] s = new short[NY * NX];
      double[] specials = {-0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, -9999.0};
      for (int i = 0; i < a.length; i++) {
        a[i] = i % 7 == 3 ? specials[(i / 7) % specials.length] : Math.sin(i) * 100;
        b[i] = i % 5 == 1 ? Float.NaN : i % 5 == 2 ? 1e20f : i % 11 == 0 ? -0.0f : (float) Math.cos(i) * 50;
        s[i] = (short) (i * 37 % 2000 - 1000);
      }
      for (int x = 0; x < NX; x++) {
        w[x] = x == 4 ? Float.NaN : x - 3.5f;
      }
      ByteBuffer ab = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
      ab.asDoubleBuffer().put(a);
      ByteBuffer bb = ByteBuffer.allocate(b.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      bb.asFloatBuffer().put(b);
      ByteBuffer wb = ByteBuffer.allocate(w.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      wb.asFloatBuffer().put(w);
      ByteBuffer sb = ByteBuffer.allocate(s.length * 2).order(ByteOrder.LITTLE_ENDIAN);
      sb.asShortBuffer().put(s);
      int[] yx = {NY, NX};
      write(store, "a", spec(DataType.FLOAT64, format, List.of("y", "x"), yx, new int[] {4, 4},
          F.objectNode().put("_FillValue", -9999.0)), NdBuffer.wrap(DataType.FLOAT64, yx, ab.array()));
      write(store, "b", spec(DataType.FLOAT32, format, List.of("y", "x"), yx, new int[] {4, 4},
          F.objectNode().put("_FillValue", "NaN").put("missing_value", 1e20)),
          NdBuffer.wrap(DataType.FLOAT32, yx, bb.array()));
      write(store, "s", spec(DataType.INT16, format, List.of("y", "x"), yx, new int[] {4, 4},
          F.objectNode().put("scale_factor", 0.5).put("_FillValue", -1000)), NdBuffer.wrap(DataType.INT16, yx, sb.array()));
      write(store, "w", spec(DataType.FLOAT32, format, List.of("x"), new int[] {NX}, new int[] {4},
          F.objectNode().put("_FillValue", "NaN")), NdBuffer.wrap(DataType.FLOAT32, new int[] {NX}, wb.array()));
    }
  }

  private static ArraySpec spec(DataType type, int format, List<String> dims, int[] shape, int[] chunks,
      ObjectNode attrs) {
    long[] sh = new long[shape.length];
    for (int i = 0; i < sh.length; i++) {
      sh[i] = shape[i];
    }
    return ArraySpec.of(type, sh, chunks).zarrFormat(format).dimensionNames(dims).attributes(attrs);
  }

  private static void write(LocalStore store, String path, ArraySpec spec, NdBuffer data) {
    ArrayWriter.create(store, path, spec).write(new long[data.rank()], data);
  }

  private static List<Row> run(int format, boolean pushdown, boolean cf, String sql) {
    spark.read().format("zarr").option("indexColumns", "true").option("aggregatePushdown", Boolean.toString(pushdown))
        .option("cfDecode", Boolean.toString(cf)).load(dir.resolve("v" + format + ".zarr").toString())
        .createOrReplaceTempView("R");
    return spark.sql(sql).collectAsList();
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void foldsFromDecodedBuffersEqualSparksAggregation(int format) {
    String[] queries = {
        "SELECT y, min(a), max(a), sum(a), count(a), min(b), max(b), sum(b), count(b), count(*)"
            + " FROM R GROUP BY y ORDER BY y",
        "SELECT x, min(a), max(b), avg(b), max(w), sum(s), count(w) FROM R GROUP BY x ORDER BY x",
        "SELECT min(a), max(a), avg(a), min(b), max(b), count(b), max(w), min(s) FROM R",
        "SELECT y, max(a), min(b), count(a) FROM R WHERE x BETWEEN 3 AND 8 AND y > 0"
            + " GROUP BY y ORDER BY y",
    };
    int nanMax = 0;
    for (boolean cf : new boolean[] {true, false}) {
      for (String q : queries) {
        List<Row> want = run(format, false, cf, q);
        List<Row> got = run(format, true, cf, q);
        assertEquals(want.size(), got.size(), q);
        for (int i = 0; i < want.size(); i++) {
          for (int f = 0; f < want.get(i).size(); f++) {
            Object w = want.get(i).get(f);
            Object g = got.get(i).get(f);
            String where = "cf=" + cf + " " + q + " row " + i + " field " + f;
            if (w instanceof Double && g instanceof Double && Double.isFinite((Double) w)) {
              assertEquals((Double) w, (Double) g, 1e-9 * Math.max(1, Math.abs((Double) w)), where);
            } else {
              assertEquals(w, g, where); // min/max exactly, signed zeros and NaN included
            }
            nanMax += g instanceof Double && ((Double) g).isNaN() || g instanceof Float && ((Float) g).isNaN() ? 1 : 0;
          }
        }
      }
    }
    assertTrue(nanMax > 0, "raw NaNs (cfDecode=false) reach some results");
  }
}
