package org.zarrspark.examples;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.LocalStore;

/**
 * The sample store's arrays read with zarr-core, and the examples' results computed from them
 * by hand: the expected values of the tests, independent of Spark and of the connector.
 */
final class SampleArrays {
  final int nt;
  final int nlat;
  final int nlon;
  final Instant[] time;
  final float[] lat;
  final float[] lon;
  final int[] level;
  final float[] t2m;
  final float[] u10;
  final short[] sp;
  final byte[] lsm;
  final float[] co2;
  final float[] sst;
  private final double spScale;
  private final double spOffset;
  private final short spFill;

  SampleArrays(Path storePath) {
    Hierarchy h = Hierarchy.open(new LocalStore(storePath));
    NdBuffer t = h.array("time").readAll();
    // "hours since 2024-01-01" (CF), the only unit the sample uses.
    String units = h.attributes("time").get("units").asText();
    if (!units.startsWith("hours since ")) {
      throw new IllegalStateException("unexpected time units " + units);
    }
    Instant epoch = LocalDate.parse(units.substring("hours since ".length())).atStartOfDay(ZoneOffset.UTC).toInstant();
    nt = t.size();
    time = new Instant[nt];
    for (int i = 0; i < nt; i++) {
      time[i] = epoch.plus(t.getLong(i), ChronoUnit.HOURS);
    }
    lat = floats(h.array("lat").readAll());
    lon = floats(h.array("lon").readAll());
    nlat = lat.length;
    nlon = lon.length;
    NdBuffer lev = h.array("level").readAll();
    level = new int[lev.size()];
    for (int i = 0; i < level.length; i++) {
      level[i] = lev.getInt(i);
    }
    t2m = floats(h.array("t2m").readAll());
    u10 = floats(h.array("u10").readAll());
    sst = floats(h.array("ocean/surface/sst").readAll());
    co2 = floats(h.array("co2").readAll());
    NdBuffer p = h.array("sp").readAll();
    sp = new short[p.size()];
    for (int i = 0; i < sp.length; i++) {
      sp[i] = p.getShort(i);
    }
    NdBuffer m = h.array("lsm").readAll();
    lsm = new byte[m.size()];
    for (int i = 0; i < lsm.length; i++) {
      lsm[i] = m.getByte(i);
    }
    var a = h.attributes("sp");
    spScale = a.get("scale_factor").asDouble();
    spOffset = a.get("add_offset").asDouble();
    spFill = (short) a.get("_FillValue").asInt();
  }

  private static float[] floats(NdBuffer b) {
    float[] v = new float[b.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getFloat(i);
    }
    return v;
  }

  /** Flat index of (time, lat, lon) in C order. */
  int at(int t, int y, int x) {
    return (t * nlat + y) * nlon + x;
  }

  /** sp as CF decodes it: NULL for the fill value, else raw * scale_factor + add_offset. */
  Double spDecoded(int i) {
    return sp[i] == spFill ? null : sp[i] * spScale + spOffset;
  }

  /** The index of a coordinate value, or -1. */
  static int indexOf(float[] coord, double value) {
    for (int i = 0; i < coord.length; i++) {
      if (coord[i] == value) {
        return i;
      }
    }
    return -1;
  }

  boolean inEurope(int y, int x) {
    return lat[y] >= 35 && lat[y] <= 70 && lon[x] >= 0 && lon[x] <= 40;
  }

  LocalDate day(int t) {
    return LocalDate.ofInstant(time[t], ZoneOffset.UTC);
  }

  /** Mean and count of the non-NaN t2m (K) over Europe on one day. */
  double[] europeDay(LocalDate day) {
    double sum = 0;
    long n = 0;
    for (int t = 0; t < nt; t++) {
      if (!day(t).equals(day)) {
        continue;
      }
      for (int y = 0; y < nlat; y++) {
        for (int x = 0; x < nlon; x++) {
          float v = t2m[at(t, y, x)];
          if (inEurope(y, x) && !Float.isNaN(v)) {
            sum += v;
            n++;
          }
        }
      }
    }
    return new double[] {sum / n, n};
  }

  /** The distinct days of the time axis, in order. */
  LocalDate[] days() {
    return java.util.stream.IntStream.range(0, nt).mapToObj(this::day).distinct().toArray(LocalDate[]::new);
  }

  /** Mean of co2 over time at one level index. */
  double co2Mean(int l) {
    double sum = 0;
    for (int t = 0; t < nt; t++) {
      sum += co2[t * level.length + l];
    }
    return sum / nt;
  }
}
