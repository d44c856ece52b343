package org.zarrspark.spark.write;

import java.util.ArrayList;
import java.util.List;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.write.BlockBuilder;

/** Between a coordinate array and its values: the buffer to store, the stored values read back as keys. */
final class CoordinateArrays {
  private CoordinateArrays() {}

  /** A coordinate's values as the buffer to store (times CF-encoded). */
  static NdBuffer buffer(WriteColumn c, CoordinateValues v) {
    int n = v.size();
    DataType t = c.kind.zarrType();
    if (t.isVariableLength()) {
      return NdBuffer.wrapObjects(t, new int[] {n}, v.strings().clone());
    }
    BlockBuilder b = new BlockBuilder(t, new int[] {n}, null);
    for (int i = 0; i < n; i++) {
      if (v.doubles() != null) {
        b.setDouble(i, v.doubles()[i]);
      } else {
        b.setLong(i, c.stored(v.longs()[i]));
      }
    }
    return b.build();
  }

  /** An existing coordinate array's values as keys (see {@link ValueKind#key}). */
  static List<Object> keys(WriteColumn c, ZarrArray a) {
    NdBuffer b = a.readAll();
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < b.size(); i++) {
      switch (c.kind) {
        case STRING: out.add(b.getString(i)); break;
        case FLOAT32: case FLOAT64: out.add(c.kind.key(b.getAsDouble(i))); break;
        case TIMESTAMP: out.add(Math.addExact(c.time.epochMicros(), Math.multiplyExact(b.getAsLong(i), c.time.unitMicros()))); break;
        default: out.add(b.getAsLong(i)); break;
      }
    }
    return out;
  }
}
