package org.zarrspark.spark;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Rows the write tests write, and the table a reader must return for them. */
public final class WriteSamples {
  private WriteSamples() {}

  public static final StructType SCHEMA = new StructType()
      .add("time", DataTypes.TimestampType)
      .add("lat", DataTypes.FloatType)
      .add("lon", DataTypes.DoubleType)
      .add("t2m", DataTypes.FloatType)
      .add("count", DataTypes.IntegerType)
      .add("name", DataTypes.StringType);

  public static final long HOUR = 3_600_000L;
  public static final long T0 = 1_622_505_600_000L; // 2021-06-01T00:00:00Z

  /** A 4 x 3 x 5 grid starting at hour {@code firstHour}; some points missing, some values NULL. */
  public static List<Row> rows(int firstHour, int hours) {
    List<Row> out = new ArrayList<>();
    for (int t = firstHour; t < firstHour + hours; t++) {
      for (int la = 0; la < 3; la++) {
        for (int lo = 0; lo < 5; lo++) {
          if ((t + la + lo) % 7 == 3) {
            continue; // a missing grid point
          }
          Float t2m = (t * 15 + la * 5 + lo) % 5 == 0 ? null : 250f + t + la * 0.5f + lo * 0.25f;
          Integer count = (t + lo) % 4 == 0 ? null : t * 100 + la * 10 + lo;
          out.add(RowFactory.create(new Timestamp(T0 + t * HOUR), 60f - la * 10, lo * 1.5, t2m, count, "p" + la + lo));
        }
      }
    }
    return out;
  }

  /** The table a reader must return: every grid point, NULL where no row or a NULL. */
  public static TreeSet<String> expected(List<Row> rows, int hours) {
    TreeSet<String> out = new TreeSet<>();
    java.util.Map<String, Row> byPoint = new java.util.HashMap<>();
    for (Row r : rows) {
      byPoint.put(r.get(0) + "|" + r.get(1) + "|" + r.get(2), r);
    }
    for (int t = 0; t < hours; t++) {
      for (int la = 0; la < 3; la++) {
        for (int lo = 0; lo < 5; lo++) {
          Timestamp ts = new Timestamp(T0 + t * HOUR);
          String k = ts + "|" + (60f - la * 10) + "|" + (lo * 1.5);
          Row r = byPoint.get(k);
          out.add(k + "|" + (r == null ? null : r.get(3)) + "|" + (r == null ? null : r.get(4)) + "|"
              + (r == null || r.get(5) == null ? "" : r.get(5)));
        }
      }
    }
    return out;
  }

  public static TreeSet<String> actual(Dataset<Row> read) {
    TreeSet<String> out = new TreeSet<>();
    for (Row r : read.select("time", "lat", "lon", "t2m", "count", "name").collectAsList()) {
      out.add(r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3) + "|" + r.get(4) + "|" + r.get(5));
    }
    return out;
  }
}
