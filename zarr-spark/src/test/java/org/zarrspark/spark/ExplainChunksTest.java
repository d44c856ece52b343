package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.core.write.CodecJson;
import org.zarrspark.core.write.GroupWriter;

/**
 * EXPLAIN's {@code chunks=PLANNED/TOTAL} counts the real chunks (inner chunks when sharded) of
 * the most finely chunked variable a scan reads, whatever grid partitions follow. The dataset is small (24 x 36 x
 * 48 over time, lat, lon): {@code t2m} has chunks 4 x 12 x 12, so 6 x 3 x 4 = 72 chunks (inner
 * chunks of shards 8 x 36 x 48 in v3), and {@code a_whole} is one chunk of the same shape. The
 * read grid follows {@code a_whole} (first of two equally large variables), so the whole table
 * is one read cell: before the fix a scan of {@code t2m} showed {@code chunks=1/1}.
 */
class ExplainChunksTest extends SparkTestBase {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final int NT = 24;
  static final int NLAT = 36;
  static final int NLON = 48;
  static final int[] T2M_CHUNKS = {4, 12, 12};

  static Path dir;
  static String v2;
  static String v3;

  @BeforeAll
  static void writeStores(@org.junit.jupiter.api.io.TempDir Path tmp) {
    dir = tmp;
    v2 = write(2);
    v3 = write(3);
  }

  private static String write(int format) {
    Path p = dir.resolve("small-v" + format + ".zarr");
    LocalStore s = new LocalStore(p);
    GroupWriter.create(s, "", format, null);
    NdBuffer time = NdBuffer.allocate(DataType.INT64, new int[] {NT});
    ByteBuffer tb = ByteBuffer.wrap(time.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int t = 0; t < NT; t++) {
      tb.putLong(t * 6L);
    }
    ArrayWriter.create(s, "time", ArraySpec.of(DataType.INT64, new long[] {NT}, new int[] {NT}).zarrFormat(format)
        .dimensionNames(List.of("time")).fill(format == 2 ? null : new byte[8])
        .attributes(F.objectNode().put("units", "hours since 2024-01-01").put("calendar", "proleptic_gregorian")))
        .write(new long[1], time);
    float[] lat = new float[NLAT];
    for (int y = 0; y < NLAT; y++) {
      lat[y] = 87.5f - 5 * y; // descending
    }
    floats(s, format, "lat", List.of("lat"), new int[] {NLAT}, new int[] {NLAT}, null, lat);
    float[] lon = new float[NLON];
    for (int x = 0; x < NLON; x++) {
      lon[x] = 2.5f + 5 * x;
    }
    floats(s, format, "lon", List.of("lon"), new int[] {NLON}, new int[] {NLON}, null, lon);
    float[] v = new float[NT * NLAT * NLON];
    for (int i = 0; i < v.length; i++) {
      v[i] = 250 + (i % 97);
    }
    List<String> tyx = List.of("time", "lat", "lon");
    int[] shape = {NT, NLAT, NLON};
    // Sharded in v3: shards of 8 x 36 x 48 (2 x 3 x 4 inner chunks each).
    floats(s, format, "t2m", tyx, shape, T2M_CHUNKS, format == 3 ? new int[] {8, NLAT, NLON} : null, v);
    floats(s, format, "a_whole", tyx, shape, shape, null, v);
    GroupWriter.consolidate(s);
    return p.toString();
  }

  private static void floats(LocalStore s, int format, String name, List<String> dims, int[] shape, int[] chunks,
      int[] shards, float[] values) {
    long[] lshape = new long[shape.length];
    for (int d = 0; d < shape.length; d++) {
      lshape[d] = shape[d];
    }
    ObjectNode attrs = F.objectNode().put("_FillValue", "NaN");
    ArraySpec spec = ArraySpec.of(DataType.FLOAT32, lshape, shards != null ? shards : chunks).zarrFormat(format)
        .dimensionNames(dims).attributes(attrs);
    if (shards != null) {
      ArrayNode inner = CodecJson.list(CodecJson.bytes(true), CodecJson.zstd(3, false));
      spec.codecs(CodecJson.list(CodecJson.sharding(chunks, inner, true)));
    }
    NdBuffer b = NdBuffer.allocate(DataType.FLOAT32, shape);
    ByteBuffer.wrap(b.bytes()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
    ArrayWriter.create(s, name, spec).write(new long[shape.length], b);
  }

  private static String store(int format) {
    return format == 3 ? v3 : v2;
  }

  /** Chunks of a grid with chunk shape {@code c} that meet the index box [lo, hi) (exclusive). */
  static long intersecting(int[] c, long[] lo, long[] hi) {
    long n = 1;
    for (int d = 0; d < c.length; d++) {
      n *= (hi[d] - 1) / c[d] - lo[d] / c[d] + 1;
    }
    return n;
  }

  private static long[] explainChunks(int format, String select, String where) {
    String sql = "EXPLAIN " + select + " FROM zarr.`" + store(format) + "`" + (where.isEmpty() ? "" : " WHERE " + where);
    String plan = spark.sql(sql).collectAsList().get(0).getString(0);
    Matcher m = Pattern.compile("chunks=(\\d+)/(\\d+)").matcher(plan);
    assertTrue(m.find(), plan);
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {2, 3})
  void fullScanCountsEveryChunkOfTheVariableRead(int format) {
    long total = intersecting(T2M_CHUNKS, new long[3], new long[] {NT, NLAT, NLON});
    assertEquals(72, total);
    assertEquals("72/72", fmt(explainChunks(format, "SELECT t2m", "")));
    // Both variables read: counted on the finer grid, t2m's.
    assertEquals("72/72", fmt(explainChunks(format, "SELECT *", "")));
    assertEquals("72/72", fmt(explainChunks(format, "SELECT a_whole, t2m", "")));
    // a_whole alone: its one chunk.
    assertEquals("1/1", fmt(explainChunks(format, "SELECT a_whole", "")));
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {2, 3})
  void timeLatitudeBoxCountsTheChunksItMeets(int format) {
    // time = 6 h steps from 2024-01-01: indexes 5..10; lat = 87.5 - 5y: 32.5, 27.5, 22.5 are y 11..13.
    String where = "time >= TIMESTAMP '2024-01-02 06:00:00' AND time <= TIMESTAMP '2024-01-03 12:00:00'"
        + " AND lat BETWEEN 20 AND 35";
    long expected = intersecting(T2M_CHUNKS, new long[] {5, 11, 0}, new long[] {11, 14, NLON});
    assertEquals(2 * 2 * 4, expected);
    assertEquals(expected + "/72", fmt(explainChunks(format, "SELECT t2m", where)));
    assertEquals(expected + "/72", fmt(explainChunks(format, "SELECT a_whole, t2m", where)));
    // Coordinates only: the selection is still shown on the table's finest variable.
    assertEquals(expected + "/72", fmt(explainChunks(format, "SELECT DISTINCT lat", where)));

    long one = intersecting(T2M_CHUNKS, new long[] {13, 20, 47}, new long[] {14, 21, 48});
    assertEquals(1, one);
    assertEquals("1/72", fmt(explainChunks(format, "SELECT t2m",
        "time = TIMESTAMP '2024-01-04 06:00:00' AND lat = -12.5 AND lon = 237.5")));
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {2, 3})
  void boxesSharingChunksCountThemOnce(int format) {
    // Time indexes 0..1 and 3 (two selection boxes), both in the first time chunk: 1 x 3 x 4.
    String where = "time < TIMESTAMP '2024-01-01 12:00:00' OR time = TIMESTAMP '2024-01-01 18:00:00'";
    long expected = intersecting(T2M_CHUNKS, new long[] {0, 0, 0}, new long[] {4, NLAT, NLON});
    assertEquals(12, expected);
    assertEquals(expected + "/72", fmt(explainChunks(format, "SELECT t2m", where)));
    // Time indexes 3..4: two time chunks, one box.
    assertEquals("24/72", fmt(explainChunks(format, "SELECT t2m",
        "time BETWEEN TIMESTAMP '2024-01-01 18:00:00' AND TIMESTAMP '2024-01-02 00:00:00'")));
  }

  @ParameterizedTest(name = "v{0}")
  @ValueSource(ints = {2, 3})
  void skippedMetricAndPermissiveReadsAgreeWithExplain(int format) {
    String where = "time >= TIMESTAMP '2024-01-02 06:00:00' AND time <= TIMESTAMP '2024-01-03 12:00:00'"
        + " AND lat BETWEEN 20 AND 35";
    long expected = intersecting(T2M_CHUNKS, new long[] {5, 11, 0}, new long[] {11, 14, NLON});
    Dataset<Row> df = spark.read().format("zarr").option("mode", "PERMISSIVE").load(store(format))
        .where(where).select("t2m");
    assertEquals(6L * 3 * NLON, df.collectAsList().size());
    assertEquals(72 - expected, metric(df, org.zarrspark.spark.metrics.ScanMetrics.CHUNKS_SKIPPED));
    assertEquals(expected, metric(df, org.zarrspark.spark.metrics.ScanMetrics.CHUNKS_READ),
        "the chunks planned are the t2m chunks decoded");
  }

  private static String fmt(long[] pt) {
    return pt[0] + "/" + pt[1];
  }
}
