package org.zarrspark.spark.write;

import java.util.function.LongConsumer;

/**
 * Test seams: {@code afterChunk} is called by a task after each chunk it writes (with the chunk's
 * number), set by tests to fail a task mid-write; {@code partBudget} makes map tasks emit their
 * chunk parts early (many small, sparse parts). Both are null otherwise, and only effective where
 * tasks run in the driver's JVM (local mode).
 */
public final class WriteHooks {
  public static volatile LongConsumer afterChunk;
  /** Overrides the bytes of chunk parts a map task holds before emitting them (null: the default). */
  public static volatile Long partBudget;

  private WriteHooks() {}
}
