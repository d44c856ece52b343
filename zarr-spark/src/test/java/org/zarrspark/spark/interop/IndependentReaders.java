package org.zarrspark.spark.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the readers users open Zarr with (xarray for v2, zarrita for v3) on a store and returns what
 * they read, as the JSON the scripts in {@code interop/} print. A reader that is not installed
 * skips the calling test with the command that installs it; in CI ({@code CI=true}, where
 * {@code .ci/run} installs both) it fails it instead.
 */
final class IndependentReaders {
  private static final ObjectMapper JSON = new ObjectMapper();

  private IndependentReaders() {}

  static Path interopDir() {
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("interop/xarray_dump.py"))) {
        return p.resolve("interop");
      }
    }
    throw new IllegalStateException("interop/ not found above " + Paths.get("").toAbsolutePath());
  }

  /** What xarray 2023.01 (Debian's python3-xarray) reads from a v2 store, CF-decoded. */
  static JsonNode xarray(Path store) throws Exception {
    return read(List.of(pythonWithXarray(), interopDir().resolve("xarray_dump.py").toString(), store.toString()));
  }

  /** What xarray reads from a kerchunk reference file through fsspec's ReferenceFileSystem. */
  static JsonNode xarrayRefs(Path refs) throws Exception {
    return read(List.of(pythonWith("fsspec, netCDF4", "python3-fsspec python3-netcdf4"),
        interopDir().resolve("xarray_dump.py").toString(), "--refs", refs.toString()));
  }

  /** What xarray reads from NetCDF files concatenated along {@code dim} ({@code open_mfdataset}). */
  static JsonNode xarrayNetcdf(String dim, List<Path> files) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(pythonWith("fsspec, netCDF4", "python3-fsspec python3-netcdf4"),
        interopDir().resolve("xarray_dump.py").toString(), "--netcdf", dim));
    files.forEach(f -> cmd.add(f.toString()));
    return read(cmd);
  }

  private static String pythonWithXarray() throws Exception {
    return pythonWith("", "");
  }

  /**
   * The first Python that imports xarray and zarr (and {@code modules}): $ZARR_PYTHON, python3 on the PATH, then
   * Debian's own /usr/bin/python3 (where apt installs them when the PATH leads to another Python).
   */
  private static String pythonWith(String modules, String packages) throws Exception {
    List<String> candidates = new java.util.ArrayList<>();
    if (System.getenv("ZARR_PYTHON") != null) {
      candidates.add(System.getenv("ZARR_PYTHON"));
    }
    candidates.add("python3");
    candidates.add("/usr/bin/python3");
    for (String py : candidates) {
      if (run(List.of(py, "-c", "import xarray, zarr" + (modules.isEmpty() ? "" : ", " + modules)), 60).exit == 0) {
        return py;
      }
    }
    return missing("xarray is not installed for " + candidates
        + ": apt-get install python3-xarray python3-zarr python3-numcodecs python3-dask " + packages);
  }

  /** What zarrita (npm, the version in interop/package.json) reads from a v3 store, raw. */
  static JsonNode zarrita(Path store) throws Exception {
    Path dir = interopDir();
    if (!Files.isDirectory(dir.resolve("node_modules/zarrita")) || run(List.of("node", "--version"), 60).exit != 0) {
      missing("zarrita is not installed: apt-get install nodejs npm && npm ci --prefix " + dir);
    }
    return read(List.of("node", dir.resolve("zarrita_dump.mjs").toString(), store.toString()));
  }

  private static <T> T missing(String what) {
    if ("true".equals(System.getenv("CI"))) {
      return fail(what + " (CI must run the live readers)");
    }
    return abort(what);
  }

  private static JsonNode read(List<String> command) throws Exception {
    Result r = run(command, 300);
    assertEquals(0, r.exit, () -> String.join(" ", command) + " failed:\n" + r.err);
    return JSON.readTree(r.out);
  }

  private record Result(int exit, String out, String err) {}

  private static Result run(List<String> command, int seconds) throws IOException, InterruptedException {
    File out = File.createTempFile("reader", ".out");
    File err = File.createTempFile("reader", ".err");
    try {
      Process p;
      try {
        p = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
      } catch (IOException e) {
        return new Result(127, "", e.toString()); // the program itself is missing
      }
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " did not finish in " + seconds + " s");
      }
      return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
          Files.readString(err.toPath(), StandardCharsets.UTF_8));
    } finally {
      out.delete();
      err.delete();
    }
  }
}
