package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.chunk.Strides;
import org.zarrspark.core.error.InvalidMetadataException;

/**
 * v3 transpose: the encoded block has axes {@code order} of the decoded one. v2 order "F" is the
 * transpose with the axes reversed.
 */
public final class TransposeCodec implements ArrayCodec, WritableCodec {
  /** v3 "transpose" {"order": [...]}. */
  public static final CodecType<ArrayCodec> TYPE = CodecType.array("transpose",
      (config, context) -> new TransposeCodec(Codecs.intArray(config.get("order"), "transpose order")));

  private final int[] order;
  private final int[] inverse;

  public TransposeCodec(int[] order) {
    this.order = order.clone();
    this.inverse = new int[order.length];
    boolean[] seen = new boolean[order.length];
    for (int i = 0; i < order.length; i++) {
      int a = order[i];
      if (a < 0 || a >= order.length || seen[a]) {
        throw new InvalidMetadataException("transpose order " + Arrays.toString(order)
            + " is not a permutation of 0.." + (order.length - 1));
      }
      seen[a] = true;
      inverse[a] = i;
    }
  }

  /** The codec equivalent to v2 Fortran order for the given rank. */
  public static TransposeCodec fortran(int rank) {
    int[] o = new int[rank];
    for (int i = 0; i < rank; i++) {
      o[i] = rank - 1 - i;
    }
    return new TransposeCodec(o);
  }

  public int[] order() {
    return order.clone();
  }

  @Override
  public CodecType<?> type() {
    return TYPE;
  }

  @Override
  public ObjectNode configuration(int zarrFormat) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ArrayNode a = o.putArray("order");
    for (int i : order) {
      a.add(i);
    }
    return o;
  }

  @Override
  public String name() {
    return "transpose";
  }

  @Override
  public int[] encodedShape(int[] shape) {
    int[] s = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      s[i] = shape[order[i]];
    }
    return s;
  }

  @Override
  public NdBuffer decode(NdBuffer encoded, int[] decodedShape) {
    return Strides.permute(encoded, inverse, decodedShape);
  }

  @Override
  public NdBuffer encode(NdBuffer decoded) {
    return Strides.permute(decoded, order, encodedShape(decoded.shape()));
  }
}
