package org.zarrspark.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrspark.spark.cluster.ClusterTestSupport.job;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.testing.Csv;
import org.zarrspark.core.testing.Fixtures;

/**
 * Queries through the shaded jar on a real multi-process cluster on 127.0.0.1: spark-submit's
 * main class with {@code --master local-cluster[2,1,1024]} and {@code --jars <the -all jar>}
 * starts a Master and two Workers in the driver JVM, and each Worker launches one executor JVM
 * from SPARK_HOME/jars (Spark's jars only), which fetches the connector jar from the driver.
 * Partitions, the broadcast scan spec, task metrics and task errors all cross JVMs.
 */
class LocalClusterIT {
  private static final Pattern FROM_EXECUTOR = Pattern.compile("\\(127\\.0\\.0\\.1 executor [0-9]+\\)");

  @Test
  void queriesRunOnTwoExecutorJvmsThroughTheJar() throws Exception {
    Path python = Fixtures.python();
    Path shaded = ClusterTestSupport.shadedJar();
    Path dir = ClusterTestSupport.workDir("local-cluster");
    Path home = ClusterTestSupport.sparkHome();
    Path probe = ClusterTestSupport.probeJar(dir);
    Path climate = python.resolve("xr_climate_v3/store.zarr");
    Path bad = python.resolve("bad_v3_zstd_truncated/store.zarr");
    String table = "zarr.`" + climate + "`";

    List<String> jobs = new ArrayList<>();
    // First a job (it waits for both executors), then the facts about the JVMs.
    jobs.add(job("partitions", "partitions", climate.toString(), "targetPartitionBytes=1k"));
    jobs.add(job("info", "info", ""));
    jobs.add(job("climate", "sql", "SELECT time, lat, lon, sp, t2m, u10 FROM " + table));
    jobs.add(job("by_time", "sql",
        "SELECT time, count(*) AS n, count(t2m) AS n_t2m, sum(sp) AS sp_sum FROM " + table + " GROUP BY time"));
    jobs.add(job("north", "sql", "SELECT count(sp) AS n, sum(sp) AS sp_sum FROM " + table + " WHERE lat >= 50"));
    jobs.add(job("corrupt", "sql", "SELECT * FROM zarr.`" + bad + "`"));
    // A write: rows shuffled between the executors as parts of chunks, then read back.
    Path written = dir.resolve("written.zarr");
    jobs.add(job("write", "sql", "CREATE TABLE zarr.`" + written + "` USING zarr OPTIONS (dimensions 'time,lat,lon')"
        + " AS SELECT time, lat, lon, sp, t2m FROM " + table));
    jobs.add(job("written_by_time", "sql", "SELECT time, count(*) AS n, count(t2m) AS n_t2m, sum(sp) AS sp_sum FROM"
        + " zarr.`" + written + "` GROUP BY time"));
    Path jobsFile = ClusterTestSupport.writeJobs(dir, jobs);
    Path out = dir.resolve("out");
    Path log = dir.resolve("driver.log");

    Map<String, String> conf = new LinkedHashMap<>(ClusterTestSupport.sparkConf());
    conf.put("spark.executor.memory", "512m");
    conf.put("spark.executor.extraJavaOptions", String.join(" ", ClusterTestSupport.quickJvmOptions()));
    conf.put("spark.task.maxFailures", "1");
    // As many clusters run: broadcasts, task results and shuffle records then pass Kryo, which
    // cannot make Java records or keep what writeObject writes (util.JavaSerialized wraps them).
    conf.put("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    // The first job waits (up to 60 s) until both executors have registered (the ratio counts
    // against spark.cores.max; without it a standalone app expects no cores and never waits).
    conf.put("spark.cores.max", "2");
    conf.put("spark.scheduler.minRegisteredResourcesRatio", "1.0");
    conf.put("spark.scheduler.maxRegisteredResourcesWaitingTime", "60s");
    List<String> cmd = new ArrayList<>();
    cmd.add(ClusterTestSupport.javaBin());
    cmd.add("-Xmx768m");
    cmd.addAll(ClusterTestSupport.quickJvmOptions());
    cmd.addAll(ClusterTestSupport.moduleOptions());
    cmd.add("-cp");
    cmd.add(home.resolve("jars") + File.separator + "*");
    cmd.add("org.apache.spark.deploy.SparkSubmit");
    cmd.add("--master");
    cmd.add("local-cluster[2,1,1024]");
    cmd.add("--jars");
    cmd.add(shaded.toString());
    conf.forEach((k, v) -> {
      cmd.add("--conf");
      cmd.add(k + "=" + v);
    });
    cmd.add("--class");
    cmd.add(ZarrProbe.class.getName());
    cmd.add(probe.toString());
    cmd.add(jobsFile.toString());
    cmd.add(out.toString());
    // What bin/spark-class (load-spark-env.sh) exports in a distribution; the Workers' launcher
    // needs it to build the executors' command outside a Spark source tree.
    Map<String, String> env = Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13");
    int rc = ClusterTestSupport.run(cmd, env, log, 240);
    assertEquals(0, rc, "spark-submit failed; log " + log + ":\n" + ClusterTestSupport.tail(log, 60));

    // A driver and two executors, each a JVM of its own; the driver loaded the source from the jar.
    Properties info = ClusterTestSupport.props(out.resolve("info.info"));
    assertEquals("local-cluster[2,1,1024]", info.getProperty("master"));
    assertEquals("3", info.getProperty("blockManagers"), "driver + 2 executors registered");
    assertTrue(info.getProperty("connectorSource").endsWith("/" + shaded.getFileName()), info.getProperty("connectorSource"));
    assertEquals("", info.getProperty("driverClassPathZarrEntries"), "zarr classes on the driver's own classpath");
    long driverPid = Long.parseLong(info.getProperty("driverPid"));

    // Partitions were read in the executor JVMs, from the fetched jar, not from their classpath.
    List<List<String>> parts = ClusterTestSupport.table(out, "partitions", log);
    Set<Long> pids = new HashSet<>();
    long rows = 0;
    for (List<String> p : parts.subList(1, parts.size())) {
      long pid = Long.parseLong(p.get(0));
      assertTrue(pid != driverPid, "a partition was read in the driver JVM");
      pids.add(pid);
      rows += Long.parseLong(p.get(1));
      assertTrue(p.get(2).endsWith(shaded.getFileName().toString()) && !p.get(2).equals("file:" + shaded),
          "executor loaded the connector from " + p.get(2) + ", not from a fetched copy of the jar");
      assertEquals("true", p.get(3), "an executor's own classpath is free of zarr jars and classes");
    }
    assertTrue(parts.size() - 1 >= 4, "partitions: " + (parts.size() - 1));
    assertEquals(2, pids.size(), "executor JVMs that read partitions: " + pids);
    assertEquals(4992, rows);

    // Values, and a metric summed on the driver from the executors' task metrics.
    List<List<String>> want = Csv.read(python.resolve("xr_climate_v3/expected/table.csv"));
    ClusterTestSupport.assertSameTable("xr_climate_v3 on the cluster", want, ClusterTestSupport.table(out, "climate", log),
        List.of("time", "lat", "lon"));
    Properties m = ClusterTestSupport.props(out.resolve("climate.metrics"));
    assertEquals("1", m.getProperty("scans"));
    assertTrue(Long.parseLong(m.getProperty("chunksRead")) > 0, "chunksRead on the driver: " + m);

    // An aggregate through a shuffle between the executors.
    List<List<String>> byTime = new ArrayList<>();
    byTime.add(List.of("time", "n", "n_t2m", "sp_sum"));
    Map<String, double[]> acc = new TreeMap<>();
    int ti = want.get(0).indexOf("time");
    int si = want.get(0).indexOf("sp");
    int ki = want.get(0).indexOf("t2m");
    int li = want.get(0).indexOf("lat");
    long northN = 0;
    double northSum = 0;
    for (List<String> r : want.subList(1, want.size())) {
      double[] a = acc.computeIfAbsent(r.get(ti), k -> new double[3]);
      a[0]++;
      a[1] += r.get(ki).isEmpty() ? 0 : 1;
      a[2] += r.get(si).isEmpty() ? 0 : Double.parseDouble(r.get(si));
      if (Double.parseDouble(r.get(li)) >= 50 && !r.get(si).isEmpty()) {
        northN++;
        northSum += Double.parseDouble(r.get(si));
      }
    }
    acc.forEach((t, a) -> byTime.add(List.of(t, String.valueOf((long) a[0]), String.valueOf((long) a[1]),
        String.valueOf(a[2]))));
    ClusterTestSupport.assertSameTable("count and sum by time", byTime, ClusterTestSupport.table(out, "by_time", log),
        List.of("time"));
    ClusterTestSupport.assertSameTable("the same of the table written on the cluster", byTime,
        ClusterTestSupport.table(out, "written_by_time", log), List.of("time"));

    // Pushdown on the cluster: fewer chunks read, same answer.
    List<List<String>> north = ClusterTestSupport.table(out, "north", log);
    assertEquals(String.valueOf(northN), north.get(1).get(0));
    assertTrue(ClusterTestSupport.sameValue(String.valueOf(northSum), north.get(1).get(1)),
        "sum(sp) where lat >= 50: want " + northSum + " got " + north.get(1).get(1));
    Properties nm = ClusterTestSupport.props(out.resolve("north.metrics"));
    assertTrue(Long.parseLong(nm.getProperty("chunksSkipped")) > 0, "chunksSkipped: " + nm);
    assertTrue(Long.parseLong(nm.getProperty("chunksRead")) > 0, "chunksRead: " + nm);

    // A corrupt chunk fails a task in an executor JVM; the driver gets the store key.
    Path err = out.resolve("corrupt.error");
    assertTrue(Files.exists(err), "reading a truncated zstd chunk did not fail");
    String msg = Files.readString(err);
    assertTrue(msg.contains("a/c/1/0"), "the error lacks the chunk key a/c/1/0:\n" + msg);
    assertTrue(FROM_EXECUTOR.matcher(msg).find(), "the error did not come from an executor:\n" + msg);
  }
}
