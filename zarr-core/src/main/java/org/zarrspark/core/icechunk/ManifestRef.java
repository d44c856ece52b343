package org.zarrspark.core.icechunk;

import java.util.Arrays;

/**
 * A pointer from an array node to one manifest, with the region of the array's chunk grid that the
 * manifest covers: per dimension, chunk indexes {@code from} (inclusive) to {@code to} (exclusive).
 * An array's manifest refs never overlap, so a chunk is in at most one of them.
 */
public record ManifestRef(ObjectId manifestId, long[] from, long[] to) {
  public int rank() {
    return from.length;
  }

  /** True when the chunk at grid coordinates {@code chunk} lies in this manifest's extents. */
  public boolean contains(long[] chunk) {
    if (chunk.length != from.length) {
      return false;
    }
    for (int d = 0; d < chunk.length; d++) {
      if (chunk[d] < from[d] || chunk[d] >= to[d]) {
        return false;
      }
    }
    return true;
  }

  /** True when the chunk box [lo, hi) (grid coordinates, hi exclusive) meets these extents. */
  public boolean intersects(long[] lo, long[] hi) {
    if (lo.length != from.length) {
      return false;
    }
    for (int d = 0; d < lo.length; d++) {
      if (hi[d] <= from[d] || lo[d] >= to[d]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManifestRef m && manifestId.equals(m.manifestId) && Arrays.equals(from, m.from)
        && Arrays.equals(to, m.to);
  }

  @Override
  public int hashCode() {
    return manifestId.hashCode() * 31 + Arrays.hashCode(from);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ManifestRef[").append(manifestId).append(' ');
    for (int d = 0; d < from.length; d++) {
      sb.append(d == 0 ? "" : ", ").append(from[d]).append("..").append(to[d]);
    }
    return sb.append(']').toString();
  }
}
