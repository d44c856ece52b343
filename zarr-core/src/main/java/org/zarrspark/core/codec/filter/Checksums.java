package org.zarrspark.core.codec.filter;

import java.util.function.Supplier;
import java.util.zip.Checksum;
import org.zarrspark.core.codec.compress.ChecksumLocation;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;

/** Package helper for numcodecs' Checksum32 codecs: a 4-byte little-endian checksum at the start or end. */
final class Checksums {
  private Checksums() {}

  static int le32(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
  }

  static void putLe32(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  static int compute(Supplier<Checksum> algo, byte[] b, int off, int len) {
    Checksum c = algo.get();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  static byte[] decode(String codec, Supplier<Checksum> algo, ChecksumLocation where, byte[] encoded, int max) {
    if (encoded.length < 4) {
      throw new TruncatedChunkException("codec " + codec + ": " + encoded.length
          + " bytes are too short to contain a 32-bit checksum");
    }
    int n = encoded.length - 4;
    if (n > max) {
      throw new CorruptChunkException("codec " + codec + ": payload of " + n + " bytes is more than the "
          + Math.max(0, max) + " this chunk can hold");
    }
    int dataOff = where == ChecksumLocation.START ? 4 : 0;
    int stored = le32(encoded, where == ChecksumLocation.START ? 0 : n);
    int computed = compute(algo, encoded, dataOff, n);
    if (stored != computed) {
      throw new ChecksumMismatchException(String.format("%s checksum mismatch (checksum at the %s): stored %08x,"
          + " computed %08x", codec, where.json(), stored, computed));
    }
    byte[] out = new byte[n];
    System.arraycopy(encoded, dataOff, out, 0, n);
    return out;
  }

  static byte[] encode(Supplier<Checksum> algo, ChecksumLocation where, byte[] decoded) {
    byte[] out = new byte[decoded.length + 4];
    int dataOff = where == ChecksumLocation.START ? 4 : 0;
    System.arraycopy(decoded, 0, out, dataOff, decoded.length);
    putLe32(out, where == ChecksumLocation.START ? 0 : decoded.length, compute(algo, decoded, 0, decoded.length));
    return out;
  }
}
