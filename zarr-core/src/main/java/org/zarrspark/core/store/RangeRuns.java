package org.zarrspark.core.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chunks that are byte ranges of larger files (Icechunk virtual chunks, reference sets), planned
 * before they are read: ranges that follow each other in one target are read as one run (at most
 * 16 MiB), the first chunk of a run to be asked fetching it and its neighbours then served from it.
 */
public final class RangeRuns {
  /** Most bytes one merged read fetches. */
  public static final long MAX_RUN_BYTES = 16L << 20;

  /**
   * A planned chunk: its store key, target, range, and what the target must still be (an etag or
   * time; ranges with different checks never share a read).
   */
  public record Range(String key, String target, long offset, long length, Object check) {}

  /** Reads {@code length} bytes at {@code offset} of a target, for {@code key}. */
  public interface Reader {
    byte[] read(String target, long offset, int length, Object check, String key);
  }

  private record Run(String target, long offset, long length, Object check, List<String> keys, List<Long> lengths) {}

  private final Map<String, Run> runs = new ConcurrentHashMap<>();
  private final Map<String, byte[]> prefetched = new ConcurrentHashMap<>();

  /** Groups planned ranges into runs; a range alone is left to be read by itself. */
  public void plan(List<Range> ranges) {
    Map<String, List<Range>> byTarget = new HashMap<>();
    for (Range r : ranges) {
      byTarget.computeIfAbsent(r.target(), k -> new ArrayList<>()).add(r);
    }
    for (List<Range> rs : byTarget.values()) {
      rs.sort(Comparator.comparingLong(Range::offset));
      int i = 0;
      while (i < rs.size()) {
        Range start = rs.get(i);
        long end = start.offset();
        int j = i;
        while (j < rs.size() && rs.get(j).offset() == end && end + rs.get(j).length() - start.offset() <= MAX_RUN_BYTES
            && Objects.equals(rs.get(j).check(), start.check())) {
          end += rs.get(j).length();
          j++;
        }
        if (j - i > 1) {
          List<String> keys = new ArrayList<>();
          List<Long> lengths = new ArrayList<>();
          for (Range r : rs.subList(i, j)) {
            keys.add(r.key());
            lengths.add(r.length());
          }
          Run run = new Run(start.target(), start.offset(), end - start.offset(), start.check(), keys, lengths);
          keys.forEach(k -> runs.put(k, run));
        }
        i = Math.max(j, i + 1);
      }
    }
  }

  /**
   * A planned chunk's bytes (reading its whole run the first time one of it is asked), or null:
   * not planned, or its run could not be read (then the caller reads the chunk alone).
   */
  public byte[] take(String key, Reader reader) {
    byte[] done = prefetched.remove(key);
    if (done != null) {
      return done;
    }
    Run run = runs.remove(key);
    if (run == null) {
      return null;
    }
    byte[] all;
    try {
      all = reader.read(run.target(), run.offset(), (int) run.length(), run.check(), key);
    } catch (RuntimeException e) {
      // The run failed as a whole (e.g. its last range runs past the end of the file): its chunks
      // are read one by one instead, so that each error names its own chunk and the sound ones read.
      run.keys().forEach(runs::remove);
      return null;
    }
    byte[] mine = null;
    int at = 0;
    for (int i = 0; i < run.keys().size(); i++) {
      int n = (int) (long) run.lengths().get(i);
      byte[] part = Arrays.copyOfRange(all, at, at + n);
      at += n;
      if (run.keys().get(i).equals(key)) {
        mine = part;
      } else if (runs.remove(run.keys().get(i)) != null) {
        prefetched.put(run.keys().get(i), part);
      }
    }
    return mine;
  }
}
