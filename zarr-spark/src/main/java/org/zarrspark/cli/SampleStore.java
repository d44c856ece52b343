package org.zarrspark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.core.write.CodecJson;
import org.zarrspark.core.write.GroupWriter;

/**
 * The built-in sample: an xarray-like climate tree written with zarr-core. CF time, lat
 * (descending) and lon coordinates; float32 fields with NaNs; a packed int16 field with
 * scale/offset/_FillValue; a 2-D land mask; a (time, level) profile; a nested ocean group;
 * consolidated metadata. v3 stores are sharded, v2 stores Blosc-compressed.
 */
public final class SampleStore {
  static final int NT = 48;
  static final int NLAT = 36;
  static final int NLON = 72;
  static final int NLEV = 4;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SampleStore() {}

  public static void write(Store store, int format) {
    ObjectNode rootAttrs = F.objectNode().put("title", "zarr-spark sample climate store")
        .put("Conventions", "CF-1.8").put("source", "synthetic, written by zarr-core");
    GroupWriter.create(store, "", format, rootAttrs);
    coordinates(store, "", format);
    float[] t2m = new float[NT * NLAT * NLON];
    float[] u10 = new float[t2m.length];
    short[] sp = new short[t2m.length];
    for (int t = 0; t < NT; t++) {
      for (int y = 0; y < NLAT; y++) {
        double lat = lat(y);
        for (int x = 0; x < NLON; x++) {
          int i = (t * NLAT + y) * NLON + x;
          double season = Math.cos(2 * Math.PI * (t % 24) / 24.0);
          t2m[i] = (float) (288 - 30 * Math.abs(Math.sin(Math.toRadians(lat))) + 5 * season * Math.signum(lat)
              + Math.sin(x * 0.3 + t * 0.1));
          u10[i] = (float) (8 * Math.sin(Math.toRadians(lat) * 3) + Math.cos(x * 0.2 - t * 0.05));
          sp[i] = (short) Math.round(((1013.25 + 10 * Math.sin(x * 0.1 + y * 0.2 + t * 0.3)) - 1000.0) / 0.01);
          if ((x * 7 + y * 3 + t) % 97 == 0) {
            t2m[i] = Float.NaN; // gaps, as real reanalyses have
            u10[i] = Float.NaN;
            sp[i] = -32767;
          }
        }
      }
    }
    List<String> tyx = Arrays.asList("time", "lat", "lon");
    int[] chunks = {12, 18, 36};
    floats(store, "t2m", format, tyx, new long[] {NT, NLAT, NLON}, chunks, t2m,
        F.objectNode().put("long_name", "2 metre temperature").put("units", "K").put("standard_name", "air_temperature"));
    floats(store, "u10", format, tyx, new long[] {NT, NLAT, NLON}, chunks, u10,
        F.objectNode().put("long_name", "10 metre U wind component").put("units", "m s-1"));
    ObjectNode spAttrs = F.objectNode().put("long_name", "surface pressure (packed int16)").put("units", "hPa")
        .put("scale_factor", 0.01).put("add_offset", 1000.0).put("_FillValue", -32767);
    write(store, "sp", spec(DataType.INT16, format, tyx, new long[] {NT, NLAT, NLON}, chunks, spAttrs)
        .fill(new byte[] {1, (byte) 0x80}), shorts(sp, new int[] {NT, NLAT, NLON}));
    byte[] lsm = new byte[NLAT * NLON];
    for (int y = 0; y < NLAT; y++) {
      for (int x = 0; x < NLON; x++) {
        lsm[y * NLON + x] = (byte) (Math.sin(x * 0.15) + Math.cos(y * 0.25) > 0.6 ? 1 : 0);
      }
    }
    write(store, "lsm", spec(DataType.INT8, format, Arrays.asList("lat", "lon"), new long[] {NLAT, NLON},
        new int[] {NLAT, NLON}, F.objectNode().put("long_name", "land-sea mask").put("flag_meanings", "sea land"))
        .fill(noFill(format, 1)), NdBuffer.wrap(DataType.INT8, new int[] {NLAT, NLON}, lsm));
    float[] co2 = new float[NT * NLEV];
    for (int i = 0; i < co2.length; i++) {
      co2[i] = (float) (410 + (i / NLEV) * 0.05 + (i % NLEV) * 0.5);
    }
    floats(store, "co2", format, Arrays.asList("time", "level"), new long[] {NT, NLEV}, new int[] {12, NLEV}, co2,
        F.objectNode().put("long_name", "CO2 profile").put("units", "ppm"));
    // A nested group, as DataTree writes: /ocean/surface uses the root's coordinates.
    GroupWriter.create(store, "ocean", format, F.objectNode().put("description", "ocean fields"));
    GroupWriter.create(store, "ocean/surface", format, null);
    float[] sst = new float[NT * NLAT * NLON];
    for (int i = 0; i < sst.length; i++) {
      int x = i % NLON;
      int y = (i / NLON) % NLAT;
      sst[i] = lsm[y * NLON + x] == 1 ? Float.NaN : t2m[i] + 1.5f;
    }
    floats(store, "ocean/surface/sst", format, tyx, new long[] {NT, NLAT, NLON}, chunks, sst,
        F.objectNode().put("long_name", "sea surface temperature").put("units", "K"));
    GroupWriter.consolidate(store);
  }

  /**
   * The fill value of integers that have no missing values: null in v2 (a v2 fill value is the
   * CF _FillValue for xarray), zero in v3 (where it is not).
   */
  private static byte[] noFill(int format, int size) {
    return format == 2 ? null : new byte[size];
  }

  static double lat(int y) {
    return 87.5 - 5 * y; // descending, as ERA5 stores latitude
  }

  private static void coordinates(Store store, String g, int format) {
    long[] hours = new long[NT];
    for (int t = 0; t < NT; t++) {
      hours[t] = t * 6L;
    }
    NdBuffer time = NdBuffer.allocate(DataType.INT64, new int[] {NT});
    ByteBuffer tb = ByteBuffer.wrap(time.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (long h : hours) {
      tb.putLong(h);
    }
    write(store, g + "time", spec(DataType.INT64, format, List.of("time"), new long[] {NT}, new int[] {NT},
        F.objectNode().put("standard_name", "time").put("units", "hours since 2024-01-01").put("calendar", "proleptic_gregorian"))
        .fill(noFill(format, 8)), time);
    float[] lat = new float[NLAT];
    for (int y = 0; y < NLAT; y++) {
      lat[y] = (float) lat(y);
    }
    floats(store, g + "lat", format, List.of("lat"), new long[] {NLAT}, new int[] {NLAT}, lat,
        F.objectNode().put("units", "degrees_north").put("standard_name", "latitude"));
    float[] lon = new float[NLON];
    for (int x = 0; x < NLON; x++) {
      lon[x] = 2.5f + 5 * x;
    }
    floats(store, g + "lon", format, List.of("lon"), new long[] {NLON}, new int[] {NLON}, lon,
        F.objectNode().put("units", "degrees_east").put("standard_name", "longitude"));
    NdBuffer level = NdBuffer.allocate(DataType.INT32, new int[] {NLEV});
    ByteBuffer lb = ByteBuffer.wrap(level.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int l = 0; l < NLEV; l++) {
      lb.putInt(1000 - 250 * l);
    }
    write(store, g + "level", spec(DataType.INT32, format, List.of("level"), new long[] {NLEV}, new int[] {NLEV},
        F.objectNode().put("units", "hPa").put("positive", "down")).fill(noFill(format, 4)), level);
  }

  private static void floats(Store store, String path, int format, List<String> dims, long[] shape, int[] chunks,
      float[] values, ObjectNode attrs) {
    NdBuffer b = NdBuffer.allocate(DataType.FLOAT32, toInt(shape));
    ByteBuffer.wrap(b.bytes()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
    write(store, path, spec(DataType.FLOAT32, format, dims, shape, chunks, attrs.put("_FillValue", "NaN")), b);
  }

  private static NdBuffer shorts(short[] v, int[] shape) {
    NdBuffer b = NdBuffer.allocate(DataType.INT16, shape);
    ByteBuffer.wrap(b.bytes()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(v);
    return b;
  }

  /** v3: shards of whole chunks with zstd inside; v2: Blosc lz4 with byte shuffle. */
  private static ArraySpec spec(DataType type, int format, List<String> dims, long[] shape, int[] chunks, ObjectNode attrs) {
    ArraySpec s = ArraySpec.of(type, shape, format == 3 ? shardShape(shape, chunks) : chunks)
        .zarrFormat(format).dimensionNames(dims).attributes(attrs);
    if (format == 3) {
      ArrayNode inner = CodecJson.list(CodecJson.bytes(true), CodecJson.zstd(3, false));
      s.codecs(CodecJson.list(CodecJson.sharding(chunks, inner, true)));
    } else {
      s.compressor(CodecJson.v2Blosc("lz4", 5, 1));
    }
    return s;
  }

  /** Shards of 2 chunks along the first axis (whole array on the others). */
  private static int[] shardShape(long[] shape, int[] chunks) {
    int[] s = chunks.clone();
    if (s.length > 0) {
      s[0] = chunks[0] * 2;
    }
    return s;
  }

  private static void write(Store store, String path, ArraySpec spec, NdBuffer data) {
    ArrayWriter.create(store, path, spec).write(new long[data.rank()], data);
  }

  private static int[] toInt(long[] v) {
    int[] o = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = (int) v[i];
    }
    return o;
  }
}
