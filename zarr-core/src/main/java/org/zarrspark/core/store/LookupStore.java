package org.zarrspark.core.store;

import java.util.Arrays;

/**
 * A read-only store whose values are looked up rather than fetched whole (an Icechunk snapshot, a
 * reference set): a value's size is known from the lookup, so a suffix is a range of known bounds.
 */
public interface LookupStore extends ReadOnlyStore {
  @Override
  default byte[] getSuffix(String key, int length) {
    long size = size(key);
    if (size < 0) {
      return null;
    }
    long n = Math.min(length, size);
    return getRange(key, size - n, (int) n);
  }

  /** {@code length} bytes of {@code b} from {@code offset}, fewer where it ends. */
  static byte[] slice(byte[] b, long offset, int length) {
    if (offset >= b.length) {
      return new byte[0];
    }
    return Arrays.copyOfRange(b, (int) offset, (int) Math.min(b.length, offset + length));
  }
}
