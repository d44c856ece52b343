package org.zarrspark.core.codec.blosc;

import io.airlift.compress.Compressor;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.util.zip.Deflater;

/**
 * Compresses one Blosc stream with the configured inner codec into a scratch buffer. One
 * instance serves one encode call: the LZ4 and BloscLZ hash tables and the Deflater are state.
 */
final class InnerEncoder implements AutoCloseable {
  private final BloscCompressor compressor;
  private final int clevel;
  private final byte[] scratch;
  private Compressor airlift;
  private BlosclzEncoder blosclz;
  private Deflater deflater;

  /** {@code maxInput} is the largest stream this instance will be asked to compress. */
  InnerEncoder(BloscCompressor compressor, int clevel, int maxInput) {
    this.compressor = compressor;
    this.clevel = clevel;
    int bound;
    switch (compressor) {
      case LZ4:
      case LZ4HC: // aircompressor has no HC mode; LZ4HC streams are plain LZ4 streams anyway
        airlift = new Lz4Compressor();
        bound = airlift.maxCompressedLength(maxInput);
        break;
      case SNAPPY:
        airlift = new SnappyCompressor();
        bound = airlift.maxCompressedLength(maxInput);
        break;
      case ZSTD:
        airlift = new ZstdCompressor();
        bound = airlift.maxCompressedLength(maxInput);
        break;
      case ZLIB:
        deflater = new Deflater(clevel);
        bound = maxInput;
        break;
      default:
        blosclz = new BlosclzEncoder();
        bound = maxInput;
        break;
    }
    this.scratch = new byte[Math.max(bound, 1)];
  }

  byte[] buffer() {
    return scratch;
  }

  /**
   * Compresses {@code src[off, off + len)} into {@link #buffer()}; returns the compressed size,
   * or 0 when the stream would not be smaller than {@code len} (then it is stored as is).
   */
  int compress(byte[] src, int off, int len) {
    int n;
    if (blosclz != null) {
      n = blosclz.compress(src, off, len, scratch, 0, len - 1);
    } else if (deflater != null) {
      deflater.reset();
      deflater.setInput(src, off, len);
      deflater.finish();
      // Stop as soon as the output reaches len - 1 bytes: then it is not worth keeping.
      n = 0;
      int limit = len - 1;
      while (!deflater.finished() && n < limit) {
        n += deflater.deflate(scratch, n, limit - n);
      }
      if (!deflater.finished()) {
        return 0;
      }
    } else {
      n = airlift.compress(src, off, len, scratch, 0, scratch.length);
    }
    return n > 0 && n < len ? n : 0;
  }

  @Override
  public void close() {
    if (deflater != null) {
      deflater.end();
      deflater = null;
    }
  }

  @Override
  public String toString() {
    return "InnerEncoder[" + compressor.cname + ", clevel " + clevel + "]";
  }
}
