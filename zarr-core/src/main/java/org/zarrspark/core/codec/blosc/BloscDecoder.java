package org.zarrspark.core.codec.blosc;

import java.util.Arrays;
import org.zarrspark.core.codec.DecodeBuffers;
import org.zarrspark.core.error.CorruptChunkException;

/**
 * Decodes a Blosc1 frame: header, block offset table, then per block one stream or, when the
 * block is split, one stream per byte of the type. Layout, typesize, shuffle and codec all come
 * from the frame header, never from the array metadata.
 */
final class BloscDecoder {
  /** Splitting rules shared by every c-blosc 1.x release (MAX_SPLITS, MIN_BUFFERSIZE). */
  static final int MAX_SPLITS = 16;
  static final int MIN_BUFFERSIZE = 128;

  private BloscDecoder() {}

  /** The block buffers of one thread's decodes (a block is at most a few MB): no zeroing per chunk. */
  private static final ThreadLocal<byte[][]> BLOCKS = ThreadLocal.withInitial(() -> new byte[2][]);
  private static final int MAX_KEPT_BLOCK = 8 << 20;

  static byte[] decode(byte[] buf, int maxDecodedSize) {
    return decode(buf, maxDecodedSize, 0, Long.MAX_VALUE, null);
  }

  /**
   * Decodes the blocks that hold the decoded bytes {@code [from, to)} (Blosc1 frames index their
   * blocks, as numcodecs' partial_decompress uses); the others are left as zeros.
   */
  static byte[] decode(byte[] buf, int maxDecodedSize, long from, long to, DecodeBuffers buffers) {
    BloscHeader h = BloscHeader.read(buf, maxDecodedSize);
    final int nbytes = h.nbytes;
    if (nbytes == 0) {
      return new byte[0];
    }
    if (h.memcpyed()) {
      return Arrays.copyOfRange(buf, BloscHeader.SIZE, BloscHeader.SIZE + nbytes);
    }
    final int ts = h.typesize;
    final int bs = h.blocksize;
    final int cbytes = h.cbytes;
    final int nblocks = h.nblocks();
    // As c-blosc's blosc_d: byte shuffle needs ts > 1 and wins over bitshuffle if both are set.
    final boolean shuffle = (h.flags & BloscHeader.FLAG_SHUFFLE) != 0 && ts > 1;
    final boolean bitshuffle = !shuffle && (h.flags & BloscHeader.FLAG_BITSHUFFLE) != 0;
    final boolean dontSplit = (h.flags & BloscHeader.FLAG_DONT_SPLIT) != 0;

    byte[] out = buffers == null ? new byte[nbytes] : buffers.take(nbytes);
    byte[] tmp = null;
    byte[] tmp2 = null;
    try (InnerDecoder inner = new InnerDecoder(h.format())) {
      int firstBlock = (int) Math.max(0, Math.min(nblocks, from / bs));
      int endBlock = (int) Math.max(firstBlock, Math.min(nblocks, (Math.min(to, nbytes) + bs - 1) / bs));
      for (int b = firstBlock; b < endBlock; b++) {
        final int dstOff = b * bs;
        final int bsize = Math.min(bs, nbytes - dstOff);
        final boolean leftoverBlock = bsize < bs;
        final boolean unbit = bitshuffle && bsize >= ts;
        // Splitting: the header bit (c-blosc >= 1.11) vetoes it; otherwise the rule that older
        // releases applied implicitly decides. This is exactly c-blosc 1.21's blosc_d.
        final int nsplits =
            !dontSplit && !leftoverBlock && ts <= MAX_SPLITS && bsize / ts >= MIN_BUFFERSIZE
                ? ts : 1;
        if (bsize % nsplits != 0) {
          throw corrupt("block of " + bsize + " bytes cannot be split in " + nsplits);
        }
        final int neblock = bsize / nsplits;
        byte[] target;
        int tOff;
        if (shuffle || unbit) {
          if (tmp == null) {
            tmp = block(0, bs);
          }
          target = tmp;
          tOff = 0;
        } else {
          target = out; // no filter: streams decode straight into the result
          tOff = dstOff;
        }
        int pos = LittleEndian.getInt(buf, BloscHeader.SIZE + 4 * b);
        for (int s = 0; s < nsplits; s++) {
          if (pos < BloscHeader.SIZE || pos > cbytes - 4) {
            throw corrupt("block " + b + " stream offset " + pos + " lies outside the "
                + cbytes + "-byte frame");
          }
          int cb = LittleEndian.getInt(buf, pos);
          pos += 4;
          if (cb < 0 || cb > cbytes - pos) {
            throw corrupt("block " + b + " stream of " + cb + " bytes at offset " + pos
                + " overruns the " + cbytes + "-byte frame");
          }
          if (cb == neblock) {
            // Streams that did not compress are stored as is.
            System.arraycopy(buf, pos, target, tOff + s * neblock, neblock);
          } else {
            inner.decompress(buf, pos, cb, target, tOff + s * neblock, neblock);
          }
          pos += cb;
        }
        if (shuffle) {
          Shuffle.unshuffle(ts, tmp, 0, bsize, out, dstOff);
        } else if (unbit) {
          if (tmp2 == null) {
            tmp2 = block(1, bs);
          }
          BitShuffle.unshuffle(ts, tmp, 0, bsize, out, dstOff, tmp2);
        }
      }
    }
    return out;
  }

  /** This thread's block buffer {@code i} of at least {@code bs} bytes (contents unspecified). */
  private static byte[] block(int i, int bs) {
    if (bs > MAX_KEPT_BLOCK) {
      return new byte[bs];
    }
    byte[][] kept = BLOCKS.get();
    if (kept[i] == null || kept[i].length < bs) {
      kept[i] = new byte[bs];
    }
    return kept[i];
  }

  private static CorruptChunkException corrupt(String detail) {
    return new CorruptChunkException("blosc: " + detail);
  }
}
