package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.error.UnsupportedDataTypeException;

/**
 * v3 "packbits" (zarr-extensions codecs/packbits), array-to-bytes: each element's bits
 * {@code [first_bit, last_bit]} (per component) one after the other, element i at bits
 * {@code [i*k, (i+1)*k)} of the sequence, bit s being bit {@code s % 8} (from the least significant)
 * of byte {@code s / 8}; zero bits pad to a byte, and {@code padding_encoding} first_byte / last_byte
 * adds a byte holding the padding count. Decoding shifts the bits back to first_bit and
 * sign-extends signed integers. Not numcodecs' v2 packbits (most significant bit first).
 */
public final class PackBitsCodec implements ArrayBytesCodec {
  /** v3 "packbits" {"padding_encoding": "none" | "first_byte" | "last_byte", "first_bit", "last_bit"}. */
  public static final CodecType<ArrayBytesCodec> TYPE = CodecType.arrayBytes("packbits", null, PackBitsCodec::fromJson);

  /** Where the padding count is kept. */
  public enum Padding { NONE, FIRST_BYTE, LAST_BYTE }

  private final Padding padding;
  private final Integer firstBit;
  private final Integer lastBit;

  /** @param firstBit null for 0; @param lastBit null for the component's last bit */
  public PackBitsCodec(Padding padding, Integer firstBit, Integer lastBit) {
    if (firstBit != null && firstBit < 0 || lastBit != null && lastBit < 0
        || firstBit != null && lastBit != null && lastBit < firstBit) {
      throw new InvalidMetadataException("codec packbits: first_bit " + firstBit + " and last_bit " + lastBit
          + " must be non-negative with last_bit >= first_bit");
    }
    this.padding = padding;
    this.firstBit = firstBit;
    this.lastBit = lastBit;
  }

  static PackBitsCodec fromJson(JsonNode conf, CodecContext context) {
    Padding p = Padding.NONE;
    Integer first = null;
    Integer last = null;
    if (conf != null && conf.isObject()) {
      for (Iterator<String> it = conf.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        JsonNode v = conf.get(f);
        switch (f) {
          case "padding_encoding":
            // The README's names; its schema.json spells them start_byte / end_byte, which no writer uses.
            switch (v.asText("")) {
              case "none": p = Padding.NONE; break;
              case "first_byte": case "start_byte": p = Padding.FIRST_BYTE; break;
              case "last_byte": case "end_byte": p = Padding.LAST_BYTE; break;
              default:
                throw new InvalidMetadataException("codec packbits: padding_encoding " + v
                    + " must be \"none\", \"first_byte\" or \"last_byte\"");
            }
            break;
          case "first_bit": case "start_bit":
            first = bit(v, f);
            break;
          case "last_bit": case "end_bit":
            last = bit(v, f);
            break;
          default:
            throw new InvalidMetadataException("codec packbits: unknown configuration field '" + f + "'");
        }
      }
    } else if (conf != null && !conf.isMissingNode() && !conf.isNull()) {
      throw new InvalidMetadataException("codec packbits: configuration must be an object, got " + conf);
    }
    PackBitsCodec c = new PackBitsCodec(p, first, last);
    if (context.type() != null) {
      c.layout(context.type()); // refuses types it cannot pack, at open
    }
    return c;
  }

  private static Integer bit(JsonNode v, String field) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
      throw new InvalidMetadataException("codec packbits: " + field + " " + v + " must be a non-negative integer");
    }
    return v.intValue();
  }

  /** {components, bits per component N, component bytes, first bit, kept bits b, signed}. */
  private int[] layout(DataType t) {
    int n;
    int comps = 1;
    switch (t.kind()) {
      case BOOL:
        n = 1;
        break;
      case INT:
      case UINT:
      case NARROW_FLOAT: // float6/float4 held one byte each, their bit pattern in the low bits
        n = t.bits();
        break;
      case FLOAT:
        n = t.itemSize() * 8;
        break;
      case COMPLEX:
        comps = 2;
        n = t.itemSize() * 4;
        break;
      default:
        throw new UnsupportedDataTypeException("codec packbits cannot encode data type " + t
            + " (bool, integers, floats and complex)");
    }
    int first = firstBit == null ? 0 : firstBit;
    int last = lastBit == null ? n - 1 : lastBit;
    if (last >= n || first > last) {
      throw new InvalidMetadataException("codec packbits: bits " + first + ".." + last + " are not within the "
          + n + " bits of " + t);
    }
    return new int[] {comps, n, t.itemSize() / comps, first, last - first + 1, t.kind() == DataType.Kind.INT ? 1 : 0};
  }

  @Override
  public String name() {
    return "packbits";
  }

  private long dataBytes(int[] l, int elements) {
    return ((long) elements * l[0] * l[4] + 7) / 8;
  }

  @Override
  public long encodedSize(DataType type, int[] shape) {
    return dataBytes(layout(type), NdBuffer.elementCount(shape)) + (padding == Padding.NONE ? 0 : 1);
  }

  @Override
  public NdBuffer decode(byte[] bytes, DataType type, int[] shape, Object fill) {
    int[] l = layout(type);
    int count = NdBuffer.elementCount(shape);
    long bits = (long) count * l[0] * l[4];
    long data = (bits + 7) / 8;
    int pad = (int) (data * 8 - bits);
    long want = data + (padding == Padding.NONE ? 0 : 1);
    if (bytes.length != want) {
      String what = "packbits chunk has " + bytes.length + " bytes, expected " + want + " (" + count
          + " elements of " + l[0] * l[4] + " bits" + (padding == Padding.NONE ? "" : " and a padding byte") + ")";
      throw bytes.length < want ? new TruncatedChunkException(what) : new CorruptChunkException(what);
    }
    int start = padding == Padding.FIRST_BYTE ? 1 : 0;
    if (padding != Padding.NONE) {
      int said = bytes[padding == Padding.FIRST_BYTE ? 0 : bytes.length - 1] & 0xFF;
      if (said != pad) {
        throw new CorruptChunkException("packbits padding byte says " + said + " padding bits, expected " + pad
            + " for " + count + " elements of " + l[0] * l[4] + " bits");
      }
    }
    NdBuffer out = NdBuffer.allocate(type, shape);
    byte[] o = out.bytes();
    int comps = l[0];
    int compBytes = l[2];
    int first = l[3];
    int b = l[4];
    boolean signed = l[5] == 1;
    int n = l[1];
    long pos = (long) start * 8;
    int slots = count * comps;
    for (int s = 0; s < slots; s++, pos += b) {
      long v = readBits(bytes, pos, b) << first;
      if (signed) {
        int top = first + b; // sign bit is the last encoded bit
        v = (v << (64 - top)) >> (64 - top);
      }
      if (n < 8) { // bool and the sub-byte integers: one byte each
        o[s] = (byte) v;
      } else {
        int off = s * compBytes;
        for (int k = 0; k < compBytes; k++) {
          o[off + k] = (byte) (v >>> (8 * k));
        }
      }
    }
    return out;
  }

  /** {@code count} (1..64) bits of {@code src} from bit {@code pos}, least significant first. */
  private static long readBits(byte[] src, long pos, int count) {
    long v = 0;
    int got = 0;
    while (got < count) {
      int idx = (int) (pos >>> 3);
      int off = (int) (pos & 7);
      int take = Math.min(8 - off, count - got);
      long part = ((src[idx] & 0xFF) >>> off) & ((1 << take) - 1);
      v |= part << got;
      got += take;
      pos += take;
    }
    return v;
  }

  private static void writeBits(byte[] dst, long pos, int count, long v) {
    int done = 0;
    while (done < count) {
      int idx = (int) (pos >>> 3);
      int off = (int) (pos & 7);
      int take = Math.min(8 - off, count - done);
      int part = (int) ((v >>> done) & ((1 << take) - 1));
      dst[idx] |= (byte) (part << off);
      done += take;
      pos += take;
    }
  }

  @Override
  public byte[] encode(NdBuffer block, Object fill) {
    DataType type = block.type();
    int[] l = layout(type);
    int count = block.size();
    long bits = (long) count * l[0] * l[4];
    long data = (bits + 7) / 8;
    int pad = (int) (data * 8 - bits);
    byte[] out = new byte[Math.toIntExact(data + (padding == Padding.NONE ? 0 : 1))];
    int start = padding == Padding.FIRST_BYTE ? 1 : 0;
    if (padding == Padding.FIRST_BYTE) {
      out[0] = (byte) pad;
    } else if (padding == Padding.LAST_BYTE) {
      out[out.length - 1] = (byte) pad;
    }
    byte[] in = block.bytes();
    int compBytes = l[2];
    int first = l[3];
    int b = l[4];
    int n = l[1];
    long pos = (long) start * 8;
    int slots = count * l[0];
    for (int s = 0; s < slots; s++, pos += b) {
      long raw = 0;
      if (n < 8) {
        raw = type.kind() == DataType.Kind.BOOL ? (in[s] != 0 ? 1 : 0) : in[s];
      } else {
        int off = s * compBytes;
        for (int k = compBytes - 1; k >= 0; k--) {
          raw = (raw << 8) | (in[off + k] & 0xFF);
        }
      }
      writeBits(out, pos, b, raw >>> first);
    }
    return out;
  }

  @Override
  public String toString() {
    return "PackBitsCodec(" + padding + (firstBit == null ? "" : ", first_bit=" + firstBit)
        + (lastBit == null ? "" : ", last_bit=" + lastBit) + ")";
  }
}
