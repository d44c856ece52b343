package org.zarrspark.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.core.write.CodecJson;
import org.zarrspark.core.write.GroupWriter;

/**
 * An ERA5-like single-level dataset: hourly CF time ("hours since 2024-01-01"), latitude
 * descending from 90 to -90, longitude 0..360, float32 {@code t2m} and {@code u10} with about 1%
 * NaN, values rounded to 1/64 (ERA5's GRIB packing precision, which makes them as compressible as
 * the real fields). Scale 1 is 48 hours on the 0.25° grid (721 x 1440): 50 million rows.
 *
 * <p>Written three times: Zarr v2 with Blosc lz4 + byte shuffle, Zarr v3 sharded (2x2x2 inner
 * chunks) with zstd, and the same flattened table as Parquet (snappy) written by Spark from v2.
 * Chunks are (24, 121, 240) at full resolution: 2.8 MB of float32.
 */
final class Era5Dataset {
  static final String[] VARIABLES = {"t2m", "u10"};
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  final int nt;
  final int nlat;
  final int nlon;
  final int[] chunks;
  final Path v2;
  final Path v3;
  final Path parquet;

  Era5Dataset(double scale, Path dir) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("scale must be positive");
    }
    // Time grows with the scale; below scale 1 the grid is coarsened too, so tiny scales stay tiny.
    this.nt = (int) Math.max(4, Math.round(48 * scale));
    double spatial = Math.min(1, scale * 48 / nt);
    this.nlon = (int) Math.max(24, 4 * Math.round(360 * Math.sqrt(spatial)));
    this.nlat = nlon / 2 + 1;
    this.chunks = new int[] {Math.min(24, nt / 2), ceilDiv(nlat, 6), ceilDiv(nlon, 6)};
    this.v2 = dir.resolve("era5-v2.zarr");
    this.v3 = dir.resolve("era5-v3.zarr");
    this.parquet = dir.resolve("era5.parquet");
  }

  long rows() {
    return (long) nt * nlat * nlon;
  }

  int chunkBytes() {
    return 4 * chunks[0] * chunks[1] * chunks[2];
  }

  float lat(int y) {
    return (float) (90.0 - 180.0 * y / (nlat - 1));
  }

  float lon(int x) {
    return (float) (360.0 * x / nlon);
  }

  /** Writes both Zarr stores (two threads over shard boxes), then Parquet through Spark. */
  void write(SparkSession spark) throws Exception {
    long t0 = System.nanoTime();
    Store s2 = open(v2);
    Store s3 = open(v3);
    List<ArrayWriter> w2 = new ArrayList<>();
    List<ArrayWriter> w3 = new ArrayList<>();
    for (Store s : new Store[] {s2, s3}) {
      int format = s == s2 ? 2 : 3;
      GroupWriter.create(s, "", format, F.objectNode().put("title", "ERA5-like benchmark data")
          .put("Conventions", "CF-1.8").put("source", "synthetic, written by zarr-core (bin/zarr bench)"));
      coordinates(s, format);
      for (String v : VARIABLES) {
        (format == 2 ? w2 : w3).add(ArrayWriter.create(s, v, spec(format, DataType.FLOAT32,
            List.of("time", "lat", "lon"), new long[] {nt, nlat, nlon}, chunks,
            F.objectNode().put("units", v.equals("t2m") ? "K" : "m s-1").put("_FillValue", "NaN"))));
      }
    }
    int[] box = {2 * chunks[0], 2 * chunks[1], 2 * chunks[2]}; // one v3 shard: whole v2 chunks too
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int v = 0; v < VARIABLES.length; v++) {
        for (int t = 0; t < nt; t += box[0]) {
          for (int y = 0; y < nlat; y += box[1]) {
            for (int x = 0; x < nlon; x += box[2]) {
              int var = v;
              long[] o = {t, y, x};
              int[] shape = {Math.min(box[0], nt - t), Math.min(box[1], nlat - y), Math.min(box[2], nlon - x)};
              jobs.add(pool.submit(() -> {
                NdBuffer data = values(var, o, shape);
                w2.get(var).write(o, data);
                w3.get(var).write(o, data);
              }));
            }
          }
        }
      }
      for (Future<?> f : jobs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    GroupWriter.consolidate(s2);
    GroupWriter.consolidate(s3);
    System.err.printf("bench: generated and wrote Zarr v2 and v3 in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    spark.read().format("zarr").load(v2.toString())
        .write().mode("overwrite").option("compression", "snappy").parquet(parquet.toString());
  }

  /** Values of one variable over a box, C order. */
  NdBuffer values(int var, long[] origin, int[] shape) {
    NdBuffer b = NdBuffer.allocate(DataType.FLOAT32, shape);
    FloatBuffer out = ByteBuffer.wrap(b.bytes()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    for (int i = 0; i < shape[0]; i++) {
      int t = (int) origin[0] + i;
      for (int j = 0; j < shape[1]; j++) {
        int y = (int) origin[1] + j;
        double phi = Math.toRadians(lat(y));
        double sinLat = Math.abs(Math.sin(phi));
        double cosLat = Math.cos(phi);
        for (int k = 0; k < shape[2]; k++) {
          int x = (int) origin[2] + k;
          long h = mix(((long) var << 58) ^ ((long) t << 40) ^ ((long) y << 20) ^ x);
          double noise = ((h >>> 11) * 0x1.0p-53 - 0.5);
          double v;
          if (var == 0) { // 2 m temperature: latitude, diurnal cycle following the sun, waves, noise
            v = 288 - 35 * sinLat + 6 * cosLat * Math.cos(2 * Math.PI * (t / 24.0 + lon(x) / 360.0))
                + 3 * Math.sin(x * 0.05 + y * 0.07 + t * 0.02) + noise;
          } else { // 10 m zonal wind: jets, travelling waves, noise
            v = 8 * Math.sin(3 * phi) + 4 * Math.cos(x * 0.03 - t * 0.1 + y * 0.01) + 2 * noise;
          }
          float f = Math.round(v * 64) / 64f;
          out.put((h & 127) == 0 ? Float.NaN : f); // ~0.8% gaps
        }
      }
    }
    return b;
  }

  private void coordinates(Store s, int format) {
    NdBuffer time = NdBuffer.allocate(DataType.INT64, new int[] {nt});
    ByteBuffer tb = ByteBuffer.wrap(time.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int t = 0; t < nt; t++) {
      tb.putLong(t);
    }
    ArrayWriter.create(s, "time", spec(format, DataType.INT64, List.of("time"), new long[] {nt}, new int[] {nt},
        F.objectNode()
        .put("standard_name", "time").put("units", "hours since 2024-01-01").put("calendar", "proleptic_gregorian"))
        .fill(format == 2 ? null : new byte[8])).write(new long[1], time);
    floats(s, format, "lat", nlat, this::lat, "degrees_north");
    floats(s, format, "lon", nlon, this::lon, "degrees_east");
  }

  private void floats(Store s, int format, String name, int n, java.util.function.IntToDoubleFunction f, String units) {
    NdBuffer b = NdBuffer.allocate(DataType.FLOAT32, new int[] {n});
    FloatBuffer fb = ByteBuffer.wrap(b.bytes()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    for (int i = 0; i < n; i++) {
      fb.put((float) f.applyAsDouble(i));
    }
    ArrayWriter.create(s, name, spec(format, DataType.FLOAT32, List.of(name), new long[] {n}, new int[] {n},
        F.objectNode().put("units", units).put("standard_name", name.equals("lat") ? "latitude" : "longitude")))
        .write(new long[1], b);
  }

  /** v2: Blosc lz4, clevel 5, byte shuffle. v3: shards of 2 chunks per axis, zstd level 3 inside. */
  private static ArraySpec spec(int format, DataType type, List<String> dims, long[] shape, int[] chunks,
      ObjectNode attrs) {
    int[] shard = new int[chunks.length];
    for (int i = 0; i < shard.length; i++) {
      shard[i] = (int) Math.min(2L * chunks[i], shape[i]);
    }
    ArraySpec s = ArraySpec.of(type, shape, format == 3 ? shard : chunks).zarrFormat(format)
        .dimensionNames(dims).attributes(attrs);
    if (format == 3) {
      s.codecs(CodecJson.list(CodecJson.sharding(chunks, CodecJson.list(CodecJson.bytes(true),
          CodecJson.zstd(3, false)), true)));
    } else {
      s.compressor(CodecJson.v2Blosc("lz4", 5, 1));
    }
    return s;
  }

  private static Store open(Path p) throws IOException {
    deleteTree(p);
    Files.createDirectories(p);
    return new LocalStore(p);
  }

  static void deleteTree(Path p) throws IOException {
    if (Files.exists(p)) {
      try (Stream<Path> walk = Files.walk(p)) {
        for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(q);
        }
      }
    }
  }

  /** Total bytes of the files under a directory (what a full read of the store fetches). */
  static long sizeOnDisk(Path p) throws IOException {
    try (Stream<Path> walk = Files.walk(p)) {
      return walk.filter(Files::isRegularFile).mapToLong(q -> q.toFile().length()).sum();
    }
  }

  private static long mix(long z) { // SplitMix64 finaliser
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
