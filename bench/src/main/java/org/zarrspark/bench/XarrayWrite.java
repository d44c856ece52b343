package org.zarrspark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * xarray's {@code to_zarr} of the same hours, the baseline a Python user has: {@code xarray_write.py}
 * opens the bench's Zarr v2 store, loads the hours into memory and times {@code to_zarr} itself
 * (interpreter start-up and the load excluded), with the chunks and Blosc codec of Spark's v2 write.
 * Needs a Python with xarray and zarr (Debian's python3-xarray); without one the row says why,
 * and nothing is installed unless {@code --install-xarray} asks for it.
 */
final class XarrayWrite {
  static final String PACKAGES = "python3-xarray python3-zarr python3-dask python3-numcodecs";
  static final String NOT_INSTALLED = "skipped: python3-xarray not installed (apt-get install " + PACKAGES + ")";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The measured write, or why there is none. */
  record Outcome(WriteBench.Result result, String skipped) {}

  private XarrayWrite() {}

  static Outcome run(Era5Dataset data, WriteInput input, Path dir, int runs, boolean install) {
    try {
      String py = python();
      if (py == null && install) {
        System.err.println("bench: --install-xarray: apt-get install -y " + PACKAGES);
        new ProcessBuilder(command("apt-get", "install", "-y", PACKAGES)).inheritIO().start().waitFor();
        py = python();
      }
      if (py == null) {
        return new Outcome(null, NOT_INSTALLED);
      }
      Path script = script("xarray_write.py");
      try {
        int[] c = input.chunks(data);
        Proc p = exec(List.of(py, script.toString(), data.v2.toString(), Integer.toString(input.hours),
            Integer.toString(runs), dir.resolve("xarray").toString(), c[0] + "," + c[1] + "," + c[2]), 3600);
        if (p.exit != 0) {
          String[] lines = p.err.strip().split("\n");
          return new Outcome(null, "failed: " + lines[lines.length - 1]);
        }
        return outcome(JSON.readTree(p.out), input, c);
      } finally {
        deleteScript(script);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      return new Outcome(null, "failed: " + e);
    }
  }

  private static Outcome outcome(JsonNode j, WriteInput input, int[] c) {
    double[] ms = doubles(j.get("runs_ms"));
    double[] cpu = doubles(j.get("runs_cpu_ms"));
    WriteInput.Checksum sum = new WriteInput.Checksum(j.get("rows").asLong(), j.get("values").asLong(),
        j.get("sum_t2m").asDouble());
    String version = "xarray " + j.get("xarray").asText() + ", zarr " + j.get("zarr").asText() + ", "
        + j.get("python").asText();
    WriteBench.Result r = new WriteBench.Result("xarray", "to_zarr, Blosc lz4 5, byte shuffle; chunks " + c[0]
        + " x " + c[1] + " x " + c[2] + " (" + version + ")", ms, cpu, j.get("bytes").asLong(),
        j.get("files").asLong(), sum.matches(input.checksum));
    return new Outcome(r, null);
  }

  /** A bench script copied into a fresh directory, with the module it imports beside it. */
  static Path script(String name) throws IOException {
    Path dir = Files.createTempDirectory("zarr-bench-py");
    for (String f : List.of(name, "bench_versions.py")) {
      try (InputStream in = XarrayWrite.class.getResourceAsStream(f)) {
        Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return dir.resolve(name);
  }

  /** Deletes a script's directory. */
  static void deleteScript(Path script) throws IOException {
    Path dir = script.getParent();
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(dir);
  }

  /** The first Python that imports xarray and zarr: $ZARR_PYTHON, python3 on the PATH, Debian's /usr/bin/python3. */
  static String python() throws IOException, InterruptedException {
    List<String> candidates = new ArrayList<>();
    if (System.getenv("ZARR_PYTHON") != null) {
      candidates.add(System.getenv("ZARR_PYTHON"));
    }
    candidates.add("python3");
    candidates.add("/usr/bin/python3");
    for (String py : candidates) {
      if (exec(List.of(py, "-c", "import xarray, zarr, numcodecs"), 120).exit == 0) {
        return py;
      }
    }
    return null;
  }

  private static List<String> command(String... words) {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      out.addAll(Arrays.asList(w.split(" ")));
    }
    return out;
  }

  static double[] doubles(JsonNode a) {
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asDouble();
    }
    return v;
  }

  record Proc(int exit, String out, String err) {}

  static Proc exec(List<String> command, int seconds) throws IOException, InterruptedException {
    File out = File.createTempFile("xarray", ".out");
    File err = File.createTempFile("xarray", ".err");
    try {
      Process p;
      try {
        p = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
      } catch (IOException e) {
        return new Proc(127, "", e.toString()); // no such program
      }
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Proc(124, "", command.get(0) + " did not finish in " + seconds + " s");
      }
      return new Proc(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
          Files.readString(err.toPath(), StandardCharsets.UTF_8));
    } finally {
      out.delete();
      err.delete();
    }
  }
}
