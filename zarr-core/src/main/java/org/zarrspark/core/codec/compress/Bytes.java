package org.zarrspark.core.codec.compress;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.error.ZarrException;

/** Package helpers: a growable output that never grows past a bound, little-endian access, errors. */
final class Bytes {
  private final int max;
  private byte[] buf;
  private int size;

  /** An output expected to hold about {@code guess} bytes and never more than {@code max}. */
  Bytes(long guess, int max) {
    this.max = Math.max(0, max);
    this.buf = new byte[(int) Math.min(this.max, Math.max(256L, guess))];
  }

  byte[] array() {
    return buf;
  }

  int size() {
    return size;
  }

  int free() {
    return buf.length - size;
  }

  void advance(int n) {
    size += n;
  }

  /** Makes room for more output: false once the bound is reached and the buffer is full. */
  boolean makeRoom() {
    if (size < buf.length) {
      return true;
    }
    if (buf.length >= max) {
      return false;
    }
    int n = (int) Math.min(max, Math.max(1024L, buf.length * 2L));
    buf = Arrays.copyOf(buf, n);
    return true;
  }

  byte[] toByteArray() {
    return size == buf.length ? buf : Arrays.copyOf(buf, size);
  }

  /** Reads a decoding stream to its end; output beyond {@code max} bytes is refused. */
  static byte[] drain(String codec, InputStream in, long guess, int max) throws IOException {
    Bytes out = new Bytes(guess, max);
    while (true) {
      if (!out.makeRoom()) {
        if (in.read() >= 0) {
          throw tooLarge(codec, max);
        }
        break;
      }
      int n = in.read(out.buf, out.size, out.buf.length - out.size);
      if (n < 0) {
        break;
      }
      out.size += n;
    }
    return out.toByteArray();
  }

  static CorruptChunkException tooLarge(String codec, int max) {
    return new CorruptChunkException(codec + " data decodes to more than " + max
        + " bytes, the most this chunk can hold");
  }

  /** Maps an I/O error of a decoding stream to the library's errors. */
  static ZarrException fromIo(String codec, IOException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    String lower = m.toLowerCase(java.util.Locale.ROOT);
    if (e instanceof EOFException || lower.contains("end of stream") || lower.contains("unexpected end")
        || lower.contains("truncated") || lower.contains("end of input")) {
      return new TruncatedChunkException(codec + " data is truncated (" + describe(e) + ")", e);
    }
    if (lower.contains("crc") || lower.contains("checksum") || lower.contains("integrity check")) {
      return new ChecksumMismatchException(codec + " data fails its integrity check (" + describe(e) + ")", e);
    }
    return new CorruptChunkException(codec + " data is corrupt (" + describe(e) + ")", e);
  }

  static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static int le32(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
  }

  static void putLe32(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  static int initialGuess(int encodedLength) {
    return (int) Math.min(Integer.MAX_VALUE - 16, Math.max(1024L, encodedLength * 4L));
  }
}
