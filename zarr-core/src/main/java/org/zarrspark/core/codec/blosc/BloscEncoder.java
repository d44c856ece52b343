package org.zarrspark.core.codec.blosc;

import java.util.Arrays;
import org.zarrspark.core.error.TooLargeException;

/**
 * Writes Blosc1 frames the way c-blosc 1.21 does: same block sizes, same splitting rule
 * (its default "forward compatible" split mode), same header; streams that do not shrink are
 * stored as is, and a frame that would outgrow {@code nbytes + 16} becomes a memcpyed frame.
 */
final class BloscEncoder {
  private static final int L1 = 32 * 1024;
  private static final int MAX_SPLIT_BLOCK = 1 << 18; // 256 KB per split before * typesize
  private static final int MIN_SPLIT_BLOCKSIZE = 1 << 16;
  private static final int MAX_SPLIT_BLOCKSIZE = 1 << 20;

  private BloscEncoder() {}

  static byte[] encode(byte[] src, BloscCompressor compressor, int clevel, int shuffleMode,
      int typesize, int forcedBlocksize) {
    final int nbytes = src.length;
    if (nbytes > Integer.MAX_VALUE - 2 * BloscHeader.SIZE) {
      throw new TooLargeException("blosc: cannot encode " + nbytes + " bytes in one frame");
    }
    // As c-blosc: a typesize above 255 cannot be stored, and then the data is a byte stream.
    final int ts = typesize < 1 || typesize > BloscHeader.MAX_TYPESIZE ? 1 : typesize;
    final int shuffle = shuffleMode < 0 ? (ts == 1 ? 2 : 1) : shuffleMode; // -1 = auto
    final int blocksize = computeBlocksize(compressor, clevel, ts, nbytes, forcedBlocksize);
    final boolean split = splitBlock(compressor, ts, blocksize);

    int flags = compressor.format << 5;
    if (shuffle == 1) {
      flags |= BloscHeader.FLAG_SHUFFLE;
    } else if (shuffle == 2) {
      flags |= BloscHeader.FLAG_BITSHUFFLE;
    }
    if (!split) {
      flags |= BloscHeader.FLAG_DONT_SPLIT;
    }
    if (clevel > 0 && nbytes >= BloscDecoder.MIN_BUFFERSIZE) {
      byte[] frame = compress(src, compressor, clevel, shuffle, ts, blocksize, split, flags);
      if (frame != null) {
        return frame;
      }
    }
    return memcpyed(src, flags | BloscHeader.FLAG_MEMCPYED, ts, blocksize);
  }

  private static byte[] memcpyed(byte[] src, int flags, int ts, int blocksize) {
    byte[] out = new byte[BloscHeader.SIZE + src.length];
    writeHeader(out, flags, ts, src.length, blocksize, out.length);
    System.arraycopy(src, 0, out, BloscHeader.SIZE, src.length);
    return out;
  }

  private static void writeHeader(byte[] out, int flags, int ts, int nbytes, int blocksize,
      int cbytes) {
    out[0] = (byte) BloscHeader.VERSION;
    out[1] = (byte) BloscHeader.VERSION_LZ;
    out[2] = (byte) flags;
    out[3] = (byte) ts;
    LittleEndian.putInt(out, 4, nbytes);
    LittleEndian.putInt(out, 8, blocksize);
    LittleEndian.putInt(out, 12, cbytes);
  }

  /** The compressed frame, or null when it would not fit in {@code nbytes + 16} bytes. */
  private static byte[] compress(byte[] src, BloscCompressor compressor, int clevel, int shuffle,
      int ts, int blocksize, boolean split, int flags) {
    final int nbytes = src.length;
    final int nblocks = nbytes / blocksize + (nbytes % blocksize == 0 ? 0 : 1);
    final int maxTotal = nbytes + BloscHeader.SIZE; // c-blosc's destination size
    int pos = BloscHeader.SIZE + 4 * nblocks;
    if (pos > maxTotal) {
      return null;
    }
    byte[] out = new byte[maxTotal];
    byte[] filtered = shuffle != 0 ? new byte[blocksize] : null;
    byte[] bitTmp = shuffle == 2 ? new byte[blocksize] : null;
    // The longest stream is a whole block: the last, partial block is never split.
    try (InnerEncoder inner = new InnerEncoder(compressor, clevel, blocksize)) {
      for (int b = 0; b < nblocks; b++) {
        LittleEndian.putInt(out, BloscHeader.SIZE + 4 * b, pos);
        final int srcOff = b * blocksize;
        final int bsize = Math.min(blocksize, nbytes - srcOff);
        final boolean leftoverBlock = bsize < blocksize;
        byte[] in = src;
        int inOff = srcOff;
        // Same conditions as the decoder, so that both sides agree on every block.
        if (shuffle == 1 && ts > 1) {
          Shuffle.shuffle(ts, src, srcOff, bsize, filtered, 0);
          in = filtered;
          inOff = 0;
        } else if (shuffle == 2 && bsize >= ts) {
          BitShuffle.shuffle(ts, src, srcOff, bsize, filtered, 0, bitTmp);
          in = filtered;
          inOff = 0;
        }
        final int nsplits = split && !leftoverBlock ? ts : 1;
        final int neblock = bsize / nsplits;
        for (int s = 0; s < nsplits; s++) {
          int n = inner.compress(in, inOff + s * neblock, neblock);
          byte[] stream = n > 0 ? inner.buffer() : in;
          int streamOff = n > 0 ? 0 : inOff + s * neblock;
          int len = n > 0 ? n : neblock;
          if (pos + 4 + len > maxTotal) {
            return null;
          }
          LittleEndian.putInt(out, pos, len);
          System.arraycopy(stream, streamOff, out, pos + 4, len);
          pos += 4 + len;
        }
      }
    }
    writeHeader(out, flags, ts, nbytes, blocksize, pos);
    return pos == out.length ? out : Arrays.copyOf(out, pos);
  }

  /** c-blosc's split_block() in its default BLOSC_FORWARD_COMPAT_SPLIT mode. */
  static boolean splitBlock(BloscCompressor compressor, int ts, int blocksize) {
    return compressor != BloscCompressor.ZSTD
        && ts <= BloscDecoder.MAX_SPLITS
        && blocksize / ts >= BloscDecoder.MIN_BUFFERSIZE;
  }

  /** c-blosc 1.21's compute_blocksize(). */
  static int computeBlocksize(BloscCompressor compressor, int clevel, int ts, int nbytes,
      int forced) {
    if (nbytes < ts) {
      return 1;
    }
    int bs = nbytes;
    if (forced > 0) {
      bs = Math.min(Math.max(forced, BloscDecoder.MIN_BUFFERSIZE), BloscHeader.MAX_BLOCKSIZE);
    } else if (nbytes >= L1) {
      bs = L1;
      if (compressor.highRatio()) {
        bs *= 2; // high-ratio codecs pay a large per-block overhead
      }
      switch (clevel) {
        case 0:
          bs /= 4;
          break;
        case 1:
          bs /= 2;
          break;
        case 2:
          break;
        case 3:
          bs *= 2;
          break;
        case 4:
        case 5:
          bs *= 4;
          break;
        case 6:
        case 7:
        case 8:
          bs *= 8;
          break;
        default: // 9
          bs *= 8;
          if (compressor.highRatio()) {
            bs *= 2;
          }
          break;
      }
    }
    // Split codecs compress typesize streams per block: give each split a useful size.
    if (clevel > 0 && splitBlock(compressor, ts, bs)) {
      bs = Math.min(bs, MAX_SPLIT_BLOCK) * ts;
      bs = Math.max(bs, MIN_SPLIT_BLOCKSIZE);
      bs = Math.min(bs, MAX_SPLIT_BLOCKSIZE);
    }
    bs = Math.min(bs, nbytes);
    if (bs > ts) {
      bs = bs / ts * ts; // a block holds whole elements
    }
    return bs;
  }
}
