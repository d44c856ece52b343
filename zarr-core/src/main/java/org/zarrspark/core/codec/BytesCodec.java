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

  /** Encodes one chunk. */
  byte[] encode(byte[] decoded);
}
