package org.zarrspark.spark.scan;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * Small task results kept on the executor for Spark's second run of the same partition in the
 * same query: an ORDER BY's range exchange first runs its input once to sample the sort keys,
 * then again to shuffle it, so a sorted small query would read and decode its chunks twice. A
 * result is keyed by the scan's broadcast (one per executed plan, so never served to another
 * query or after a write) and the partition's box; only results read to their end are kept,
 * and only small ones (the oldest go first past {@link #MAX_ROWS} rows in all).
 */
final class TaskResults {
  /** Rows kept in all, and at most per result. */
  static final int MAX_ROWS = 1 << 16;
  static final int MAX_RESULT_ROWS = 1 << 12;

  private static final Map<List<Long>, List<InternalRow>> RESULTS = new LinkedHashMap<>(16, 0.75f, true);
  private static int rows;

  private TaskResults() {}

  /** The key of a partition of the scan whose broadcast is {@code broadcastId}. */
  static List<Long> key(long broadcastId, ZarrInputPartition p) {
    List<Long> k = new ArrayList<>(1 + 2 * p.origin.length);
    k.add(broadcastId);
    for (int d = 0; d < p.origin.length; d++) {
      k.add(p.origin[d]);
      k.add((long) p.shape[d]);
    }
    return k;
  }

  /** A reader of the kept result, else a new reader whose result is then kept if small. */
  static PartitionReader<InternalRow> reuse(List<Long> key, Supplier<PartitionReader<InternalRow>> reader) {
    List<InternalRow> kept = get(key);
    return kept == null ? new Keeping(key, reader.get()) : new Replay(kept.iterator());
  }

  private static synchronized List<InternalRow> get(List<Long> key) {
    return RESULTS.get(key);
  }

  private static synchronized void put(List<Long> key, List<InternalRow> result) {
    List<InternalRow> old = RESULTS.put(key, result);
    rows += result.size() - (old == null ? 0 : old.size());
    Iterator<List<InternalRow>> it = RESULTS.values().iterator();
    while (rows > MAX_ROWS && it.hasNext()) {
      rows -= it.next().size();
      it.remove();
    }
  }

  /** Reads through, copying rows until the result proves too large; keeps it when read to its end. */
  private static final class Keeping implements PartitionReader<InternalRow> {
    private final List<Long> key;
    private final PartitionReader<InternalRow> reader;
    private List<InternalRow> copies = new ArrayList<>();
    private InternalRow current;

    Keeping(List<Long> key, PartitionReader<InternalRow> reader) {
      this.key = key;
      this.reader = reader;
    }

    @Override
    public boolean next() throws java.io.IOException {
      if (!reader.next()) {
        if (copies != null) {
          put(key, copies);
          copies = null;
        }
        return false;
      }
      current = reader.get();
      if (copies != null) {
        if (copies.size() < MAX_RESULT_ROWS) {
          copies.add(current.copy());
        } else {
          copies = null;
        }
      }
      return true;
    }

    @Override
    public InternalRow get() {
      return current;
    }

    @Override
    public CustomTaskMetric[] currentMetricsValues() {
      return reader.currentMetricsValues();
    }

    @Override
    public void close() throws java.io.IOException {
      reader.close();
    }
  }

  /** The kept rows again; nothing is read, so no scan metrics. */
  private static final class Replay implements PartitionReader<InternalRow> {
    private final Iterator<InternalRow> rows;
    private InternalRow current;

    Replay(Iterator<InternalRow> rows) {
      this.rows = rows;
    }

    @Override
    public boolean next() {
      if (!rows.hasNext()) {
        return false;
      }
      current = rows.next().copy();
      return true;
    }

    @Override
    public InternalRow get() {
      return current;
    }

    @Override
    public void close() {}
  }
}
