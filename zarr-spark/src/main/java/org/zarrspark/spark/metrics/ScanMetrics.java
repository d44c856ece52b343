package org.zarrspark.spark.metrics;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/** The scan's metrics in the Spark UI: one public class per metric, summed over tasks. */
public final class ScanMetrics {
  public static final String CHUNKS_READ = "chunksRead";
  public static final String CHUNKS_SKIPPED = "chunksSkipped";
  public static final String BYTES_FETCHED = "bytesFetched";
  public static final String STORE_REQUESTS = "storeRequests";
  public static final String DECODE_TIME = "decodeTimeMs";
  public static final String CORRUPT_CHUNKS = "corruptChunks";

  private ScanMetrics() {}

  public static CustomMetric[] all() {
    return new CustomMetric[] {new ChunksRead(), new ChunksSkipped(), new BytesFetched(), new StoreRequests(),
        new DecodeTime(), new CorruptChunks()};
  }

  public static CustomTaskMetric[] taskValues(long chunks, long bytes, long requests, long decodeMs, long corrupt) {
    return new CustomTaskMetric[] {value(CHUNKS_READ, chunks), value(BYTES_FETCHED, bytes),
        value(STORE_REQUESTS, requests), value(DECODE_TIME, decodeMs), value(CORRUPT_CHUNKS, corrupt)};
  }

  public static CustomTaskMetric value(String name, long v) {
    return new CustomTaskMetric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long value() {
        return v;
      }
    };
  }

  /** Chunks (inner chunks, for sharded arrays) fetched and decoded, over every column. */
  public static final class ChunksRead extends CustomSumMetric {
    @Override
    public String name() {
      return CHUNKS_READ;
    }

    @Override
    public String description() {
      return "zarr chunks read";
    }
  }

  /**
   * Chunks that predicate pushdown left out of the plan: EXPLAIN's TOTAL - PLANNED (chunks of
   * the finest variable read, see ZarrScan).
   */
  public static final class ChunksSkipped extends CustomSumMetric {
    @Override
    public String name() {
      return CHUNKS_SKIPPED;
    }

    @Override
    public String description() {
      return "zarr chunks skipped by pushdown";
    }
  }

  /** Chunks that could not be read in PERMISSIVE mode; their rows are NULL. */
  public static final class CorruptChunks extends CustomSumMetric {
    @Override
    public String name() {
      return CORRUPT_CHUNKS;
    }

    @Override
    public String description() {
      return "zarr corrupt chunks (rows NULL)";
    }
  }

  public static final class BytesFetched extends CustomSumMetric {
    @Override
    public String name() {
      return BYTES_FETCHED;
    }

    @Override
    public String description() {
      return "zarr bytes fetched";
    }
  }

  /**
   * Read calls made to the store by the tasks (whole, ranged and suffix reads, size checks): one
   * request each over HTTP, one GET or HEAD each on an object store. Retries and a filesystem's
   * own existence checks are not included.
   */
  public static final class StoreRequests extends CustomSumMetric {
    @Override
    public String name() {
      return STORE_REQUESTS;
    }

    @Override
    public String description() {
      return "zarr store requests";
    }
  }

  public static final class DecodeTime extends CustomSumMetric {
    @Override
    public String name() {
      return DECODE_TIME;
    }

    @Override
    public String description() {
      return "zarr fetch and decode time (ms)";
    }
  }
}
