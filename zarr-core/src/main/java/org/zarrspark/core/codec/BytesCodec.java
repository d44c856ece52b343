package org.zarrspark.core.codec;

/**
 * A bytes-to-bytes stage: compressors, checksums and v2 numcodecs filters. Implementations are
 * immutable and thread-safe once built, so one instance serves every chunk of an array.
 */
public interface BytesCodec {
  /** The codec's name as written in metadata (v3 name or v2 id), for messages. */
  String name();

  /**
   * Decodes one chunk. {@code maxDecodedSize} bounds the output: a header that claims more is
   * refused with a {@link org.zarrspark.core.error.CorruptChunkException} before anything is
   * allocated. Malformed input raises a subclass of {@link org.zarrspark.core.error.ZarrException}
   * (never a runtime exception of the JDK or of a codec library).
   */
  byte[] decode(byte[] encoded, int maxDecodedSize);

  /**
   * Decodes at least the decoded bytes {@code [from, to)} of one chunk, into a buffer of the
   * chunk's full decoded size; bytes outside the range may be left unset. A codec that stores
   * independent blocks (Blosc) decodes only those that hold the range; others decode everything.
   */
  default byte[] decodeRange(byte[] encoded, int maxDecodedSize, long from, long to) {
    return decode(encoded, maxDecodedSize);
  }

  /**
   * As {@link #decodeRange(byte[], int, long, long)}, into an array from {@code buffers} where the
   * codec decodes into an output it allocates itself (bytes outside the range then hold whatever
   * the array held); the others ignore {@code buffers}.
   */
  default byte[] decodeRange(byte[] encoded, int maxDecodedSize, long from, long to, DecodeBuffers buffers) {
    return decodeRange(encoded, maxDecodedSize, from, to);
  }

  /** Encodes one chunk. */
  byte[] encode(byte[] decoded);
}
