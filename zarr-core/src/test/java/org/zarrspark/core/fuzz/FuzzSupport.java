package org.zarrspark.core.fuzz;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zarrspark.core.codec.CodecPipeline;
import org.zarrspark.core.error.ZarrException;

/**
 * The contract every fuzz target checks: on any input only {@link ZarrException} subclasses
 * escape (their message and kind must render), and one input does not make the library allocate
 * more than {@link #MAX_ALLOCATED_BYTES} (a lying header must be refused before allocating).
 * Anything else propagates, so Jazzer reports it as a finding.
 */
final class FuzzSupport {
  /**
   * Per input, on the calling thread: a few blocks of the largest chunk the library decodes
   * ({@link CodecPipeline#MAX_CHUNK_BYTES}; zarr-core's tests set it to 64 MiB, so 256 MiB).
   */
  static final long MAX_ALLOCATED_BYTES = (64L << 20) + 3 * CodecPipeline.MAX_CHUNK_BYTES;

  /** Bound given to bytes codecs in the codec targets (the "chunk size" they decode into). */
  static final int MAX_DECODED = 1 << 20;

  /**
   * A second, large bound (a 1 GiB chunk): a small input that makes a decoder allocate anywhere
   * near it is a header believed without the data to back it.
   */
  static final int LARGE_DECODED = 1 << 30;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private FuzzSupport() {}

  interface Target {
    void run() throws Exception;
  }

  /** Runs one input through a target, enforcing the contract. */
  static void check(Target target) throws Exception {
    if (runMeasured(target) > MAX_ALLOCATED_BYTES) {
      // The first run of a code path also counts class loading and Jazzer's instrumentation:
      // targets are deterministic, so a second run measures the input alone.
      long used = runMeasured(target);
      if (used > MAX_ALLOCATED_BYTES) {
        throw new AssertionError("one input allocated " + (used >> 20) + " MiB (limit "
            + (MAX_ALLOCATED_BYTES >> 20) + " MiB)");
      }
    }
  }

  private static long runMeasured(Target target) throws Exception {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    try {
      target.run();
    } catch (ZarrException e) {
      // the expected way to refuse an input; the message and kind must render without failing
      if (e.getMessage() == null || e.kind() == null) {
        throw new AssertionError("ZarrException without message or kind", e);
      }
    }
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }

  /** The bytes before the first NUL (or all of them), as UTF-8 text. */
  static String head(byte[] data) {
    int nul = indexOf(data, (byte) 0, 0);
    return new String(data, 0, nul < 0 ? data.length : nul, StandardCharsets.UTF_8);
  }

  /** The bytes after the first NUL (empty when there is none). */
  static byte[] tail(byte[] data) {
    int nul = indexOf(data, (byte) 0, 0);
    return nul < 0 ? new byte[0] : Arrays.copyOfRange(data, nul + 1, data.length);
  }

  /** Splits at NUL bytes into at most {@code n} parts. */
  static List<byte[]> split(byte[] data, int n) {
    List<byte[]> parts = new ArrayList<>();
    int from = 0;
    while (parts.size() < n - 1) {
      int nul = indexOf(data, (byte) 0, from);
      if (nul < 0) {
        break;
      }
      parts.add(Arrays.copyOfRange(data, from, nul));
      from = nul + 1;
    }
    parts.add(Arrays.copyOfRange(data, from, data.length));
    return parts;
  }

  /**
   * A little store archive: records {@code @key\n<value bytes>\n}, each value running up to the
   * next {@code \n@} (or the end, less one final newline). Readable, and easy for the fuzzer to
   * recombine.
   */
  static Map<String, byte[]> records(byte[] data) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    int pos = 0;
    if (data.length == 0 || data[0] != '@') {
      return out;
    }
    while (pos < data.length) {
      int nl = indexOf(data, (byte) '\n', pos);
      if (nl < 0) {
        break;
      }
      String key = new String(data, pos + 1, nl - pos - 1, StandardCharsets.UTF_8);
      int end = nl + 1;
      while (end < data.length && !(data[end] == '@' && data[end - 1] == '\n')) {
        end++;
      }
      int valueEnd = end > nl + 1 && data[end - 1] == '\n' ? end - 1 : end; // the newline ends the record
      out.put(key, Arrays.copyOfRange(data, nl + 1, Math.max(nl + 1, valueEnd)));
      pos = end;
    }
    return out;
  }

  private static int indexOf(byte[] data, byte b, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
