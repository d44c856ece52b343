package org.zarrspark.core.codec.blosc;

import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.zarrspark.core.error.CorruptChunkException;

/**
 * Decompresses one Blosc stream (a split of a block) with the inner codec named by the header.
 * One instance serves one decode call: it owns an Inflater, which {@link #close} releases.
 */
final class InnerDecoder implements AutoCloseable {
  // Both are stateless, so one instance is shared by all threads.
  private static final Lz4Decompressor LZ4 = new Lz4Decompressor();
  private static final SnappyDecompressor SNAPPY = new SnappyDecompressor();
  // The zstd decompressor keeps ~130 KB of tables and buffers: one per thread, not per chunk.
  private static final ThreadLocal<ZstdDecompressor> ZSTD =
      ThreadLocal.withInitial(ZstdDecompressor::new);

  private final int format;
  private Inflater inflater;

  InnerDecoder(int format) {
    this.format = format;
  }

  /**
   * Decodes {@code srcLen} bytes at {@code src[srcOff]} into exactly {@code dstLen} bytes at
   * {@code dst[dstOff]}; anything else is a corrupt chunk.
   */
  void decompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
    int n;
    switch (format) {
      case BloscCompressor.FORMAT_BLOSCLZ:
        n = BlosclzDecoder.decompress(src, srcOff, srcLen, dst, dstOff, dstLen);
        break;
      case BloscCompressor.FORMAT_LZ4:
        n = LZ4.decompress(src, srcOff, srcLen, dst, dstOff, dstLen);
        break;
      case BloscCompressor.FORMAT_SNAPPY:
        // Snappy states its size up front; refuse before it decodes anything larger.
        if (SnappyDecompressor.getUncompressedLength(src, srcOff) != dstLen) {
          throw corrupt("snappy stream does not hold " + dstLen + " bytes");
        }
        n = SNAPPY.decompress(src, srcOff, srcLen, dst, dstOff, dstLen);
        break;
      case BloscCompressor.FORMAT_ZLIB:
        n = inflate(src, srcOff, srcLen, dst, dstOff, dstLen);
        break;
      case BloscCompressor.FORMAT_ZSTD:
        n = ZSTD.get().decompress(src, srcOff, srcLen, dst, dstOff, dstLen);
        break;
      default:
        throw corrupt("unknown inner compressor format " + format);
    }
    if (n != dstLen) {
      throw corrupt(BloscCompressor.formatName(format) + " stream decoded to " + n
          + " bytes instead of " + dstLen);
    }
  }

  private int inflate(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
    Inflater inf = inflater;
    if (inf == null) {
      inf = inflater = new Inflater();
    } else {
      inf.reset();
    }
    inf.setInput(src, srcOff, srcLen);
    try {
      int n = 0;
      while (n < dstLen && !inf.finished()) {
        int k = inf.inflate(dst, dstOff + n, dstLen - n);
        if (k == 0 && !inf.finished()) {
          throw corrupt("zlib stream ends early after " + n + " of " + dstLen + " bytes");
        }
        n += k;
      }
      if (!inf.finished()) {
        // The output is full: the stream must end here, without producing another byte.
        byte[] probe = new byte[1];
        if (inf.inflate(probe) != 0 || !inf.finished()) {
          throw corrupt("zlib stream holds more than " + dstLen + " bytes");
        }
      }
      return n;
    } catch (DataFormatException e) {
      throw new CorruptChunkException("blosc: invalid zlib stream: " + e.getMessage(), e);
    }
  }

  private static CorruptChunkException corrupt(String detail) {
    return new CorruptChunkException("blosc: " + detail);
  }

  @Override
  public void close() {
    if (inflater != null) {
      inflater.end();
      inflater = null;
    }
  }
}
