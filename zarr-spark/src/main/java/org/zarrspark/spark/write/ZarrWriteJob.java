package org.zarrspark.spark.write;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.write.ArrayDocument;
import org.zarrspark.core.write.GroupWriter;
import org.zarrspark.core.write.WriteGrid;
import org.zarrspark.spark.ZarrOptions;
import org.zarrspark.spark.ZarrTables;
import org.zarrspark.spark.util.JavaSerialized;
import org.zarrspark.spark.util.StoreLocation;

/**
 * One write of a DataFrame as a Zarr dataset, run from the driver:
 *
 * <ol>
 *   <li>one pass over the input computes the coordinates (sorted distinct values of each
 *       dimension column) and the ranges that pick integer fill values;
 *   <li>rows, as Spark's binary rows, are placed on the grid and gathered, where they are, into
 *       parts of their chunks ({@link ChunkAssembler}); the parts go to the task owning their chunk,
 *       which merges them and writes whole chunks of every data variable ({@link ChunkTask}; same
 *       rows, same bytes: retries and speculative copies are harmless);
 *   <li>on success the driver writes the coordinates, then every array's metadata, then the
 *       group's metadata and the consolidated metadata, last.
 * </ol>
 *
 * A new dataset is invisible until its root metadata exists; a failed one is deleted. An
 * overwrite is written beside the old dataset, so a failed job leaves the old dataset; it is
 * swapped in by two renames on HDFS and local disks (each atomic), and on object stores (where a
 * rename copies) by deleting the old dataset, root metadata first, then moving the new arrays in
 * and the new root metadata last. A failed
 * append deletes the chunks it added beyond the old shape; the old metadata still describes the
 * old data.
 */
public final class ZarrWriteJob {
  private static final Logger LOG = LoggerFactory.getLogger(ZarrWriteJob.class);

  /** What to do with an existing dataset: Spark's save modes. */
  public enum Mode { ERROR_IF_EXISTS, IGNORE, OVERWRITE, APPEND }

  private ZarrWriteJob() {}

  public static void run(Dataset<Row> data, String uri, Map<String, String> options, Mode mode) {
    if (uri == null || uri.isEmpty()) {
      throw new IllegalArgumentException("no path given: use save(path) or the 'path' option");
    }
    WriteOptions o = new WriteOptions(options);
    Configuration conf = ZarrTables.hadoopConf(new ZarrOptions(options));
    StoreLocation target = new StoreLocation(uri, conf);
    boolean exists = DatasetFiles.isZarr(target);
    if (!exists && DatasetFiles.hasContent(target)) {
      throw new IllegalStateException("cannot write a Zarr dataset at " + uri + ": something else is there");
    }
    switch (mode) {
      case ERROR_IF_EXISTS:
        if (exists) {
          throw new IllegalStateException("a Zarr dataset already exists at " + uri
              + " (use mode overwrite to replace it, or append to add steps)");
        }
        create(data, o, target);
        return;
      case IGNORE:
        if (!exists) {
          create(data, o, target);
        }
        return;
      case APPEND:
        if (exists) {
          append(data, o, target);
        } else {
          create(data, o, target);
        }
        return;
      default:
        if (exists) {
          overwrite(data, keepingLayout(options, target), target, conf);
        } else {
          create(data, o, target);
        }
    }
  }

  /**
   * Options for replacing an existing dataset: the dimensions and format not given are the
   * existing dataset's (SQL INSERT OVERWRITE has no way to give them).
   */
  private static WriteOptions keepingLayout(Map<String, String> options, StoreLocation target) {
    CaseInsensitiveStringMap given = new CaseInsensitiveStringMap(options);
    WriteOptions o = new WriteOptions(given);
    boolean dims = given.containsKey(WriteOptions.DIMENSIONS);
    boolean format = given.containsKey(WriteOptions.ZARR_FORMAT);
    if (dims && format) {
      return o;
    }
    Hierarchy h = Hierarchy.open(target.open());
    return new WriteOptions(dims ? o.dimensions() : AppendPlanner.dimensions(h),
        format ? o.zarrFormat() : h.zarrFormat(), o.chunks(), o.shards(), o.codec(), o.level(), o.appendDim());
  }

  /** A new dataset at a free location; deleted again when anything fails. */
  private static void create(Dataset<Row> data, WriteOptions o, StoreLocation target) {
    try {
      InputStats stats = InputStats.compute(data, NewDatasetPlanner.dimensions(data.schema(), o));
      WritePlan plan = NewDatasetPlanner.plan(data.schema(), o, stats, target);
      runTasks(data, plan);
      commit(plan);
    } catch (Throwable e) { // Spark's job failures are checked SparkExceptions thrown from Scala
      abortNew(target, e);
      throw sneaky(e);
    }
  }

  private static void abortNew(StoreLocation target, Throwable cause) {
    try {
      DatasetFiles.delete(target.uri(), target.conf());
    } catch (RuntimeException d) {
      cause.addSuppressed(d);
    }
  }

  /** Writes the new dataset beside the old one, then swaps them. */
  private static void overwrite(Dataset<Row> data, WriteOptions o, StoreLocation target, Configuration conf) {
    String id = UUID.randomUUID().toString();
    String staging = DatasetFiles.sibling(target.uri(), "writing-" + id);
    String old = DatasetFiles.sibling(target.uri(), "replaced-" + id);
    // The input may read the old dataset, so it stays in place until the new one is complete.
    create(data, o, new StoreLocation(staging, conf));
    if (!DatasetFiles.atomicRename(target.uri(), conf)) {
      // Renaming a folder copies it object by object: the old dataset would be half gone while
      // its metadata still describes it, and the new one visible before its chunks arrive.
      DatasetFiles.replaceByMoves(staging, target.uri(), conf);
      return;
    }
    DatasetFiles.rename(target.uri(), old, conf);
    try {
      DatasetFiles.rename(staging, target.uri(), conf);
    } catch (RuntimeException e) {
      DatasetFiles.rename(old, target.uri(), conf);
      DatasetFiles.delete(staging, conf);
      throw e;
    }
    DatasetFiles.delete(old, conf);
  }

  private static void append(Dataset<Row> data, WriteOptions o, StoreLocation target) {
    Hierarchy h = Hierarchy.open(target.open());
    java.util.List<String> dims = AppendPlanner.dimensions(h);
    InputStats stats = InputStats.compute(data, dims);
    WritePlan plan = AppendPlanner.plan(data.schema(), o, stats, h, target);
    try {
      runTasks(data, plan);
      commit(plan);
    } catch (Throwable e) {
      try {
        removeAppended(plan);
      } catch (RuntimeException d) {
        e.addSuppressed(d);
      }
      throw sneaky(e);
    }
  }

  /** Deletes the chunks wholly beyond the old shape (computed, never listed). */
  private static void removeAppended(WritePlan plan) {
    WriteGrid g = plan.layout().grid;
    Store store = plan.layout().location.open();
    for (ArrayDocument d : plan.layout().varDocs) {
      org.zarrspark.core.read.ZarrArray a = d.writer(store).array();
      for (long id = 0; id < g.chunkCount(); id++) {
        if (g.isWhollyNew(id)) {
          store.delete(a.chunkKey(g.chunkCoords(id)));
        }
      }
    }
  }

  private static void runTasks(Dataset<Row> data, WritePlan plan) {
    SparkSession spark = data.sparkSession();
    SparkContext sc = spark.sparkContext();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    // Wrapped: the broadcast survives whatever spark.serializer a cluster sets (Kryo).
    Broadcast<JavaSerialized<DatasetLayout>> layout = jsc.broadcast(new JavaSerialized<>(plan.layout()));
    String tag = "zarr-write-" + UUID.randomUUID();
    sc.addJobTag(tag);
    try {
      long chunks = plan.layout().grid.regionChunks();
      int partitions = (int) Math.max(1, Math.min(chunks, spark.sessionState().conf().numShufflePartitions()));
      // Spark's binary rows, read with primitive getters (no Row objects): parts of chunks are
      // gathered where the rows are, then shuffled to the chunks' owners, merged and written.
      data.queryExecution().toRdd().toJavaRDD()
          .mapPartitionsToPair(new ChunkAssembler(layout))
          .repartitionAndSortWithinPartitions(new ChunkPartitioner(partitions))
          .foreachPartition(new ChunkTask(layout));
    } catch (Throwable e) {
      // A failed job may still have tasks running (Spark kills them asynchronously): wait for
      // them, so that the clean-up that follows is not undone by a late chunk.
      sc.cancelJobsWithTag(tag);
      awaitTasks(sc, tag);
      throw sneaky(e);
    } finally {
      sc.removeJobTag(tag);
      layout.destroy();
    }
  }

  private static void awaitTasks(SparkContext sc, String tag) {
    // The status tracker learns of tasks through the listener bus, which lags: let it catch up
    // first, or a task still writing can look finished (or not yet started).
    try {
      sc.listenerBus().waitUntilEmpty(TimeUnit.SECONDS.toMillis(30));
    } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
      LOG.warn("Spark's listener bus did not drain; relying on the task status as it is", e);
    }
    SparkStatusTracker st = sc.statusTracker();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      int active = 0;
      for (int job : st.getJobIdsForTag(tag)) {
        scala.Option<SparkJobInfo> info = st.getJobInfo(job);
        if (info.isDefined()) {
          for (int stage : info.get().stageIds()) {
            scala.Option<SparkStageInfo> si = st.getStageInfo(stage);
            active += si.isDefined() ? si.get().numActiveTasks() : 0;
          }
        }
      }
      if (active == 0) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    LOG.warn("write tasks of {} still running after 120 s; cleaning up anyway", tag);
  }

  /** Rethrows any throwable unchanged (Scala code throws checked exceptions undeclared). */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  /** Coordinates, then arrays' metadata, then the group and consolidated metadata, last. */
  private static void commit(WritePlan plan) {
    Store store = plan.layout().location.open();
    for (int i = 0; i < plan.coordDocs().size(); i++) {
      long[] origin = {plan.coordOrigin()};
      if (plan.coordValues().get(i).size() > 0) {
        plan.coordDocs().get(i).writer(store).write(origin, plan.coordValues().get(i));
      }
    }
    for (ArrayDocument d : plan.coordDocs()) {
      d.writeMetadata(store);
    }
    for (ArrayDocument d : plan.layout().varDocs) {
      d.writeMetadata(store);
    }
    if (!plan.append()) {
      GroupWriter.create(store, "", plan.zarrFormat(), null);
    }
    GroupWriter.consolidate(store);
    LOG.info("wrote Zarr dataset {}", plan.layout().location.uri());
  }
}
