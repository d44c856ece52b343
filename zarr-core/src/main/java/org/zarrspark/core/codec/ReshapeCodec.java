package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.error.InvalidMetadataException;

/**
 * v3 "reshape" (zarr-extensions codecs/reshape), array-to-array: the same elements in the same C
 * order under another shape. Each item of {@code shape} is a size, -1 (at most once: whatever
 * makes the element counts agree) or a list of input axes whose sizes multiply (in increasing
 * order over all lists, each list covering exactly the input axes it names). Decoding only
 * relabels the buffer: nothing is copied.
 */
public final class ReshapeCodec implements ArrayCodec {
  /** v3 "reshape" {"shape": [[0, 1], -1, 3]}. */
  public static final CodecType<ArrayCodec> TYPE = CodecType.array("reshape", (config, context) -> fromJson(config));

  // Per output axis: a size > 0, -1, or (dims[i] != null) the input axes merged.
  private final long[] sizes;
  private final int[][] dims;

  private ReshapeCodec(long[] sizes, int[][] dims) {
    this.sizes = sizes;
    this.dims = dims;
  }

  static ReshapeCodec fromJson(JsonNode config) {
    JsonNode shape = config == null ? null : config.get("shape");
    if (shape == null || !shape.isArray() || shape.isEmpty()) {
      throw new InvalidMetadataException("codec reshape: configuration.shape must be a non-empty list, got " + shape);
    }
    if (config.size() != 1) {
      throw new InvalidMetadataException("codec reshape: configuration " + config + " has fields besides 'shape'");
    }
    long[] sizes = new long[shape.size()];
    int[][] dims = new int[shape.size()][];
    int auto = 0;
    int lastDim = -1;
    for (int i = 0; i < sizes.length; i++) {
      JsonNode item = shape.get(i);
      if (item.isArray()) {
        dims[i] = new int[item.size()];
        for (int j = 0; j < item.size(); j++) {
          JsonNode d = item.get(j);
          if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
            throw new InvalidMetadataException("codec reshape: input axis " + d + " in " + shape
                + " is not a non-negative integer");
          }
          if (d.intValue() <= lastDim) {
            throw new InvalidMetadataException("codec reshape: the input axes of " + shape
                + " must be strictly increasing (reshape never transposes)");
          }
          lastDim = d.intValue();
          dims[i][j] = lastDim;
        }
      } else if (item.isIntegralNumber() && item.canConvertToLong() && (item.longValue() > 0 || item.longValue() == -1)) {
        sizes[i] = item.longValue();
        if (sizes[i] == -1 && ++auto > 1) {
          throw new InvalidMetadataException("codec reshape: " + shape + " has -1 more than once");
        }
      } else {
        throw new InvalidMetadataException("codec reshape: shape item " + item + " must be a positive size, -1 or"
            + " a list of input axes");
      }
    }
    return new ReshapeCodec(sizes, dims);
  }

  @Override
  public String name() {
    return "reshape";
  }

  @Override
  public int[] encodedShape(int[] shape) {
    long total = NdBuffer.elementCount(shape);
    long[] out = new long[sizes.length];
    int auto = -1;
    long known = 1;
    for (int i = 0; i < out.length; i++) {
      if (dims[i] != null) {
        long p = 1;
        for (int d : dims[i]) {
          if (d >= shape.length) {
            throw new InvalidMetadataException("codec reshape: input axis " + d + " of " + describe()
                + " is not an axis of a chunk of rank " + shape.length);
          }
          p *= shape[d];
        }
        out[i] = p;
      } else {
        out[i] = sizes[i];
      }
      if (out[i] == -1) {
        auto = i;
      } else {
        known = Math.multiplyExact(known, out[i]);
      }
    }
    if (auto >= 0) {
      if (known == 0 || total % known != 0) {
        throw new InvalidMetadataException("codec reshape: " + describe() + " cannot hold the " + total
            + " elements of a chunk of shape " + Arrays.toString(shape));
      }
      out[auto] = total / known;
    } else if (known != total) {
      throw new InvalidMetadataException("codec reshape: " + describe() + " gives " + known
          + " elements for a chunk of shape " + Arrays.toString(shape) + " (" + total + ")");
    }
    // Merged axes must sit where they were: the output axes before and after hold the same counts.
    for (int i = 0; i < out.length; i++) {
      if (dims[i] == null || dims[i].length == 0) {
        continue;
      }
      long before = 1;
      for (int j = 0; j < i; j++) {
        before *= out[j];
      }
      long inBefore = 1;
      for (int d = 0; d < dims[i][0]; d++) {
        inBefore *= shape[d];
      }
      long after = 1;
      for (int j = i + 1; j < out.length; j++) {
        after *= out[j];
      }
      long inAfter = 1;
      for (int d = dims[i][dims[i].length - 1] + 1; d < shape.length; d++) {
        inAfter *= shape[d];
      }
      if (before != inBefore || after != inAfter) {
        throw new InvalidMetadataException("codec reshape: output axis " + i + " of " + describe()
            + " does not line up with input axes " + Arrays.toString(dims[i]) + " of shape " + Arrays.toString(shape));
      }
    }
    int[] r = new int[out.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.toIntExact(out[i]);
    }
    return r;
  }

  private String describe() {
    StringBuilder sb = new StringBuilder("shape [");
    for (int i = 0; i < sizes.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(dims[i] != null ? Arrays.toString(dims[i]) : String.valueOf(sizes[i]));
    }
    return sb.append(']').toString();
  }

  @Override
  public NdBuffer decode(NdBuffer encoded, int[] decodedShape) {
    return relabel(encoded, decodedShape);
  }

  @Override
  public NdBuffer encode(NdBuffer decoded) {
    return relabel(decoded, encodedShape(decoded.shape()));
  }

  private static NdBuffer relabel(NdBuffer b, int[] shape) {
    return b.objects() != null ? NdBuffer.wrapObjects(b.type(), shape, b.objects())
        : NdBuffer.wrap(b.type(), shape, b.bytes());
  }

  @Override
  public String toString() {
    return "ReshapeCodec(" + describe() + ")";
  }
}
