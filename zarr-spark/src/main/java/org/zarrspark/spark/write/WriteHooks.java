package org.zarrspark.spark.write;

import java.util.function.LongConsumer;

/**
 * A test seam: called by a task after each chunk it writes (with the chunk's number). Tests set
 * it to fail a task mid-write; it is null otherwise. Only effective where tasks run in the
 * driver's JVM (local mode).
 */
public final class WriteHooks {
  public static volatile LongConsumer afterChunk;

  private WriteHooks() {}
}
