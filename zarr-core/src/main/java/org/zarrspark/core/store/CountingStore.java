package org.zarrspark.core.store;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store decorator that counts read calls and bytes, for scan metrics and tests. Each read call
 * is one request to an HTTP store (retries aside) and one GET, or one HEAD, to an object store,
 * plus the existence check some filesystems make before a GET of unknown length.
 */
public final class CountingStore implements Store, ChunkPlanning {
  private final Store inner;
  public final AtomicLong gets;
  public final AtomicLong rangeGets;
  public final AtomicLong bytes;
  public final AtomicLong lists;
  /** Size and existence checks. */
  public final AtomicLong sizes;

  public CountingStore(Store inner) {
    this(inner, null);
  }

  /**
   * A store that counts into {@code tally}'s counters (its own when null): several stores read for
   * one task (a reference set's target files) give one count.
   */
  public CountingStore(Store inner, CountingStore tally) {
    this.inner = inner;
    this.gets = tally == null ? new AtomicLong() : tally.gets;
    this.rangeGets = tally == null ? new AtomicLong() : tally.rangeGets;
    this.bytes = tally == null ? new AtomicLong() : tally.bytes;
    this.lists = tally == null ? new AtomicLong() : tally.lists;
    this.sizes = tally == null ? new AtomicLong() : tally.sizes;
  }

  public void reset() {
    gets.set(0);
    rangeGets.set(0);
    bytes.set(0);
    lists.set(0);
    sizes.set(0);
  }

  /** Every read call: whole, ranged and suffix reads, size and existence checks, listings. */
  public long requests() {
    return gets.get() + rangeGets.get() + lists.get() + sizes.get();
  }

  private byte[] count(byte[] b) {
    if (b != null) {
      bytes.addAndGet(b.length);
    }
    return b;
  }

  @Override
  public String describe() {
    return inner.describe();
  }

  /** Passed on, so that counting does not hide a reference set's planning (adjacent ranges merged). */
  @Override
  public void plan(String arrayPath, long[] first, long[] last) {
    if (inner instanceof ChunkPlanning p) {
      p.plan(arrayPath, first, last);
    }
  }

  @Override
  public byte[] get(String key) {
    gets.incrementAndGet();
    return count(inner.get(key));
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    rangeGets.incrementAndGet();
    return count(inner.getRange(key, offset, length));
  }

  @Override
  public byte[] getSuffix(String key, int length) {
    rangeGets.incrementAndGet();
    return count(inner.getSuffix(key, length));
  }

  @Override
  public long size(String key) {
    sizes.incrementAndGet();
    return inner.size(key);
  }

  @Override
  public boolean exists(String key) {
    sizes.incrementAndGet();
    return inner.exists(key);
  }

  @Override
  public List<String> listChildren(String prefix) {
    lists.incrementAndGet();
    return inner.listChildren(prefix);
  }

  @Override
  public void put(String key, byte[] value) {
    inner.put(key, value);
  }

  @Override
  public void delete(String key) {
    inner.delete(key);
  }

  @Override
  public void deletePrefix(String prefix) {
    inner.deletePrefix(prefix);
  }
}
