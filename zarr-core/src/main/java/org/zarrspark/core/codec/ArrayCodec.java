package org.zarrspark.core.codec;

import org.zarrspark.core.chunk.NdBuffer;

/** An array-to-array stage (transpose). Immutable and thread-safe. */
public interface ArrayCodec {
  String name();

  /** Shape of the encoded block for a decoded block of {@code shape}. */
  int[] encodedShape(int[] shape);

  /** Turns an encoded block back into the decoded block of {@code decodedShape}. */
  NdBuffer decode(NdBuffer encoded, int[] decodedShape);

  NdBuffer encode(NdBuffer decoded);
}
