package org.zarrspark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tool a climate user picks instead of Spark on one machine: xarray with dask, on the very
 * Zarr v2 store the bench wrote, with as many threads as Spark has cores ({@code xarray_query.py}
 * times each query itself, the store opened once). Needs Debian's python3-xarray and
 * python3-dask; without them the comparison says why.
 */
final class XarrayQueries {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One query: xarray+dask's wall ms per run and its answer's checksum. */
  record Result(String query, double[] millis, double checksum) {
    double median() {
      double[] s = millis.clone();
      Arrays.sort(s);
      return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
  }

  /** The measured queries with versions, or why there are none. */
  record Outcome(List<Result> results, String versions, String skipped) {}

  private XarrayQueries() {}

  static Outcome run(Era5Dataset data, int runs, int threads) {
    try {
      String py = XarrayWrite.python();
      if (py == null || XarrayWrite.exec(List.of(py, "-c", "import dask"), 120).exit() != 0) {
        return new Outcome(List.of(), null, XarrayWrite.NOT_INSTALLED);
      }
      Path script = XarrayWrite.script("xarray_query.py");
      try {
        XarrayWrite.Proc p = XarrayWrite.exec(List.of(py, script.toString(), data.v2.toString(),
            Integer.toString(runs), Integer.toString(threads)), 3600);
        if (p.exit() != 0) {
          String[] lines = p.err().strip().split("\n");
          return new Outcome(List.of(), null, "failed: " + lines[lines.length - 1]);
        }
        JsonNode j = JSON.readTree(p.out());
        List<Result> out = new ArrayList<>();
        j.get("queries").fields().forEachRemaining(e -> out.add(new Result(e.getKey(),
            XarrayWrite.doubles(e.getValue().get("runs_ms")), e.getValue().get("checksum").asDouble())));
        return new Outcome(out, "xarray " + j.get("xarray").asText() + ", dask " + j.get("dask").asText() + ", "
            + j.get("threads").asInt() + " threads", null);
      } finally {
        XarrayWrite.deleteScript(script);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      return new Outcome(List.of(), null, "failed: " + e);
    }
  }
}
