package org.zarrspark.core.codec.blosc;

import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;

/**
 * The 16-byte header that starts every Blosc1 frame. {@link #read} validates everything that can
 * be checked before any allocation, so a lying header costs nothing.
 *
 * <pre>
 *   0  version     (2 for every c-blosc 1.x release)
 *   1  versionlz   (format version of the inner codec, always 1)
 *   2  flags       bit0 byte shuffle, bit1 memcpyed, bit2 bitshuffle, bit3 reserved,
 *                  bit4 "don't split", bits5-7 inner codec format
 *   3  typesize
 *   4  nbytes      (int32 LE, decoded size)
 *   8  blocksize   (int32 LE)
 *  12  cbytes      (int32 LE, size of the whole frame)
 * </pre>
 */
final class BloscHeader {
  static final int SIZE = 16;

  static final int FLAG_SHUFFLE = 0x01;
  static final int FLAG_MEMCPYED = 0x02;
  static final int FLAG_BITSHUFFLE = 0x04;
  static final int FLAG_RESERVED = 0x08;
  static final int FLAG_DONT_SPLIT = 0x10;

  /** Format version written by every c-blosc 1.x release. */
  static final int VERSION = 2;
  /** Inner codec format version, 1 for every codec. */
  static final int VERSION_LZ = 1;

  static final int MAX_TYPESIZE = 255;
  /**
   * Upper bound of output bytes per compressed byte, by inner format (blosclz, lz4, snappy,
   * zlib, zstd): length codes of 255 per byte for the LZ77 ones, 1032 for deflate, a 128 KiB
   * RLE block per 4 bytes for zstd.
   */
  private static final int[] MAX_EXPANSION = {256, 256, 256, 1040, 1 << 15};
  /** c-blosc's BLOSC_MAX_BLOCKSIZE: (INT_MAX - 255 * 4) / 3. */
  static final int MAX_BLOCKSIZE = (Integer.MAX_VALUE - MAX_TYPESIZE * 4) / 3;

  final int version;
  final int flags;
  final int typesize;
  final int nbytes;
  final int blocksize;
  final int cbytes;

  private BloscHeader(int version, int flags, int typesize, int nbytes, int blocksize, int cbytes) {
    this.version = version;
    this.flags = flags;
    this.typesize = typesize;
    this.nbytes = nbytes;
    this.blocksize = blocksize;
    this.cbytes = cbytes;
  }

  boolean memcpyed() {
    return (flags & FLAG_MEMCPYED) != 0;
  }

  /** Inner codec format (bits 5-7): 0 blosclz, 1 lz4/lz4hc, 2 snappy, 3 zlib, 4 zstd. */
  int format() {
    return (flags >>> 5) & 0x7;
  }

  /** Number of blocks, the last one possibly partial. Valid once nbytes and blocksize are. */
  int nblocks() {
    int n = nbytes / blocksize;
    return nbytes % blocksize == 0 ? n : n + 1;
  }

  /**
   * Parses and validates a header against the buffer it came from. Everything checked here
   * mirrors (or is stricter than) c-blosc 1.21's blosc_run_decompression_with_context.
   */
  static BloscHeader read(byte[] buf, int maxDecodedSize) {
    if (buf == null) {
      throw new CorruptChunkException("blosc: no data");
    }
    if (buf.length < SIZE) {
      throw new TruncatedChunkException(
          "blosc: chunk of " + buf.length + " bytes is shorter than the 16-byte blosc header");
    }
    int version = buf[0] & 0xFF;
    int flags = buf[2] & 0xFF;
    int typesize = buf[3] & 0xFF;
    int nbytes = LittleEndian.getInt(buf, 4);
    int blocksize = LittleEndian.getInt(buf, 8);
    int cbytes = LittleEndian.getInt(buf, 12);

    // Versions 1 and 2 share one layout; 3 and later are Blosc2 chunks, which c-blosc 1.x refuses.
    if (version != 1 && version != VERSION) {
      throw new CorruptChunkException("blosc: unsupported format version " + version
          + " (only Blosc1 frames, version 2, are supported)");
    }
    if (nbytes < 0) {
      throw new CorruptChunkException("blosc: header claims a negative size " + nbytes);
    }
    if (nbytes > maxDecodedSize) {
      throw new CorruptChunkException("blosc: header claims " + nbytes
          + " decoded bytes, more than the " + Math.max(maxDecodedSize, 0) + " expected");
    }
    if (cbytes < SIZE) {
      throw new CorruptChunkException("blosc: header claims a frame size of " + cbytes
          + " bytes, less than the header itself");
    }
    if (cbytes > buf.length) {
      throw new TruncatedChunkException("blosc: header claims a frame of " + cbytes
          + " bytes but only " + buf.length + " are present");
    }
    BloscHeader h = new BloscHeader(version, flags, typesize, nbytes, blocksize, cbytes);
    if (nbytes == 0) {
      return h; // c-blosc returns an empty result before looking at anything else
    }
    if ((flags & FLAG_RESERVED) != 0) {
      throw new CorruptChunkException("blosc: reserved header flag 0x08 is set (flags 0x"
          + Integer.toHexString(flags) + ")");
    }
    if (typesize == 0) {
      throw new CorruptChunkException("blosc: header typesize is 0");
    }
    if (blocksize <= 0 || blocksize > nbytes || blocksize > MAX_BLOCKSIZE) {
      throw new CorruptChunkException(
          "blosc: invalid blocksize " + blocksize + " for " + nbytes + " decoded bytes");
    }
    if (h.memcpyed()) {
      if ((long) nbytes + SIZE != cbytes) {
        throw new CorruptChunkException("blosc: uncompressed frame of " + nbytes
            + " bytes must be " + ((long) nbytes + SIZE) + " bytes long, header says " + cbytes);
      }
    } else {
      if (h.format() > 4) {
        throw new CorruptChunkException("blosc: unknown inner compressor format " + h.format());
      }
      // The block offset table must fit in the frame.
      if (h.nblocks() > (cbytes - SIZE) / 4) {
        throw new CorruptChunkException("blosc: frame of " + cbytes + " bytes cannot hold the "
            + h.nblocks() + " block offsets its header implies");
      }
      // Nor may nbytes exceed what the frame's bytes can expand to: refused before allocating.
      long most = (long) (cbytes - SIZE) * MAX_EXPANSION[h.format()];
      if (nbytes > most) {
        throw new CorruptChunkException("blosc: header claims " + nbytes + " decoded bytes, more than a frame of "
            + cbytes + " bytes can expand to (" + most + ")");
      }
    }
    return h;
  }
}
