package org.zarrspark.core.codec;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Arrays for decoded chunks that one reader recycles. A chunk decoded into a recycled array skips
 * the JVM's zeroing of a fresh one (a fifth of a Blosc decode's time) and makes no garbage. Only
 * arrays handed out here come back, and only the last few handed out are remembered, so an array
 * a caller keeps is never reused; a reader gives one back once nothing reads that chunk any more.
 * Not thread-safe: one per reader.
 */
public final class DecodeBuffers {
  /** Arrays kept free, and handed-out arrays remembered (older ones are simply left to the caller). */
  private static final int MAX_FREE = 4;
  private static final int MAX_OUT = 8;

  private final ArrayDeque<byte[]> free = new ArrayDeque<>();
  private final ArrayDeque<byte[]> out = new ArrayDeque<>();

  /** An array of exactly {@code n} bytes with unspecified contents. */
  public byte[] take(int n) {
    byte[] b = null;
    for (Iterator<byte[]> it = free.iterator(); it.hasNext(); ) {
      byte[] f = it.next();
      if (f.length == n) {
        it.remove();
        b = f;
        break;
      }
    }
    if (b == null) {
      b = new byte[n];
    }
    if (out.size() == MAX_OUT) {
      out.pollFirst();
    }
    out.addLast(b);
    return b;
  }

  /** Gives back an array from {@link #take} that nothing reads any more; others are ignored. */
  public void give(byte[] b) {
    for (Iterator<byte[]> it = out.iterator(); it.hasNext(); ) {
      if (it.next() == b) {
        it.remove();
        if (free.size() == MAX_FREE) {
          free.pollFirst();
        }
        free.addLast(b);
        return;
      }
    }
  }
}
