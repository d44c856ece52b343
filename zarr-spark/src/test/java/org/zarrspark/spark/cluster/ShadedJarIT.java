package org.zarrspark.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrspark.spark.cluster.ClusterTestSupport.job;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.testing.Csv;
import org.zarrspark.core.testing.Fixtures;

/**
 * The connector jar for clusters (the shade plugin's {@code -all} jar): what it holds, and that a
 * fresh JVM with nothing but Spark's jars and that jar reads Zarr through {@code format("zarr")}
 * and the {@code zarr} SQL catalog, with every bundled codec library.
 */
class ShadedJarIT {
  /** Arrays of nc_v2_compressors whose codecs come from the bundled (relocated) libraries. */
  private static final List<String> ARRAYS = List.of("bz2_l9", "lzma_xz", "zstd_l3", "lz4_a1", "gzip_l5",
      "blosc_zstd_bitshuffle", "blosc_lz4hc_shuffle");

  @Test
  void jarHoldsTheConnectorAndRelocatedCodecLibrariesOnly() throws IOException {
    Path jar = ClusterTestSupport.shadedJar();
    List<String> foreign = new ArrayList<>();
    List<String> unrelocatedRefs = new ArrayList<>();
    try (JarFile jf = new JarFile(jar.toFile())) {
      for (String must : List.of("org/zarrspark/spark/ZarrDataSource.class", "org/zarrspark/spark/ZarrCatalog.class",
          "org/zarrspark/core/read/ZarrArray.class", "org/zarrspark/shaded/aircompressor/zstd/ZstdDecompressor.class",
          "org/zarrspark/shaded/commons/compress/compressors/bzip2/BZip2CompressorInputStream.class",
          "org/zarrspark/shaded/xz/LZMAInputStream.class", "org/zarrspark/shaded/flatbuffers/FlexBuffers.class",
          "org/zarrspark/shaded/msgpack/core/MessageUnpacker.class", "META-INF/LICENSE.txt", "META-INF/NOTICE")) {
        assertNotNull(jf.getEntry(must), "the jar lacks " + must);
      }
      JarEntry services = jf.getJarEntry("META-INF/services/org.apache.spark.sql.sources.DataSourceRegister");
      assertNotNull(services, "the DataSourceRegister service file did not survive shading");
      try (InputStream in = jf.getInputStream(services)) {
        assertEquals("org.zarrspark.spark.ZarrDataSource",
            new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
      }
      Enumeration<JarEntry> en = jf.entries();
      while (en.hasMoreElements()) {
        JarEntry e = en.nextElement();
        String n = e.getName();
        if (n.endsWith(".class") && !n.startsWith("org/zarrspark/") || n.startsWith("META-INF/versions/")) {
          foreign.add(n);
        }
        if (n.endsWith(".class")) {
          try (InputStream in = jf.getInputStream(e)) {
            String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            for (String old : List.of("io/airlift/compress", "org/tukaani/xz", "org/apache/commons/compress",
                "com/google/flatbuffers", "org/msgpack")) {
              if (bytes.contains(old)) {
                unrelocatedRefs.add(n + " -> " + old);
              }
            }
          }
        }
      }
    }
    // Spark, Scala, Hadoop, Jackson, commons-io/lang3, SLF4J, Log4j: the cluster's own, never bundled.
    assertTrue(foreign.isEmpty(), "classes outside org.zarrspark in the jar: " + head(foreign));
    assertTrue(unrelocatedRefs.isEmpty(), "references to unrelocated codec packages: " + head(unrelocatedRefs));
  }

  @Test
  void freshJvmReadsThroughTheJarAlone() throws Exception {
    Path python = Fixtures.python();
    Path shaded = ClusterTestSupport.shadedJar();
    Path dir = ClusterTestSupport.workDir("fresh-jvm");
    Path home = ClusterTestSupport.sparkHome();
    Path probe = ClusterTestSupport.probeJar(dir);
    Path climate = python.resolve("xr_climate_v3/store.zarr");
    Path codecs = python.resolve("nc_v2_compressors");
    List<String> jobs = new ArrayList<>();
    jobs.add(job("info", "info", ""));
    jobs.add(job("climate", "sql", "SELECT time, lat, lon, sp, t2m, u10 FROM zarr.`" + climate + "`"));
    for (String a : ARRAYS) {
      jobs.add(job(a, "load", codecs.resolve("store.zarr").resolve(a).toString()));
    }
    // An Icechunk repository at a tag: FlexBuffers and zstd-compressed flatbuffers through the jar.
    Path icechunk = Fixtures.root().resolve("icechunk/ic_v2_climate");
    jobs.add(job("icechunk", "sql", "SELECT * FROM zarr.`" + icechunk.resolve("repo") + "` VERSION AS OF 'v1'"));
    Path jobsFile = ClusterTestSupport.writeJobs(dir, jobs);
    Path out = dir.resolve("out");
    Path log = dir.resolve("driver.log");

    List<String> cmd = new ArrayList<>();
    cmd.add(ClusterTestSupport.javaBin());
    cmd.add("-Xmx768m");
    cmd.addAll(ClusterTestSupport.quickJvmOptions());
    cmd.addAll(ClusterTestSupport.moduleOptions());
    cmd.add("-Dspark.master=local[2]");
    ClusterTestSupport.sparkConf().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-cp");
    cmd.add(home.resolve("jars") + File.separator + "*" + File.pathSeparator + shaded + File.pathSeparator + probe);
    cmd.add(ZarrProbe.class.getName());
    cmd.add(jobsFile.toString());
    cmd.add(out.toString());
    int rc = ClusterTestSupport.run(cmd, java.util.Map.of("SPARK_HOME", home.toString()), log, 180);
    assertEquals(0, rc, "probe JVM failed; log " + log + ":\n" + ClusterTestSupport.tail(log, 60));

    Properties info = ClusterTestSupport.props(out.resolve("info.info"));
    assertEquals("file:" + shaded.toAbsolutePath(), info.getProperty("connectorSource"),
        "the zarr source must come from the shaded jar");
    assertEquals(shaded + File.pathSeparator + probe, info.getProperty("driverClassPathZarrEntries"),
        "zarr jars or classes on the probe's classpath besides the shaded jar and the probe");

    ClusterTestSupport.assertSameTable("xr_climate_v3 via the zarr catalog",
        Csv.read(python.resolve("xr_climate_v3/expected/table.csv")), ClusterTestSupport.table(out, "climate", log),
        List.of("time", "lat", "lon"));
    assertTrue(Long.parseLong(ClusterTestSupport.props(out.resolve("climate.metrics")).getProperty("chunksRead")) > 0,
        "chunksRead metric");
    ClusterTestSupport.assertSameTable("ic_v2_climate at tag v1", Csv.read(icechunk.resolve("expected/root_c1.csv")),
        ClusterTestSupport.table(out, "icechunk", log), List.of("time", "lat", "lon"));
    for (String a : ARRAYS) {
      List<List<String>> got = ClusterTestSupport.table(out, a, log);
      List<List<String>> want = Csv.read(codecs.resolve("expected").resolve(a + ".csv"));
      // Index columns are named dim_0, dim_1 and the value column after the array; the CSV says i0, i1, value.
      assertEquals(List.of("dim_0", "dim_1", a), got.get(0), a + " columns");
      got.set(0, want.get(0));
      ClusterTestSupport.assertSameTable(a, want, got, List.of("i0", "i1"));
    }
  }

  private static String head(List<String> l) {
    return l.size() + " " + l.subList(0, Math.min(10, l.size()));
  }
}
