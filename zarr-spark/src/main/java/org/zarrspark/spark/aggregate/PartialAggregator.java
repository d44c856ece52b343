package org.zarrspark.spark.aggregate;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.zarrspark.spark.model.ColumnSpec;
import org.zarrspark.spark.read.DecodedRun;
import org.zarrspark.spark.read.ZarrColumnarReader;

/**
 * Reads a partition's batches and returns its partial aggregates: one row per group. Each run
 * of a group's rows ({@link GroupRuns}) is folded by every aggregate in a tight loop: plain
 * floating-point variables straight from their decoded buffers, all of a column's aggregates in
 * one pass ({@link RunStats}); other columns through their column vectors ({@link VectorFolds}).
 */
public final class PartialAggregator implements PartitionReader<InternalRow> {
  private final ZarrColumnarReader batches;
  private final DataAggregates plan;
  /** Per column: the decoded run of the current batch (null for columns folded from vectors). */
  private final DecodedRun[] runs;
  /** Per column: its run's statistics, and whether they are those of the current run. */
  private final RunStats[] stats;
  private final boolean[] statsFresh;
  private Iterator<InternalRow> results;
  private InternalRow current;

  public PartialAggregator(ZarrColumnarReader batches, DataAggregates plan) {
    this.batches = batches;
    this.plan = plan;
    int n = plan.columns.size();
    boolean[] raw = new boolean[n];
    for (int i = plan.groupBy; i < n; i++) {
      ColumnSpec c = plan.columns.get(i);
      raw[i] = c.readsArray() && RunStats.supports(c.decoding, c.array.metadata().dataType());
    }
    this.runs = batches.decodedRuns(raw);
    this.stats = new RunStats[n];
    this.statsFresh = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (raw[i]) {
        boolean sum = false;
        boolean range = false;
        for (DataAggregates.Agg a : plan.aggs) {
          sum |= a.column == i && (a.kind == DataAggregates.Kind.SUM || a.kind == DataAggregates.Kind.AVG);
          range |= a.column == i && (a.kind == DataAggregates.Kind.MIN || a.kind == DataAggregates.Kind.MAX);
        }
        ColumnSpec c = plan.columns.get(i);
        stats[i] = new RunStats(c.decoding, c.array.metadata().dataType(), sum, range);
      }
    }
  }

  @Override
  public boolean next() throws java.io.IOException {
    if (results == null) {
      results = aggregate().iterator();
    }
    if (!results.hasNext()) {
      return false;
    }
    current = results.next();
    return true;
  }

  @Override
  public InternalRow get() {
    return current;
  }

  private List<InternalRow> aggregate() throws java.io.IOException {
    Map<GroupKey, Partials> groups = new LinkedHashMap<>();
    int g = plan.groupBy;
    while (batches.next()) {
      ColumnarBatch b = batches.get();
      int n = b.numRows();
      int start = 0;
      while (start < n) {
        int end = GroupRuns.end(b, g, start, n);
        GroupKey key = GroupKey.of(b, g, start);
        Partials p = groups.get(key);
        if (p == null) {
          p = new Partials(key.values(b, start), plan.aggs.size());
          groups.put(key, p);
        }
        fold(b, start, end, p);
        start = end;
      }
    }
    if (g == 0 && groups.isEmpty()) {
      groups.put(GroupKey.NONE, new Partials(new Object[0], plan.aggs.size())); // COUNT is 0, not NULL
    }
    return PartialRows.of(groups.values(), plan);
  }

  /** Folds rows [start, end) into every aggregate of a group. */
  private void fold(ColumnarBatch b, int start, int end, Partials p) {
    Arrays.fill(statsFresh, false);
    for (int k = 0; k < plan.aggs.size(); k++) {
      DataAggregates.Agg a = plan.aggs.get(k);
      if (a.kind == DataAggregates.Kind.COUNT_STAR) {
        p.l[k] += end - start;
        continue;
      }
      DecodedRun run = runs[a.column];
      if (run != null && run.inBuffer()) {
        p.merge(runStats(a.column, run, start, end), a.kind, k);
        continue;
      }
      ColumnVector v = b.column(a.column);
      switch (a.kind) {
        case COUNT:
          VectorFolds.count(v, start, end, b.numRows(), p, k);
          break;
        case SUM:
          VectorFolds.sum(v, start, end, p, k);
          break;
        case AVG:
          VectorFolds.sum(v, start, end, p, k);
          VectorFolds.count(v, start, end, b.numRows(), p, k);
          break;
        default:
          boolean max = a.kind == DataAggregates.Kind.MAX;
          if (a.type == DataTypes.FloatType || a.type == DataTypes.DoubleType) {
            VectorFolds.extremeDouble(v, start, end, p, k, max);
          } else {
            VectorFolds.extremeLong(v, start, end, p, k, max);
          }
      }
    }
  }

  /** The column's statistics over rows [start, end), folded once for all its aggregates. */
  private RunStats runStats(int column, DecodedRun run, int start, int end) {
    RunStats s = stats[column];
    if (!statsFresh[column]) {
      s.of(run, start, end);
      statsFresh[column] = true;
    }
    return s;
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return batches.currentMetricsValues();
  }

  @Override
  public void close() throws java.io.IOException {
    batches.close();
  }
}
