package org.zarrspark.spark.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zarrspark.core.cli.RefsCommand;

/**
 * {@code bin/zarr refs} output opened where users open kerchunk references: fsspec's
 * ReferenceFileSystem under zarr-python 2 and xarray (Debian's packages). What xarray reads
 * through our references must equal what it reads from the NetCDF files themselves
 * ({@code open_mfdataset(combine="nested")} for several files): every variable's dtype,
 * dimensions and values, CF-decoded.
 */
class RefsCommandLiveTest {
  @TempDir Path tmp;

  static Path root() {
    return IndependentReaders.interopDir().getParent();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "one NetCDF file with inline-sized chunks, time, testdata/refs/nc4_inline_v0/data/stations.nc",
      "one NetCDF file, time, testdata/refs/bad_malformed_json/data/small.nc",
      "two files along time with static arrays, time, zarr-core/src/test/resources/netcdf-sets/ok_static/f1.nc"
          + " zarr-core/src/test/resources/netcdf-sets/ok_static/f2.nc",
      "two files counting hours from their own day, time,"
          + " zarr-core/src/test/resources/netcdf-sets/units_differ/a.nc zarr-core/src/test/resources/netcdf-sets/units_differ/b.nc",
      "two files along an unlimited dimension named record, record,"
          + " zarr-core/src/test/resources/netcdf-sets/ok_record/a.nc zarr-core/src/test/resources/netcdf-sets/ok_record/b.nc",
  })
  void fsspecReadsWhatRefsWrites(String what, String dim, String files) throws Exception {
    List<Path> paths = new ArrayList<>();
    List<String> args = new ArrayList<>();
    for (String f : files.trim().split(" ")) {
      Path p = root().resolve(f);
      assertTrue(Files.isRegularFile(p), p + " is missing");
      paths.add(p);
      args.add(p.toString());
    }
    Path out = tmp.resolve("refs.json");
    args.add("-o");
    args.add(out.toString());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = RefsCommand.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));

    JsonNode viaRefs = IndependentReaders.xarrayRefs(out).get("variables");
    JsonNode original = IndependentReaders.xarrayNetcdf(dim, paths).get("variables");
    assertEquals(names(original), names(viaRefs), what + ": variables");
    for (String name : names(original)) {
      JsonNode a = original.get(name);
      JsonNode b = viaRefs.get(name);
      assertEquals(a.get("dtype"), b.get("dtype"), name + " dtype");
      assertEquals(a.get("dims"), b.get("dims"), name + " dims");
      assertEquals(a.get("values"), b.get("values"), name + " values");
      assertTrue(a.get("values").size() > 0, name + " has values");
      assertEquals(a.get("attrs"), b.get("attrs"), name + " attributes");
    }
  }

  private static List<String> names(JsonNode vars) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = vars.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    out.sort(null);
    return out;
  }
}
