package org.zarrspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InconsistentDimensionsException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.testing.HostileStores;
import org.zarrspark.core.testing.HostileStores.Case;
import org.zarrspark.core.testing.HostileStores.Level;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.spark.read.ZarrReadException;
import org.zarrspark.spark.metrics.ScanMetrics;

/**
 * The bad-input matrix of issue #7 through Spark: metadata errors surface from load() on the
 * driver; chunk errors fail the job (FAILFAST) with the typed zarr exception in the cause chain,
 * or (PERMISSIVE) turn exactly the rows of the spoiled chunk to NULL and count it.
 */
class BadInputSparkTest extends SparkTestBase {
  @TempDir
  static Path dir;

  static List<Case> metadataCases() {
    return HostileStores.all().stream().filter(c -> c.level == Level.METADATA).collect(Collectors.toList());
  }

  static List<Case> chunkCases() {
    return HostileStores.all().stream().filter(c -> c.level == Level.CHUNK).collect(Collectors.toList());
  }

  private static Path build(Case c) throws Exception {
    return c.build(Files.createDirectories(dir.resolve(c.name)));
  }

  /** The zarr exception in a cause chain, which must also name store and key in every message above it. */
  private static ZarrException typedCause(Throwable top, Case c, Path root) {
    ZarrException z = null;
    StringBuilder all = new StringBuilder();
    for (Throwable t = top; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
      if (z == null && t instanceof ZarrException) {
        z = (ZarrException) t;
      }
    }
    assertNotNull(z, "no zarr exception in the chain of " + all);
    assertSame(c.expected, z.getClass(), all::toString);
    assertEquals(root.toString(), z.store(), all::toString);
    assertEquals(c.key, z.key(), all::toString);
    String m = top.getMessage();
    assertTrue(m.contains(root.toString()) && m.contains("key '" + c.key + "'") && m.contains(c.detail),
        "the top-level message must say it all: " + m);
    return z;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metadataCases")
  void metadataErrorsSurfaceAtLoadOnTheDriver(Case c) throws Exception {
    Path root = build(c);
    Exception e = assertThrows(Exception.class, () -> spark.read().format("zarr").load(root.toString()));
    typedCause(e, c, root);
    // The same through SQL on the catalog.
    Exception s = assertThrows(Exception.class, () -> spark.sql("SELECT * FROM zarr.`" + root + "`"));
    typedCause(s, c, root);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chunkCases")
  void chunkErrorsFailTheJobNamingTheChunk(Case c) throws Exception {
    Path root = build(c);
    Dataset<Row> df = spark.read().format("zarr").load(root.toString());
    Exception e = assertThrows(SparkException.class, df::collectAsList);
    ZarrException z = typedCause(e, c, root);
    assertTrue(hasCause(e, ZarrReadException.class) && z.getMessage().contains(c.detail), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chunkCases")
  void permissiveNullsExactlyTheSpoiledChunk(Case c) throws Exception {
    Path root = build(c);
    Dataset<Row> df = spark.read().format("zarr").option("mode", "PERMISSIVE").load(root.toString());
    List<Row> rows = df.collectAsList();
    assertEquals(256, rows.size());
    int nulls = 0;
    for (Row r : rows) {
      long y = r.getLong(r.fieldIndex("y"));
      long x = r.getLong(r.fieldIndex("x"));
      int a = r.fieldIndex("a");
      if (c.badRows.bad(y, x)) {
        assertTrue(r.isNullAt(a), c + " row " + y + "," + x);
        nulls++;
      } else if (r.get(a) instanceof String) {
        assertEquals("s", r.getString(a));
      } else {
        assertEquals((int) (y * 16 + x + 1), r.getInt(a), c + " row " + y + "," + x);
      }
    }
    assertTrue(nulls > 0);
    assertEquals(1, metric(df, ScanMetrics.CORRUPT_CHUNKS), c.toString());
  }

  /** Two arrays of one group that disagree on a dimension's length: refused at load, naming the array. */
  @Test
  void dimensionLengthsThatDisagreeAreRefusedAtLoad() {
    Path root = dir.resolve("disagree.zarr");
    LocalStore s = new LocalStore(root);
    org.zarrspark.core.write.GroupWriter.create(s, "", 3, null);
    for (String name : List.of("a", "b")) {
      long rows = name.equals("a") ? 16 : 12;
      ArrayWriter.create(s, name, ArraySpec.of(DataType.INT32, new long[] {rows, 16}, new int[] {8, 8})
          .dimensionNames(List.of("y", "x"))).writeChunk(new long[2], NdBuffer.allocate(DataType.INT32, new int[] {8, 8}));
    }
    Exception e = assertThrows(Exception.class, () -> spark.read().format("zarr").load(root.toString()));
    assertTrue(hasCause(e, InconsistentDimensionsException.class), e.toString());
    assertTrue(e.getMessage().contains(root.toString()) && e.getMessage().contains("'y'"), e.getMessage());
  }

  private static boolean hasCause(Throwable e, Class<?> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
