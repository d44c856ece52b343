package org.zarrspark.core.codec.blosc;

import java.util.Arrays;

/**
 * A greedy hash-table LZ77 compressor that writes BloscLZ streams (format described in
 * {@link BlosclzDecoder}). It does not reproduce c-blosc's output byte for byte, but every
 * stream it writes is one c-blosc decodes: the first instruction is a literal run and the last
 * one is too (c-blosc 1.21 drops a final match).
 *
 * <p>Not thread-safe: it owns its hash table. One instance serves one encode call.
 */
final class BlosclzEncoder {
  private static final int MAX_LITERAL_RUN = 32;
  private static final int MIN_MATCH = 4;
  /** Matches at a distance up to this use the 2-byte near form. */
  private static final int MAX_NEAR_DISTANCE = 8191;
  /** The far form stores distance - 8192 in 16 bits. */
  private static final int MAX_FAR_DISTANCE = 8192 + 65535;
  /** A far match costs 4 bytes or more: shorter ones do not pay. */
  private static final int MIN_FAR_MATCH = 8;
  private static final int MAX_HASH_LOG = 14;
  private static final int MIN_HASH_LOG = 8;

  private final int[] table = new int[1 << MAX_HASH_LOG];

  /**
   * Compresses {@code src[off, off + len)} into {@code dst} at {@code dstOff}, writing at most
   * {@code maxOut} bytes. Returns the compressed size, or 0 if the stream would not fit (the
   * caller then stores the data as is).
   */
  int compress(byte[] src, int off, int len, byte[] dst, int dstOff, int maxOut) {
    if (len < 16 || maxOut < 2) {
      return 0;
    }
    // A table about as large as the input: small splits must not pay for clearing 64 KB.
    int hashLog = 32 - Integer.numberOfLeadingZeros(len - 1);
    hashLog = Math.max(MIN_HASH_LOG, Math.min(MAX_HASH_LOG, hashLog));
    final int shift = 32 - hashLog;
    final int[] table = this.table;
    Arrays.fill(table, 0, 1 << hashLog, -1);

    final int end = off + len;
    final int searchLimit = end - 12; // no match starts in the last 12 bytes ...
    final int matchLimit = end - 4; // ... nor reaches the last 4: the stream ends with literals
    final int opLimit = dstOff + maxOut;
    int op = dstOff;
    int ip = off;
    int anchor = off; // first byte not yet emitted

    while (ip < searchLimit) {
      int seq = LittleEndian.getInt(src, ip);
      int h = (seq * 0x9E3779B1) >>> shift;
      int ref = table[h];
      table[h] = ip - off;
      if (ref >= 0) {
        ref += off;
        int dist = ip - ref;
        if (dist <= MAX_FAR_DISTANCE && LittleEndian.getInt(src, ref) == seq) {
          int m = matchLength(src, ref, ip, matchLimit);
          if (dist <= MAX_NEAR_DISTANCE || m >= MIN_FAR_MATCH) {
            op = emitLiterals(src, anchor, ip - anchor, dst, op, opLimit);
            if (op < 0) {
              return 0;
            }
            op = emitMatch(dst, op, opLimit, m, dist);
            if (op < 0) {
              return 0;
            }
            ip += m;
            anchor = ip;
            // Seed the table inside the match so that the next repeat is found.
            if (ip < searchLimit) {
              int p = ip - 2;
              table[(LittleEndian.getInt(src, p) * 0x9E3779B1) >>> shift] = p - off;
            }
            continue;
          }
        }
      }
      // Step faster through data that does not compress (LZ4's skip heuristic).
      ip += 1 + ((ip - anchor) >>> 6);
    }
    op = emitLiterals(src, anchor, end - anchor, dst, op, opLimit);
    if (op < 0) {
      return 0;
    }
    dst[dstOff] |= 1 << 5; // c-blosc's level marker on the first byte; decoders mask it off
    return op - dstOff;
  }

  private static int matchLength(byte[] src, int ref, int ip, int limit) {
    int m = MIN_MATCH;
    while (ip + m + 8 <= limit) {
      long diff = LittleEndian.getLong(src, ref + m) ^ LittleEndian.getLong(src, ip + m);
      if (diff != 0) {
        return m + (Long.numberOfTrailingZeros(diff) >>> 3);
      }
      m += 8;
    }
    while (ip + m < limit && src[ref + m] == src[ip + m]) {
      m++;
    }
    return m;
  }

  /** Literal runs of up to 32 bytes, each after a count byte; -1 if out of room. */
  private static int emitLiterals(byte[] src, int from, int n, byte[] dst, int op, int opLimit) {
    if (n == 0) {
      return op;
    }
    if ((long) op + n + (n + MAX_LITERAL_RUN - 1) / MAX_LITERAL_RUN > opLimit) {
      return -1;
    }
    while (n > 0) {
      int k = Math.min(n, MAX_LITERAL_RUN);
      dst[op++] = (byte) (k - 1);
      System.arraycopy(src, from, dst, op, k);
      op += k;
      from += k;
      n -= k;
    }
    return op;
  }

  /** A match of {@code m >= 3} bytes at distance {@code dist}; -1 if out of room. */
  private static int emitMatch(byte[] dst, int op, int opLimit, int m, int dist) {
    int l = m - 2; // lengths are stored minus 2
    int d = dist - 1; // distances minus 1
    boolean far = d >= MAX_NEAR_DISTANCE;
    int hi = far ? 31 : d >>> 8;
    int need = 1 + (far ? 3 : 1) + (l >= 7 ? (l - 7) / 255 + 1 : 0);
    if (op + need > opLimit) {
      return -1;
    }
    if (l < 7) {
      dst[op++] = (byte) ((l << 5) | hi);
    } else {
      dst[op++] = (byte) ((7 << 5) | hi);
      int rem = l - 7;
      while (rem >= 255) {
        dst[op++] = (byte) 255;
        rem -= 255;
      }
      dst[op++] = (byte) rem;
    }
    if (far) {
      int d2 = d - MAX_NEAR_DISTANCE;
      dst[op++] = (byte) 255;
      dst[op++] = (byte) (d2 >>> 8);
      dst[op++] = (byte) d2;
    } else {
      dst[op++] = (byte) d;
    }
    return op;
  }
}
