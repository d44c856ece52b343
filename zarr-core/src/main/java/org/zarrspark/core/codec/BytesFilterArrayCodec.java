package org.zarrspark.core.codec;

import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.error.CorruptChunkException;

/**
 * A numcodecs filter used as a v3 array-to-array codec ("numcodecs.delta" before "bytes"): it
 * works on the little-endian element bytes and must keep the element size.
 */
final class BytesFilterArrayCodec implements ArrayCodec {
  private final BytesCodec filter;

  BytesFilterArrayCodec(BytesCodec filter) {
    this.filter = filter;
  }

  @Override
  public String name() {
    return filter.name();
  }

  @Override
  public int[] encodedShape(int[] shape) {
    return shape;
  }

  @Override
  public NdBuffer decode(NdBuffer encoded, int[] decodedShape) {
    byte[] out = filter.decode(encoded.bytes(), encoded.bytes().length);
    if (out.length != encoded.bytes().length) {
      throw new CorruptChunkException("filter " + filter.name() + " changed the element size");
    }
    return NdBuffer.wrap(encoded.type(), decodedShape, out);
  }

  @Override
  public NdBuffer encode(NdBuffer decoded) {
    return NdBuffer.wrap(decoded.type(), decoded.shape(), filter.encode(decoded.bytes()));
  }
}
