package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteOrder;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TruncatedChunkException;

/** v3 "bytes" (and the implicit v2 array-to-bytes step): fixed-size elements in one byte order. */
public final class EndianCodec implements ArrayBytesCodec, WritableCodec {
  /** v3 "bytes". */
  public static final CodecType<ArrayBytesCodec> TYPE = CodecType.arrayBytes("bytes", null, EndianCodec::fromJson);
  /** "endian", its name in early v3 drafts. */
  public static final CodecType<ArrayBytesCodec> OLD_NAME_TYPE =
      CodecType.arrayBytes("endian", null, EndianCodec::fromJson);

  private final ByteOrder order;

  public EndianCodec(ByteOrder order) {
    this.order = order;
  }

  /** From the v3 configuration {"endian": "little" | "big"} (default little). */
  public static EndianCodec fromJson(JsonNode conf, CodecContext context) {
    String e = conf.path("endian").asText("little");
    switch (e) {
      case "little": return new EndianCodec(ByteOrder.LITTLE_ENDIAN);
      case "big": return new EndianCodec(ByteOrder.BIG_ENDIAN);
      default: throw new InvalidMetadataException("bytes endian '" + e + "' must be 'little' or 'big'");
    }
  }

  public ByteOrder order() {
    return order;
  }

  @Override
  public CodecType<?> type() {
    return TYPE;
  }

  @Override
  public ObjectNode configuration(int zarrFormat) {
    return JsonNodeFactory.instance.objectNode()
        .put("endian", order == ByteOrder.BIG_ENDIAN ? "big" : "little");
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
      swapElements(bytes, type);
    }
    if (SubByteInts.is(type)) {
      SubByteInts.normalize(bytes, type);
    }
    return NdBuffer.wrap(type, shape, bytes);
  }

  @Override
  public byte[] encode(NdBuffer block, Object fill) {
    byte[] out = block.bytes().clone();
    if (order == ByteOrder.BIG_ENDIAN) {
      swapElements(out, block.type());
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

  /** Reverses the byte order of every element in place; a struct's fields each in their own units. */
  public static void swapElements(byte[] b, DataType type) {
    if (type.kind() != DataType.Kind.STRUCT) {
      swap(b, swapUnit(type));
      return;
    }
    int[] plan = structSwaps(type, 0, new int[0]);
    int item = type.itemSize();
    for (int base = 0; base + item <= b.length; base += item) {
      for (int k = 0; k < plan.length; k += 2) {
        int at = base + plan[k];
        for (int lo = at, hi = at + plan[k + 1] - 1; lo < hi; lo++, hi--) {
          byte t = b[lo];
          b[lo] = b[hi];
          b[hi] = t;
        }
      }
    }
  }

  /** (offset, unit) pairs of the multi-byte units of a struct record, nested fields flattened. */
  private static int[] structSwaps(DataType type, int base, int[] acc) {
    for (DataType.Field f : type.fields()) {
      DataType t = f.type();
      int at = base + f.offset();
      if (t.kind() == DataType.Kind.STRUCT) {
        acc = structSwaps(t, at, acc);
        continue;
      }
      int unit = swapUnit(t);
      if (unit > 1) {
        int n = t.itemSize() / unit;
        int[] grown = java.util.Arrays.copyOf(acc, acc.length + 2 * n);
        for (int i = 0; i < n; i++) {
          grown[acc.length + 2 * i] = at + i * unit;
          grown[acc.length + 2 * i + 1] = unit;
        }
        acc = grown;
      }
    }
    return acc;
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
