package org.zarrspark.bench;

import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The DataFrame the write benchmark writes: the first {@link #hours} of the dataset (columns time,
 * lat, lon, t2m, u10) read from the Zarr v2 store, cached and materialised so that no run pays for
 * reading it. The reference case is 72 hours of a 1° store, 4.7 M rows; here the hours are
 * chosen on the bench's own grid so that there are about 4.7 M x scale rows (at least one hour).
 */
final class WriteInput {
  static final long REFERENCE_ROWS = 4_700_000L;
  static final String COLUMNS = "time, lat, lon, t2m, u10";

  /** What a store must read back as to hold the same data: rows, non-missing t2m and their sum. */
  record Checksum(long rows, long values, double sum) {
    static Checksum of(Dataset<Row> df) {
      // The reader gives NaN as NULL; a NaN left anywhere would make the sum NaN, so both are skipped.
      Row r = df.selectExpr("count(*)", "count(CASE WHEN isnan(t2m) THEN NULL ELSE t2m END)",
          "sum(CASE WHEN isnan(t2m) THEN NULL ELSE CAST(t2m AS DOUBLE) END)").first();
      return new Checksum(r.getLong(0), r.getLong(1), r.isNullAt(2) ? 0 : r.getDouble(2));
    }

    /** Same counts, sums equal but for the order of additions. */
    boolean matches(Checksum o) {
      return rows == o.rows && values == o.values && Math.abs(sum - o.sum) <= 1e-9 * Math.max(1, Math.abs(sum));
    }
  }

  final int hours;
  final Dataset<Row> df;
  final long rows;
  final int partitions;
  final Checksum checksum;

  WriteInput(SparkSession spark, Era5Dataset data, double scale) {
    this.hours = hours(data, scale);
    String end = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * hours).toString();
    this.df = spark.read().format("zarr").load(data.v2.toString())
        .where("time < TIMESTAMP '" + end.replace('T', ' ').replace("Z", "") + "'")
        .selectExpr(COLUMNS.split(", "))
        .persist(StorageLevel.MEMORY_ONLY());
    this.rows = df.count(); // materialises the cache: the timed writes start from memory
    this.partitions = df.rdd().getNumPartitions();
    this.checksum = Checksum.of(df);
    if (rows != (long) hours * data.nlat * data.nlon || checksum.rows() != rows) {
      throw new IllegalStateException("write input has " + rows + " rows, expected " + hours + " x " + data.nlat
          + " x " + data.nlon);
    }
  }

  static int hours(Era5Dataset data, double scale) {
    long perHour = (long) data.nlat * data.nlon;
    return (int) Math.max(1, Math.min(data.nt, Math.round(REFERENCE_ROWS * scale / perHour)));
  }

  /** The read bench's chunks, the time axis cut to the hours written. */
  int[] chunks(Era5Dataset data) {
    return new int[] {Math.min(data.chunks[0], hours), data.chunks[1], data.chunks[2]};
  }

  /** Shards of 2 chunks per axis, as the read bench's v3 store, but never more chunks than the axis needs. */
  int[] shards(Era5Dataset data) {
    int[] c = chunks(data);
    long[] shape = {hours, data.nlat, data.nlon};
    int[] s = new int[3];
    for (int i = 0; i < 3; i++) {
      s[i] = c[i] * (int) Math.min(2, (shape[i] + c[i] - 1) / c[i]);
    }
    return s;
  }

  void release() {
    df.unpersist(true);
  }
}
