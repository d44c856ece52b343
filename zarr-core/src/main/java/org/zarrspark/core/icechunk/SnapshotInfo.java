package org.zarrspark.core.icechunk;

import java.time.Instant;
import java.util.Map;

/**
 * A snapshot as the history knows it: id, parent id (null for the first snapshot), the instant it
 * was flushed (microsecond precision, UTC), commit message and snapshot metadata.
 */
public record SnapshotInfo(ObjectId id, ObjectId parentId, Instant flushedAt, String message,
    Map<String, Object> metadata) {
  public SnapshotInfo {
    metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
  }

  /** Non-leap microseconds since the Unix epoch, as Icechunk stores times. */
  static Instant micros(long us) {
    return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
  }
}
