package org.zarrspark.core.codec;

import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;

/** The array-to-bytes stage (bytes/endian, vlen-utf8, sharding). Immutable and thread-safe. */
public interface ArrayBytesCodec {
  String name();

  /**
   * Decodes the bytes of one block of {@code shape}. {@code fill} is the array's fill value
   * (used by codecs that hold missing parts, like sharding).
   */
  NdBuffer decode(byte[] bytes, DataType type, int[] shape, Object fill);

  byte[] encode(NdBuffer block, Object fill);

  /** Exact encoded size for a block of fixed-size elements, or -1 when it varies. */
  default long encodedSize(DataType type, int[] shape) {
    return -1;
  }

  /** Upper bound of the encoded size of a block, or -1 when there is none (strings). */
  default long maxEncodedSize(DataType type, int[] shape) {
    return encodedSize(type, shape);
  }
}
