package org.zarrspark.core.read;

/** What a box read does with a chunk that cannot be fetched or decoded. */
public enum FailurePolicy {
  /** Throw the chunk's error (with store and key): the read fails. */
  FAIL_FAST,
  /** Leave the chunk's elements unset, flag them in the result's mask and keep reading. */
  MARK_UNREADABLE
}
