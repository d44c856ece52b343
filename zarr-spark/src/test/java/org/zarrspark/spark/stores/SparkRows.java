package org.zarrspark.spark.stores;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Query results in a comparable form: each row as its string, in a stable order. */
final class SparkRows {
  private SparkRows() {}

  static List<String> sorted(Dataset<Row> df) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }
}
