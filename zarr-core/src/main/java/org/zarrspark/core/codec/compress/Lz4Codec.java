package org.zarrspark.core.codec.compress;

import com.fasterxml.jackson.databind.JsonNode;
import io.airlift.compress.lz4.Lz4Compressor;
import java.util.Arrays;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;

/**
 * numcodecs "lz4": a 4-byte little-endian uncompressed size, then one LZ4 block (not the LZ4 frame
 * format). The size prefix is checked against {@code maxDecodedSize} before the output is
 * allocated, and the block must decode to exactly that size. Decoding uses a bounds-checked pure
 * Java block decoder; encoding uses aircompressor's LZ4 compressor ({@code acceleration} is kept for
 * the metadata only).
 */
public final class Lz4Codec implements BytesCodec {
  /** Its names and binding: numcodecs "lz4" (v3 "numcodecs.lz4"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "lz4", (config, context) -> fromJson(config));

  private static final int MIN_MATCH = 4;

  private final int acceleration;

  public Lz4Codec(int acceleration) {
    this.acceleration = acceleration;
  }

  /** From {"id": "lz4", "acceleration": n}; acceleration defaults to 1. */
  public static Lz4Codec fromJson(JsonNode config) {
    JsonConfig.requireObject("lz4", config);
    return new Lz4Codec(JsonConfig.intField("lz4", config, "acceleration", 1));
  }

  public int acceleration() {
    return acceleration;
  }

  @Override
  public String name() {
    return "lz4";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    if (encoded.length < 4) {
      throw new TruncatedChunkException("lz4 data of " + encoded.length
          + " bytes is shorter than its 4-byte size prefix");
    }
    int size = Bytes.le32(encoded, 0);
    if (size < 0) {
      throw new CorruptChunkException("lz4 size prefix " + Integer.toUnsignedString(size) + " is impossible");
    }
    if (size > maxDecodedSize) {
      throw new CorruptChunkException("lz4 size prefix says " + size + " bytes, more than the "
          + Math.max(0, maxDecodedSize) + " this chunk can hold");
    }
    if (encoded.length == 4) {
      throw new TruncatedChunkException("lz4 data has no block after its size prefix");
    }
    // A block can expand at most ~255x: reject a prefix that the block cannot possibly fill.
    if ((long) size > (encoded.length - 4L) * 255L + 64) {
      throw new CorruptChunkException("lz4 size prefix says " + size + " bytes, more than a block of "
          + (encoded.length - 4) + " bytes can produce");
    }
    byte[] out = new byte[size];
    int got = decodeBlock(encoded, 4, encoded.length, out);
    if (got != size) {
      throw new CorruptChunkException("lz4 block decodes to " + got + " bytes but its prefix says " + size);
    }
    return out;
  }

  /** Decodes one LZ4 block from {@code src[from..to)} into {@code dst}; returns the bytes written. */
  static int decodeBlock(byte[] src, int from, int to, byte[] dst) {
    int sp = from;
    int dp = 0;
    int dend = dst.length;
    while (true) {
      if (sp >= to) {
        // A block ends after the literals of its last sequence; running out elsewhere is a cut.
        throw new TruncatedChunkException("lz4 block is truncated (ends after " + dp + " decoded bytes)");
      }
      int token = src[sp++] & 0xFF;
      int litLen = token >>> 4;
      if (litLen == 15) {
        int b;
        do {
          if (sp >= to) {
            throw new TruncatedChunkException("lz4 block is truncated (in a literal length)");
          }
          b = src[sp++] & 0xFF;
          litLen += b;
          if (litLen < 0) {
            throw new CorruptChunkException("lz4 literal length overflows");
          }
        } while (b == 255);
      }
      if (litLen > to - sp) {
        throw new TruncatedChunkException("lz4 block is truncated (" + litLen + " literal bytes, "
            + (to - sp) + " left)");
      }
      if (litLen > dend - dp) {
        throw new CorruptChunkException("lz4 block decodes to more bytes than its size prefix says");
      }
      System.arraycopy(src, sp, dst, dp, litLen);
      sp += litLen;
      dp += litLen;
      if (sp == to) {
        return dp; // last sequence: literals only
      }
      if (to - sp < 2) {
        throw new TruncatedChunkException("lz4 block is truncated (in a match offset)");
      }
      int offset = (src[sp] & 0xFF) | (src[sp + 1] & 0xFF) << 8;
      sp += 2;
      if (offset == 0 || offset > dp) {
        throw new CorruptChunkException("lz4 match offset " + offset + " points before the start of the output");
      }
      int matchLen = token & 0x0F;
      if (matchLen == 15) {
        int b;
        do {
          if (sp >= to) {
            throw new TruncatedChunkException("lz4 block is truncated (in a match length)");
          }
          b = src[sp++] & 0xFF;
          matchLen += b;
          if (matchLen < 0) {
            throw new CorruptChunkException("lz4 match length overflows");
          }
        } while (b == 255);
      }
      matchLen += MIN_MATCH;
      if (matchLen < 0 || matchLen > dend - dp) {
        throw new CorruptChunkException("lz4 block decodes to more bytes than its size prefix says");
      }
      int m = dp - offset;
      if (offset >= matchLen) {
        System.arraycopy(dst, m, dst, dp, matchLen);
        dp += matchLen;
      } else {
        for (int i = 0; i < matchLen; i++) {
          dst[dp++] = dst[m++];
        }
      }
    }
  }

  @Override
  public byte[] encode(byte[] decoded) {
    Lz4Compressor c = new Lz4Compressor();
    byte[] out = new byte[4 + c.maxCompressedLength(decoded.length)];
    Bytes.putLe32(out, 0, decoded.length);
    int n = c.compress(decoded, 0, decoded.length, out, 4, out.length - 4);
    return Arrays.copyOf(out, 4 + n);
  }

  @Override
  public String toString() {
    return "Lz4Codec(acceleration=" + acceleration + ")";
  }
}
