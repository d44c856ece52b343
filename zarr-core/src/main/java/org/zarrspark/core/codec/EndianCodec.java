package org.zarrspark.core.codec;

import java.nio.ByteOrder;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;

/** v3 "bytes" (and the implicit v2 array-to-bytes step): fixed-size elements in one byte order. */
public final class EndianCodec implements ArrayBytesCodec {
  private final ByteOrder order;

  public EndianCodec(ByteOrder order) {
    this.order = order;
  }

  public ByteOrder order() {
    return order;
  }

  @Override
  public String name() {
    return "bytes";
  }

  @Override
  public long encodedSize(DataType type, int[] shape) {
    return (long) NdBuffer.elementCount(shape) * type.itemSize();
  }

  @Override
  public NdBuffer decode(byte[] bytes, DataType type, int[] shape, Object fill) {
    int want = NdBuffer.byteCount(type, shape);
    if (bytes.length != want) {
      String what = "decoded chunk has " + bytes.length + " bytes, expected " + want
          + " (" + NdBuffer.elementCount(shape) + " elements of " + type + ")";
      throw bytes.length < want ? new TruncatedChunkException(what) : new CorruptChunkException(what);
    }
    if (order == ByteOrder.BIG_ENDIAN) {
      swap(bytes, swapUnit(type));
    }
    return NdBuffer.wrap(type, shape, bytes);
  }

  @Override
  public byte[] encode(NdBuffer block, Object fill) {
    byte[] out = block.bytes().clone();
    if (order == ByteOrder.BIG_ENDIAN) {
      swap(out, swapUnit(block.type()));
    }
    return out;
  }

  /** Size of the units whose bytes are reversed: the element, a complex half, a UTF-32 code unit. */
  static int swapUnit(DataType type) {
    switch (type.kind()) {
      case BOOL:
      case BYTES:
        return 1;
      case COMPLEX:
        return type.itemSize() / 2;
      case UNICODE:
        return 4;
      default:
        return type.itemSize();
    }
  }

  /** Reverses the bytes of each {@code unit}-sized group in place. */
  public static void swap(byte[] b, int unit) {
    switch (unit) {
      case 1:
        return;
      case 2:
        for (int i = 0; i + 1 < b.length; i += 2) {
          byte t = b[i];
          b[i] = b[i + 1];
          b[i + 1] = t;
        }
        return;
      default:
        for (int i = 0; i + unit <= b.length; i += unit) {
          for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
            byte t = b[lo];
            b[lo] = b[hi];
            b[hi] = t;
          }
        }
    }
  }
}
