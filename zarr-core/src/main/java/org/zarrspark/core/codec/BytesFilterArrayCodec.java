package org.zarrspark.core.codec;

import java.util.Arrays;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.codec.filter.AsType;
import org.zarrspark.core.codec.filter.Categorize;
import org.zarrspark.core.codec.filter.Delta;
import org.zarrspark.core.codec.filter.FixedScaleOffset;
import org.zarrspark.core.codec.filter.PackBits;
import org.zarrspark.core.codec.filter.Quantize;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;

/**
 * A numcodecs filter used as a v3 array-to-array codec ("numcodecs.delta" before "bytes"), as
 * zarr-python 3 runs it: on the little-endian element bytes of the chunk. Filters that store
 * another type ({@code astype} of delta / fixedscaleoffset / quantize / categorize, astype's
 * {@code encode_dtype}, packbits' bytes) declare it here, so the stages below decode to the
 * stored size and this one converts back to the type it was bound with.
 */
final class BytesFilterArrayCodec implements ArrayCodec {
  private final BytesCodec filter;
  private final DataType decodedType;
  private final DataType stored;
  private final boolean packs;

  /** @param decodedType the element type this filter receives when encoding (its place in the chain) */
  BytesFilterArrayCodec(BytesCodec filter, DataType decodedType) {
    this.filter = filter;
    this.decodedType = decodedType;
    this.packs = filter instanceof PackBits;
    this.stored = storedType(filter, decodedType);
  }

  /** The type a numcodecs filter stores, little-endian as the v3 chain holds elements. */
  private static DataType storedType(BytesCodec f, DataType decoded) {
    DataType t;
    if (f instanceof FixedScaleOffset x) {
      t = x.astype();
    } else if (f instanceof Delta x) {
      t = x.astype();
    } else if (f instanceof AsType x) {
      t = x.encodeType();
    } else if (f instanceof Quantize x) {
      t = x.astype();
    } else if (f instanceof Categorize x) {
      t = x.astype();
    } else if (f instanceof PackBits) {
      t = DataType.UINT8;
    } else {
      t = decoded;
    }
    return t == null ? decoded : t.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public String name() {
    return filter.name();
  }

  @Override
  public int[] encodedShape(int[] shape) {
    if (packs) { // numcodecs packbits: a header byte and the bits, as one 1-d uint8 block
      return new int[] {1 + (NdBuffer.elementCount(shape) + 7) / 8};
    }
    return shape;
  }

  @Override
  public DataType encodedType(DataType type) {
    return stored;
  }

  @Override
  public Object encodedFill(Object fill) {
    if (packs || !(fill instanceof byte[] f) || stored.equals(decodedType)) {
      return packs ? null : fill;
    }
    byte[] e = filter.encode(f); // one element through the filter: the fill value as stored
    return e.length == stored.itemSize() ? e : null;
  }

  @Override
  public NdBuffer decode(NdBuffer encoded, int[] decodedShape) {
    int want = NdBuffer.byteCount(decodedType, decodedShape);
    byte[] out = filter.decode(encoded.bytes(), want);
    if (out.length != want) {
      String what = "filter " + filter.name() + " decoded " + out.length + " bytes, expected " + want + " ("
          + NdBuffer.elementCount(decodedShape) + " elements of " + decodedType + ", shape "
          + Arrays.toString(decodedShape) + ")";
      throw out.length < want ? new TruncatedChunkException(what) : new CorruptChunkException(what);
    }
    return NdBuffer.wrap(decodedType, decodedShape, out);
  }

  @Override
  public NdBuffer encode(NdBuffer decoded) {
    byte[] b = filter.encode(decoded.bytes());
    return NdBuffer.wrap(stored, encodedShape(decoded.shape()), b);
  }
}
