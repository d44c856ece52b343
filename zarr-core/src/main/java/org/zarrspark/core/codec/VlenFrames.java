package org.zarrspark.core.codec;

import java.io.ByteArrayOutputStream;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;

/**
 * The framing vlen-utf8 and vlen-bytes share (numcodecs VLenUTF8 / VLenBytes): a little-endian
 * uint32 item count, then per item a uint32 byte length and its bytes. Lengths are checked
 * against what is left of the chunk before anything is allocated for them.
 */
final class VlenFrames {
  private VlenFrames() {}

  /** {start, length} of each of the {@code n} items of {@code b}, checked; {@code codec} names the codec in messages. */
  static int[] read(byte[] b, int n, String codec) {
    if (b.length < 4) {
      throw new TruncatedChunkException(codec + " chunk of " + b.length + " bytes has no item count");
    }
    long count = readU32(b, 0);
    if (count != n) {
      throw new CorruptChunkException(codec + " chunk holds " + count + " items, expected " + n);
    }
    int[] frames = new int[2 * n];
    int pos = 4;
    for (int i = 0; i < n; i++) {
      if (b.length - pos < 4) {
        throw new TruncatedChunkException(codec + " chunk ends before item " + i);
      }
      long len = readU32(b, pos);
      pos += 4;
      if (len > b.length - pos) {
        throw new TruncatedChunkException(codec + " item " + i + " claims " + len
            + " bytes but only " + (b.length - pos) + " remain");
      }
      frames[2 * i] = pos;
      frames[2 * i + 1] = (int) len;
      pos += (int) len;
    }
    if (pos != b.length) {
      throw new CorruptChunkException(codec + " chunk has " + (b.length - pos) + " trailing bytes");
    }
    return frames;
  }

  static long readU32(byte[] b, int p) {
    return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24;
  }

  static void writeU32(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }

  /**
   * Index of the first byte of {@code b[from, from + len)} that is not well-formed UTF-8 (overlong
   * forms, surrogates and code points past U+10FFFF included), or -1. Python's strict decoder
   * refuses the same sequences.
   */
  static int invalidUtf8(byte[] b, int from, int len) {
    int i = from;
    int end = from + len;
    while (i < end) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int need;
      int min;
      if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        min = 0x10000;
      } else {
        return i;
      }
      if (end - i <= need) {
        return i;
      }
      int cp = c & (0x3f >> need);
      for (int k = 1; k <= need; k++) {
        int x = b[i + k] & 0xff;
        if ((x & 0xc0) != 0x80) {
          return i;
        }
        cp = cp << 6 | (x & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return i;
      }
      i += need + 1;
    }
    return -1;
  }
}
