package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptChunkException;

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
    int[] frames = VlenFrames.read(b, n, "vlen-utf8");
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      int at = frames[2 * i];
      int len = frames[2 * i + 1];
      // zarr-python decodes strictly: a malformed item is an error, not replacement characters
      int bad = VlenFrames.invalidUtf8(b, at, len);
      if (bad >= 0) {
        throw new CorruptChunkException("vlen-utf8 item " + i + " is not valid UTF-8 (byte 0x"
            + Integer.toHexString(b[bad] & 0xff) + " at offset " + bad + ")");
      }
      out[i] = new String(b, at, len, StandardCharsets.UTF_8);
    }
    return NdBuffer.wrapObjects(type, shape, out);
  }

  @Override
  public byte[] encode(NdBuffer block, Object fill) {
    Object[] items = block.objects();
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + items.length * 8);
    VlenFrames.writeU32(out, items.length);
    for (Object o : items) {
      byte[] s = (o == null ? "" : o.toString()).getBytes(StandardCharsets.UTF_8);
      VlenFrames.writeU32(out, s.length);
      out.write(s, 0, s.length);
    }
    return out.toByteArray();
  }
}
