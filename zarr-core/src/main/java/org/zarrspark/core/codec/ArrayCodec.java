package org.zarrspark.core.codec;

import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;

/**
 * An array-to-array stage (transpose, reshape, scale_offset, cast_value, numcodecs filters).
 * Bound to the element type it receives when encoding (its place in the chain), so it knows the
 * type it decodes back to. Immutable and thread-safe.
 */
public interface ArrayCodec {
  String name();

  /** Shape of the encoded block for a decoded block of {@code shape}. */
  int[] encodedShape(int[] shape);

  /**
   * Element type of the encoded block for a decoded block of {@code type}: the same, except for
   * codecs that convert elements (cast_value, a numcodecs filter with {@code astype}).
   */
  default DataType encodedType(DataType type) {
    return type;
  }

  /**
   * The fill value as the next stage sees it (element bytes or null for zeros), so that codecs
   * that fill missing parts (sharding) and the checks at open agree with the elements. Fails with
   * an {@link org.zarrspark.core.error.InvalidMetadataException} when the fill value has no
   * encoded value (cast_value to a type that cannot hold it).
   */
  default Object encodedFill(Object fill) {
    return fill;
  }

  /** Turns an encoded block back into the decoded block of {@code decodedShape}. */
  NdBuffer decode(NdBuffer encoded, int[] decodedShape);

  NdBuffer encode(NdBuffer decoded);
}
