package org.zarrspark.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;
import org.zarrspark.core.testing.Csv;

/**
 * Shared by the cluster tests: the shaded jar, a Spark installation made of the test classpath's
 * Spark jars (no zarr-spark or zarr-core class), the probe application, child JVMs and table
 * comparison.
 */
final class ClusterTestSupport {
  private ClusterTestSupport() {}

  /** The connector jar for clusters, built by the shade plugin in the package phase. */
  static Path shadedJar() {
    String p = System.getProperty("zarr.shadedJar");
    assertTrue(p != null && !p.isEmpty(), "system property zarr.shadedJar is not set (run with mvn verify)");
    Path jar = Paths.get(p);
    assertTrue(Files.isRegularFile(jar), "shaded jar " + jar + " is absent (run with mvn verify)");
    return jar;
  }

  /** A folder of this test run under target/. */
  static Path workDir(String name) throws IOException {
    Path base = Paths.get(System.getProperty("zarr.clusterWork", "target/cluster-it")).toAbsolutePath();
    Path d = base.resolve(name);
    deleteTree(d);
    return Files.createDirectories(d);
  }

  /**
   * A Spark "installation" as a stock distribution lays it out: SPARK_HOME/jars holds (links to)
   * the Spark, Scala and Hadoop jars of the test classpath, without any jar or folder of this
   * project. Executors launched by a Worker get exactly {@code SPARK_HOME/jars/*} as classpath.
   */
  static Path sparkHome() throws IOException {
    Path home = workDir("spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
    Files.createDirectories(home.resolve("conf"));
    int n = 0;
    for (Path jar : sparkClasspath()) {
      String name = jar.getFileName().toString();
      Path link = jars.resolve(name);
      if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        link = jars.resolve((n++) + "-" + name);
      }
      try {
        Files.createSymbolicLink(link, jar);
      } catch (UnsupportedOperationException | IOException e) {
        Files.copy(jar, link);
      }
    }
    return home;
  }

  /** The test classpath's jars minus this project's classes and jars and the test frameworks. */
  static List<Path> sparkClasspath() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (e.isEmpty()) {
        continue;
      }
      Path p = Paths.get(e).toAbsolutePath();
      String name = p.getFileName().toString();
      if (Files.isDirectory(p) || !name.endsWith(".jar") || name.startsWith("zarr-")
          || name.startsWith("junit-") || name.startsWith("opentest4j") || name.startsWith("apiguardian")
          || name.startsWith("surefire") || name.startsWith("common-java5") || name.startsWith("common-junit")
          || p.toString().contains(File.separator + "surefire" + File.separator)) {
        continue;
      }
      try (JarFile jf = new JarFile(p.toFile())) {
        if (jf.getEntry("org/zarrspark/spark/ZarrDataSource.class") != null
            || jf.getEntry("org/zarrspark/core/read/ZarrArray.class") != null) {
          continue;
        }
      }
      out.add(p);
    }
    assertTrue(out.stream().anyMatch(p -> p.getFileName().toString().startsWith("spark-sql_")),
        "no Spark jar found on the test classpath: " + System.getProperty("java.class.path"));
    return out;
  }

  /** A jar of the probe application alone (its classes from the test classes folder). */
  static Path probeJar(Path dir) throws IOException {
    Path classes = Paths.get(ZarrProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    String pkg = ZarrProbe.class.getPackageName().replace('.', '/');
    Path jar = dir.resolve("zarr-probe.jar");
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, mf);
        Stream<Path> files = Files.list(classes.resolve(pkg))) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("ZarrProbe")).collect(Collectors.toList())) {
        jos.putNextEntry(new JarEntry(pkg + "/" + f.getFileName()));
        Files.copy(f, jos);
        jos.closeEntry();
      }
    }
    return jar;
  }

  static String javaBin() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The JVM flags Spark's launcher gives drivers and executors on Java 17+. */
  static List<String> moduleOptions() {
    // The String form: Spark 3.5's launcher has no array form.
    return Arrays.asList(JavaModuleOptions.defaultModuleOptions().trim().split("\\s+"));
  }

  /**
   * Short-lived JVMs on a small machine: the client compiler only and one GC thread start and
   * finish these small jobs faster than the defaults.
   */
  static List<String> quickJvmOptions() {
    return List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
  }

  /** Spark settings every probe run uses. */
  static Map<String, String> sparkConf() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("spark.ui.enabled", "false");
    c.put("spark.driver.host", "127.0.0.1");
    c.put("spark.driver.bindAddress", "127.0.0.1");
    c.put("spark.sql.session.timeZone", "UTC");
    c.put("spark.sql.adaptive.enabled", "false");
    c.put("spark.sql.shuffle.partitions", "4");
    c.put("spark.sql.catalog.zarr", "org.zarrspark.spark.ZarrCatalog");
    return c;
  }

  /** Runs a child JVM with a clean Spark environment; returns its exit code, output in {@code log}. */
  static int run(List<String> command, Map<String, String> env, Path log, long timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> e = pb.environment();
    for (String k : List.of("SPARK_HOME", "SPARK_CONF_DIR", "SPARK_CLASSPATH", "SPARK_DIST_CLASSPATH",
        "HADOOP_CONF_DIR", "YARN_CONF_DIR", "SPARK_TESTING", "SPARK_PREPEND_CLASSES", "SPARK_SCALA_VERSION",
        "SPARK_LOCAL_HOSTNAME", "SPARK_JAVA_OPTS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")) {
      e.remove(k);
    }
    e.put("SPARK_LOCAL_IP", "127.0.0.1");
    e.put("JAVA_HOME", System.getProperty("java.home"));
    e.putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      fail("child JVM did not finish in " + timeoutSeconds + " s; log " + log + ":\n" + tail(log, 60));
    }
    return p.exitValue();
  }

  static String tail(Path log, int lines) throws IOException {
    if (!Files.exists(log)) {
      return "(no log)";
    }
    List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  static Path writeJobs(Path dir, List<String> jobs) throws IOException {
    Path f = dir.resolve("jobs.tsv");
    Files.write(f, String.join("\n", jobs).concat("\n").getBytes(StandardCharsets.UTF_8));
    return f;
  }

  static String job(String name, String kind, String text) {
    return name + "\t" + kind + "\t" + text;
  }

  static String job(String name, String kind, String text, String options) {
    return job(name, kind, text) + "\t" + options;
  }

  /** A job's table; fails with the job's error (or the log) when it has none. */
  static List<List<String>> table(Path out, String job, Path log) throws IOException {
    Path csv = out.resolve(job + ".csv");
    if (!Files.exists(csv)) {
      Path err = out.resolve(job + ".error");
      fail("job " + job + " produced no table: " + (Files.exists(err) ? Files.readString(err) : tail(log, 60)));
    }
    return Csv.read(csv);
  }

  static Properties props(Path file) throws IOException {
    Properties p = new Properties();
    assertTrue(Files.exists(file), "missing " + file);
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    return p;
  }

  /**
   * Asserts two tables hold the same rows (in any order): same column names (order free), rows
   * sorted by {@code keys}; numbers compared as numbers (float32 values as floats), times as
   * instants, empty fields as NULL.
   */
  static void assertSameTable(String what, List<List<String>> want, List<List<String>> got, List<String> keys) {
    List<String> wh = want.get(0);
    List<String> gh = got.get(0);
    assertEquals(new java.util.HashSet<>(wh), new java.util.HashSet<>(gh), what + ": columns");
    assertEquals(want.size() - 1, got.size() - 1, what + ": row count");
    int[] map = new int[wh.size()];
    for (int i = 0; i < wh.size(); i++) {
      map[i] = gh.indexOf(wh.get(i));
    }
    List<String[]> g = new ArrayList<>();
    for (List<String> r : got.subList(1, got.size())) {
      String[] t = new String[wh.size()];
      for (int i = 0; i < wh.size(); i++) {
        t[i] = r.get(map[i]);
      }
      g.add(t);
    }
    List<String[]> w = new ArrayList<>();
    for (List<String> r : want.subList(1, want.size())) {
      w.add(r.toArray(new String[0]));
    }
    Comparator<String[]> cmp = (a, b) -> 0;
    for (String k : keys) {
      int i = wh.indexOf(k);
      cmp = cmp.thenComparing(a -> a[i], ClusterTestSupport::compareValues);
    }
    w.sort(cmp);
    g.sort(cmp);
    int bad = 0;
    String first = null;
    for (int r = 0; r < w.size(); r++) {
      for (int c = 0; c < wh.size(); c++) {
        if (!sameValue(w.get(r)[c], g.get(r)[c])) {
          bad++;
          if (first == null) {
            first = "row " + r + " column " + wh.get(c) + ": want '" + w.get(r)[c] + "' got '" + g.get(r)[c] + "'";
          }
        }
      }
    }
    assertEquals(0, bad, what + ": cells differ; first " + first);
  }

  static int compareValues(String a, String b) {
    Double x = number(a);
    Double y = number(b);
    if (x != null && y != null) {
      return Double.compare(x, y);
    }
    Instant s = instant(a);
    Instant t = instant(b);
    if (s != null && t != null) {
      return s.compareTo(t);
    }
    return a.compareTo(b);
  }

  static boolean sameValue(String want, String got) {
    if (want.isEmpty() || want.equals("NaN") || want.equals("NaT")) {
      return got.isEmpty() || got.equals(want);
    }
    if (want.equals(got)) {
      return true;
    }
    Double x = number(want);
    Double y = number(got);
    if (x != null && y != null) {
      // float32 columns: Python prints the float widened to float64, Spark the float itself.
      boolean floatCell = Float.toString((float) y.doubleValue()).equals(got);
      return floatCell && (float) x.doubleValue() == (float) y.doubleValue()
          || Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
    }
    Instant s = instant(want);
    Instant t = instant(got);
    return s != null && s.equals(t);
  }

  static Double number(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    char c = s.charAt(0);
    if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'N' || c == 'I')) {
      return null;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Instant instant(String s) {
    try {
      return Instant.parse(s.endsWith("Z") ? s : s + "Z");
    } catch (RuntimeException e) {
      return null;
    }
  }

  static void deleteTree(Path d) throws IOException {
    if (!Files.exists(d, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(d)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
