package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;

/**
 * numcodecs vlen-utf8 (v2 filter, v3 codec): a little-endian uint32 item count, then per item a
 * uint32 byte length and its UTF-8 bytes. Every length is checked against what is left.
 */
public final class VlenUtf8Codec implements ArrayBytesCodec, WritableCodec {
  /** v3 "vlen-utf8"; numcodecs "vlen-utf8" (only as the first v2 filter of an object array). */
  public static final CodecType<ArrayBytesCodec> TYPE =
      CodecType.arrayBytes("vlen-utf8", "vlen-utf8", (config, context) -> new VlenUtf8Codec());

  @Override
  public CodecType<?> type() {
    return TYPE;
  }

  /** An empty configuration, as zarr-python writes it. */
  @Override
  public ObjectNode configuration(int zarrFormat) {
    return JsonNodeFactory.instance.objectNode();
  }

  @Override
  public String name() {
    return "vlen-utf8";
  }

  @Override
  public NdBuffer decode(byte[] b, DataType type, int[] shape, Object fill) {
    int n = NdBuffer.elementCount(shape);
    if (b.length < 4) {
      throw new TruncatedChunkException("vlen-utf8 chunk of " + b.length + " bytes has no item count");
    }
    long count = readU32(b, 0);
    if (count != n) {
      throw new CorruptChunkException("vlen-utf8 chunk holds " + count + " items, expected " + n);
    }
    Object[] out = new Object[n];
    int pos = 4;
    for (int i = 0; i < n; i++) {
      if (b.length - pos < 4) {
        throw new TruncatedChunkException("vlen-utf8 chunk ends before item " + i);
      }
      long len = readU32(b, pos);
      pos += 4;
      if (len > b.length - pos) {
        throw new TruncatedChunkException("vlen-utf8 item " + i + " claims " + len
            + " bytes but only " + (b.length - pos) + " remain");
      }
      out[i] = new String(b, pos, (int) len, StandardCharsets.UTF_8);
      pos += (int) len;
    }
    if (pos != b.length) {
      throw new CorruptChunkException("vlen-utf8 chunk has " + (b.length - pos) + " trailing bytes");
    }
    return NdBuffer.wrapObjects(type, shape, out);
  }

  @Override
  public byte[] encode(NdBuffer block, Object fill) {
    Object[] items = block.objects();
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + items.length * 8);
    writeU32(out, items.length);
    for (Object o : items) {
      byte[] s = (o == null ? "" : o.toString()).getBytes(StandardCharsets.UTF_8);
      writeU32(out, s.length);
      out.write(s, 0, s.length);
    }
    return out.toByteArray();
  }

  private static long readU32(byte[] b, int p) {
    return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24;
  }

  private static void writeU32(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }
}
