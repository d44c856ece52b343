package org.zarrspark.core.codec.blosc;

import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedCodecException;
import org.zarrspark.core.error.ZarrException;

/**
 * The Blosc1 codec (zarr v2 {@code "id": "blosc"}, zarr v3 {@code "blosc"}), in pure Java.
 *
 * <p>Decoding reads everything from the frame header — typesize, shuffle, inner codec, block
 * layout — so it reads any c-blosc 1.x frame whatever the configuration says (numcodecs.js, for
 * one, always writes typesize 4). Inner codecs: blosclz, lz4, lz4hc, snappy, zlib, zstd.
 *
 * <p>Encoding uses the configuration: {@code cname} (lz4hc writes plain LZ4 streams, which is
 * valid LZ4HC data), {@code clevel} 0-9 (0 stores the data uncompressed), {@code shuffle} 0 none,
 * 1 byte, 2 bit, -1 auto (bit for typesize 1, else byte), {@code typesize} (0 means 1) and
 * {@code blocksize} (0 = automatic, as c-blosc computes it).
 *
 * <p>Immutable and thread-safe: every call works on its own buffers.
 */
public final class BloscCodec implements BytesCodec {
  public static final int AUTOSHUFFLE = -1;
  public static final int NOSHUFFLE = 0;
  public static final int SHUFFLE = 1;
  public static final int BITSHUFFLE = 2;

  private final BloscCompressor compressor;
  private final int clevel;
  private final int shuffle;
  private final int typesize;
  private final int blocksize;

  public BloscCodec(String cname, int clevel, int shuffle, int typesize, int blocksize) {
    BloscCompressor c = BloscCompressor.forName(cname);
    if (c == null) {
      throw new UnsupportedCodecException("blosc: unknown cname '" + cname
          + "' (supported: blosclz, lz4, lz4hc, snappy, zlib, zstd)");
    }
    if (clevel < 0 || clevel > 9) {
      throw new InvalidMetadataException("blosc: clevel must be 0-9, got " + clevel);
    }
    if (shuffle < AUTOSHUFFLE || shuffle > BITSHUFFLE) {
      throw new InvalidMetadataException(
          "blosc: shuffle must be -1 (auto), 0, 1 or 2, got " + shuffle);
    }
    if (typesize < 0) {
      throw new InvalidMetadataException("blosc: typesize must not be negative, got " + typesize);
    }
    if (blocksize < 0) {
      throw new InvalidMetadataException(
          "blosc: blocksize must not be negative, got " + blocksize);
    }
    this.compressor = c;
    this.clevel = clevel;
    this.shuffle = shuffle;
    this.typesize = typesize;
    this.blocksize = blocksize;
  }

  @Override
  public String name() {
    return "blosc";
  }

  public String cname() {
    return compressor.cname;
  }

  public int clevel() {
    return clevel;
  }

  public int shuffle() {
    return shuffle;
  }

  public int typesize() {
    return typesize;
  }

  public int blocksize() {
    return blocksize;
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    try {
      return BloscDecoder.decode(encoded, maxDecodedSize);
    } catch (ZarrException e) {
      throw e;
    } catch (RuntimeException | AssertionError e) {
      // Explicit checks catch what we know of; this is the net for inner codec libraries,
      // which report malformed streams with their own runtime exceptions.
      throw new CorruptChunkException("blosc: malformed chunk: " + e, e);
    }
  }

  @Override
  public byte[] encode(byte[] decoded) {
    return BloscEncoder.encode(decoded, compressor, clevel, shuffle, typesize, blocksize);
  }

  @Override
  public String toString() {
    return "BloscCodec[cname=" + compressor.cname + ", clevel=" + clevel + ", shuffle=" + shuffle
        + ", typesize=" + typesize + ", blocksize=" + blocksize + "]";
  }
}
