package org.zarrspark.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.zarrspark.spark.metrics.ScanMetrics;
import org.zarrspark.spark.scan.ZarrScan;

/**
 * What a finished query read: planned and total chunks (EXPLAIN's chunks=, summed over the zarr
 * scans), chunks decoded, bytes fetched.
 */
final class QueryStats {
  long planned;
  long total;
  long decoded;
  long bytes;

  static QueryStats of(Dataset<Row> df) {
    QueryStats s = new QueryStats();
    List<BatchScanExec> scans = new ArrayList<>();
    collect(df.queryExecution().executedPlan(), scans);
    for (BatchScanExec b : scans) {
      if (b.scan() instanceof ZarrScan) {
        ZarrScan z = (ZarrScan) b.scan();
        s.planned += z.plannedChunks();
        s.total += z.totalChunks();
        s.decoded += value(b, ScanMetrics.CHUNKS_READ);
        s.bytes += value(b, ScanMetrics.BYTES_FETCHED);
      }
    }
    return s;
  }

  private static long value(BatchScanExec b, String name) {
    scala.Option<SQLMetric> m = b.metrics().get(name);
    return m.isDefined() ? m.get().value() : 0;
  }

  private static void collect(SparkPlan p, List<BatchScanExec> out) {
    if (p instanceof AdaptiveSparkPlanExec) {
      collect(((AdaptiveSparkPlanExec) p).executedPlan(), out);
      return;
    }
    if (p instanceof QueryStageExec) {
      collect(((QueryStageExec) p).plan(), out);
      return;
    }
    if (p instanceof BatchScanExec) {
      out.add((BatchScanExec) p);
    }
    scala.collection.Iterator<SparkPlan> it = p.children().iterator();
    while (it.hasNext()) {
      collect(it.next(), out);
    }
    scala.collection.Iterator<SparkPlan> sub = p.subqueries().iterator();
    while (sub.hasNext()) {
      collect(sub.next(), out);
    }
  }

  @Override
  public String toString() {
    return "chunks=" + planned + "/" + total + " planned, " + decoded + " chunks decoded, " + bytes + " bytes fetched";
  }
}
