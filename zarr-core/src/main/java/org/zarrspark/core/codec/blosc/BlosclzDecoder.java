package org.zarrspark.core.codec.blosc;

import java.util.Arrays;

/**
 * Decoder for BloscLZ streams, the FastLZ-derived default codec of c-blosc.
 *
 * <p>A stream is a sequence of instructions; the first is always a literal run, and the top
 * three bits of the first byte are a level marker to ignore. With {@code ctrl} the instruction
 * byte:
 *
 * <ul>
 *   <li>{@code ctrl < 32}: a literal run of {@code ctrl + 1} bytes follows.
 *   <li>otherwise a match: {@code L = ctrl >> 5}; when {@code L == 7} extension bytes follow,
 *       each added to L, until one is not 255. The match copies {@code L + 2} bytes. The next
 *       byte {@code c} completes the distance {@code ((ctrl & 31) << 8) + c + 1}, except that
 *       {@code (ctrl & 31) == 31 && c == 255} announces a far match whose distance is a 16-bit
 *       big-endian value plus 8192.
 * </ul>
 *
 * <p>Every read and write is bounds checked: malformed input returns -1, never throws.
 */
final class BlosclzDecoder {
  private static final int NEAR_MARKER = 31 << 8;
  private static final int FAR_BASE = 8192;

  private BlosclzDecoder() {}

  /**
   * Decodes {@code src[srcOff, srcOff + srcLen)} into at most {@code dstLen} bytes at
   * {@code dst[dstOff]}. Returns the number of bytes written, or -1 if the stream is malformed.
   */
  static int decompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
    if (srcLen <= 0) {
      return srcLen == 0 ? 0 : -1;
    }
    int ip = srcOff;
    final int ipEnd = srcOff + srcLen;
    int op = dstOff;
    final int opEnd = dstOff + dstLen;
    int ctrl = src[ip++] & 31;
    while (true) {
      if (ctrl >= 32) {
        int len = (ctrl >>> 5) - 1;
        int ofs = (ctrl & 31) << 8;
        if (len == 6) {
          int code;
          do {
            if (ip >= ipEnd) {
              return -1;
            }
            code = src[ip++] & 0xFF;
            len += code;
            if (len > dstLen) {
              return -1; // also keeps len from overflowing on endless 255s
            }
          } while (code == 255);
        }
        if (ip >= ipEnd) {
          return -1;
        }
        int code = src[ip++] & 0xFF;
        len += 3;
        int dist;
        if (code == 255 && ofs == NEAR_MARKER) {
          if (ipEnd - ip < 2) {
            return -1;
          }
          dist = (((src[ip] & 0xFF) << 8) | (src[ip + 1] & 0xFF)) + FAR_BASE;
          ip += 2;
        } else {
          dist = ofs + code + 1;
        }
        if (len > opEnd - op || dist > op - dstOff) {
          return -1;
        }
        copyMatch(dst, op, dist, len);
        op += len;
      } else {
        int run = ctrl + 1;
        if (run > opEnd - op || run > ipEnd - ip) {
          return -1;
        }
        System.arraycopy(src, ip, dst, op, run);
        ip += run;
        op += run;
      }
      if (ip >= ipEnd) {
        break;
      }
      ctrl = src[ip++] & 0xFF;
    }
    return op - dstOff;
  }

  /** LZ77 copy of {@code len} bytes from {@code dist} bytes back; the regions may overlap. */
  private static void copyMatch(byte[] dst, int op, int dist, int len) {
    int ref = op - dist;
    if (dist == 1) {
      Arrays.fill(dst, op, op + len, dst[ref]);
    } else if (len <= 16) {
      // Short matches dominate; a byte loop beats arraycopy's call overhead and handles overlap.
      for (int i = 0; i < len; i++) {
        dst[op + i] = dst[ref + i];
      }
    } else {
      // [ref, pos) is periodic with period dist, so copying from ref at a distance that is a
      // multiple of dist reproduces the pattern; the copied span doubles every round.
      int pos = op;
      int end = op + len;
      while (pos < end) {
        int n = Math.min(pos - ref, end - pos);
        System.arraycopy(dst, ref, dst, pos, n);
        pos += n;
      }
    }
  }
}
