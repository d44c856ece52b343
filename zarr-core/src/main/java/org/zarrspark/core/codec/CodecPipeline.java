package org.zarrspark.core.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.codec.compress.Crc32cCodec;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.TooLargeException;

/**
 * The bound codec chain of one array: array-to-array codecs, one array-to-bytes codec, then
 * bytes-to-bytes codecs, as the v3 spec orders them (v2 metadata is mapped onto the same shape).
 * Immutable; decoding allocates only the buffers it returns.
 */
public final class CodecPipeline {
  /** Bound for blocks whose encoded size cannot be known in advance (strings). */
  public static final int MAX_VARIABLE_CHUNK_BYTES = 1 << 30;

  /**
   * Largest block decoded at once, in bytes (a chunk, an inner chunk, or a shard decoded whole):
   * 512 MiB, or {@code -Dzarr.maxChunkBytes=N}. Metadata may declare any chunk shape; a read that
   * would decode a larger block fails with a {@link TooLargeException} before allocating it.
   */
  public static final long MAX_CHUNK_BYTES =
      Math.max(1, Math.min(Integer.MAX_VALUE - 8, Long.getLong("zarr.maxChunkBytes", 512L << 20)));

  private final List<ArrayCodec> arrayCodecs;
  private final ArrayBytesCodec arrayBytes;
  private final List<BytesCodec> bytesCodecs;

  public CodecPipeline(List<ArrayCodec> arrayCodecs, ArrayBytesCodec arrayBytes, List<BytesCodec> bytesCodecs) {
    this.arrayCodecs = Collections.unmodifiableList(new ArrayList<>(arrayCodecs));
    this.arrayBytes = arrayBytes;
    this.bytesCodecs = Collections.unmodifiableList(new ArrayList<>(bytesCodecs));
  }

  public List<ArrayCodec> arrayCodecs() {
    return arrayCodecs;
  }

  public ArrayBytesCodec arrayBytes() {
    return arrayBytes;
  }

  public List<BytesCodec> bytesCodecs() {
    return bytesCodecs;
  }

  /** The sharding codec when the chain is sharding alone (so shards can be read in part). */
  public ShardingCodec partialSharding() {
    if (arrayBytes instanceof ShardingCodec && arrayCodecs.isEmpty() && bytesCodecs.isEmpty()) {
      return (ShardingCodec) arrayBytes;
    }
    return null;
  }

  /** Decodes one stored block into a C-order block of {@code shape}. */
  public NdBuffer decode(byte[] data, DataType type, int[] shape, Object fill) {
    int n = arrayCodecs.size();
    int[][] shapes = new int[n + 1][];
    DataType[] types = new DataType[n + 1];
    shapes[0] = shape;
    types[0] = type;
    checkSize(type, shape);
    for (int i = 0; i < n; i++) {
      shapes[i + 1] = arrayCodecs.get(i).encodedShape(shapes[i]);
      // Codecs that convert elements (cast_value, astype) change the size the stages below decode to.
      types[i + 1] = arrayCodecs.get(i).encodedType(types[i]);
      checkSize(types[i + 1], shapes[i + 1]);
    }
    int[] inner = shapes[n];
    DataType innerType = types[n];
    int bound = maxBytes(innerType, inner);
    byte[] b = data;
    for (int i = bytesCodecs.size() - 1; i >= 0; i--) {
      b = bytesCodecs.get(i).decode(b, bound);
    }
    NdBuffer nd = arrayBytes.decode(b, innerType, inner, n == 0 ? fill : encodedFill(fill));
    for (int i = n - 1; i >= 0; i--) {
      nd = arrayCodecs.get(i).decode(nd, shapes[i]);
    }
    return nd;
  }

  private static void checkSize(DataType type, int[] shape) {
    long size = (long) NdBuffer.elementCount(shape) * Math.max(1, type.itemSize());
    if (size > MAX_CHUNK_BYTES) {
      throw new TooLargeException("a block of shape " + Arrays.toString(shape) + " of " + type + " decodes to "
          + size + " bytes, more than the limit of " + MAX_CHUNK_BYTES + " (-Dzarr.maxChunkBytes)");
    }
  }

  /** The block shape the array-to-bytes codec sees for a chunk of {@code shape} (reshape, transpose). */
  public int[] encodedShape(int[] shape) {
    int[] s = shape;
    for (ArrayCodec c : arrayCodecs) {
      s = c.encodedShape(s);
    }
    return s;
  }

  /** The element type the array-to-bytes codec sees for an array of {@code type}. */
  public DataType encodedType(DataType type) {
    DataType t = type;
    for (ArrayCodec c : arrayCodecs) {
      t = c.encodedType(t);
    }
    return t;
  }

  /**
   * The fill value as the array-to-bytes codec sees it, through every array-to-array codec.
   * Metadata parsing calls it once: a fill value that a codec cannot encode (cast_value to a type
   * that cannot hold it) is an {@link org.zarrspark.core.error.InvalidMetadataException} at open.
   */
  public Object encodedFill(Object fill) {
    Object f = fill;
    for (ArrayCodec c : arrayCodecs) {
      f = c.encodedFill(f);
    }
    return f;
  }

  /**
   * Decodes enough of one stored block to hold the box {@code [boxOrigin, boxOrigin + boxShape)}:
   * with no array codec and a single bytes codec that decodes by blocks (Blosc), only the blocks
   * covering the box's bytes in C order are decoded, and elements outside the box are unset;
   * otherwise the whole block.
   */
  public NdBuffer decodeBox(byte[] data, DataType type, int[] shape, Object fill, int[] boxOrigin, int[] boxShape) {
    return decodeBox(data, type, shape, fill, boxOrigin, boxShape, null);
  }

  /**
   * As {@link #decodeBox(byte[], DataType, int[], Object, int[], int[])}, the decoded bytes in an
   * array from {@code buffers} (may be null) where the codec allows it.
   */
  public NdBuffer decodeBox(byte[] data, DataType type, int[] shape, Object fill, int[] boxOrigin, int[] boxShape,
      DecodeBuffers buffers) {
    if (!arrayCodecs.isEmpty() || bytesCodecs.size() != 1 || !(arrayBytes instanceof EndianCodec)
        || type.isVariableLength() || type.itemSize() <= 0) {
      return decode(data, type, shape, fill);
    }
    long size = (long) NdBuffer.elementCount(shape) * type.itemSize();
    if (size > MAX_CHUNK_BYTES) {
      return decode(data, type, shape, fill); // refused there, with its message
    }
    long first = 0;
    long last = 0;
    for (int d = 0; d < shape.length; d++) {
      first = first * shape[d] + boxOrigin[d];
      last = last * shape[d] + boxOrigin[d] + Math.max(1, boxShape[d]) - 1;
    }
    int item = type.itemSize();
    byte[] b = bytesCodecs.get(0).decodeRange(data, maxBytes(type, shape), first * item, (last + 1) * item, buffers);
    return arrayBytes.decode(b, type, shape, fill);
  }

  /** Encodes one C-order block. */
  public byte[] encode(NdBuffer block, Object fill) {
    NdBuffer nd = block;
    for (ArrayCodec c : arrayCodecs) {
      nd = c.encode(nd);
    }
    byte[] b = arrayBytes.encode(nd, arrayCodecs.isEmpty() ? fill : encodedFill(fill));
    for (BytesCodec c : bytesCodecs) {
      b = c.encode(b);
    }
    return b;
  }

  /**
   * Upper bound of the bytes between the array-to-bytes codec and the first compressor, given
   * to bytes codecs so that a lying header is refused before anything is allocated. The slack
   * covers checksums that filters append.
   */
  int maxBytes(DataType type, int[] shape) {
    long fixed = arrayBytes.maxEncodedSize(type, shape);
    if (fixed < 0) {
      return (int) Math.min(MAX_VARIABLE_CHUNK_BYTES, MAX_CHUNK_BYTES);
    }
    return (int) Math.min(Integer.MAX_VALUE - 16, fixed + 64L * (1 + bytesCodecs.size()));
  }

  /** Exact encoded size when every stage has one (shard indexes), else -1. */
  public long fixedEncodedSize(DataType type, int[] shape) {
    int[] s = shape;
    DataType t = type;
    for (ArrayCodec c : arrayCodecs) {
      s = c.encodedShape(s);
      t = c.encodedType(t);
    }
    long size = arrayBytes.encodedSize(t, s);
    if (size < 0) {
      return -1;
    }
    for (BytesCodec c : bytesCodecs) {
      if (!(c instanceof Crc32cCodec)) {
        return -1;
      }
      size += 4;
    }
    return size;
  }
}
