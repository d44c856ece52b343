package org.zarrspark.core.codec.compress;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;

/** Package helper: bounded inflation and one-shot deflation with java.util.zip. */
final class Deflate {
  private Deflate() {}

  /**
   * Inflates one deflate (or zlib, per the inflater) stream from {@code in[off..off+len)} into
   * {@code out}, stopping with an error once the output would pass its bound. Returns the number of
   * input bytes left after the end of the stream.
   */
  static int inflate(String codec, Inflater inf, byte[] in, int off, int len, Bytes out) {
    inf.setInput(in, off, len);
    long lastRead = -1;
    int stalls = 0;
    try {
      while (!inf.finished()) {
        if (!out.makeRoom()) {
          // The bound is reached: the stream must end here without producing more.
          byte[] probe = new byte[1];
          int n = inf.inflate(probe);
          if (n > 0) {
            throw Bytes.tooLarge(codec, out.size());
          }
          if (inf.finished()) {
            break;
          }
          checkStuck(codec, inf);
          if (inf.getBytesRead() == lastRead && ++stalls > 4) {
            throw new CorruptChunkException(codec + " stream makes no progress");
          }
          lastRead = inf.getBytesRead();
          continue;
        }
        int n = inf.inflate(out.array(), out.size(), out.free());
        out.advance(n);
        if (n == 0) {
          if (inf.finished()) {
            break;
          }
          checkStuck(codec, inf);
          if (inf.getBytesRead() == lastRead && ++stalls > 4) {
            throw new CorruptChunkException(codec + " stream makes no progress");
          }
          lastRead = inf.getBytesRead();
        } else {
          stalls = 0;
        }
      }
    } catch (DataFormatException e) {
      String m = Bytes.describe(e);
      if (m.contains("incorrect data check")) {
        throw new ChecksumMismatchException(codec + " data fails its adler32 check", e);
      }
      throw new CorruptChunkException(codec + " data is corrupt (" + m + ")", e);
    }
    return inf.getRemaining();
  }

  private static void checkStuck(String codec, Inflater inf) {
    if (inf.needsInput()) {
      throw new TruncatedChunkException(codec + " data is truncated (the deflate stream ends early)");
    }
    if (inf.needsDictionary()) {
      throw new CorruptChunkException(codec + " data needs a preset dictionary, which zarr never uses");
    }
  }

  /** Deflates everything (zlib wrapper unless {@code nowrap}) at the given level. */
  static byte[] deflate(byte[] data, int level, boolean nowrap, ByteArrayOutputStream sink) {
    Deflater d = new Deflater(level, nowrap);
    try {
      d.setInput(data);
      d.finish();
      byte[] buf = new byte[Math.min(1 << 16, Math.max(64, data.length / 2 + 64))];
      while (!d.finished()) {
        int n = d.deflate(buf);
        sink.write(buf, 0, n);
      }
      return sink.toByteArray();
    } finally {
      d.end();
    }
  }
}
