package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;

/**
 * v3 vlen-bytes (zarr-extensions codecs/vlen-bytes; numcodecs VLenBytes): the framing of
 * vlen-utf8 with raw byte strings, for the {@code bytes} data type. Elements are byte[] objects.
 */
public final class VlenBytesCodec implements ArrayBytesCodec, WritableCodec {
  /** v3 "vlen-bytes" only: v2 object arrays are read as strings (numcodecs' id stays refused there). */
  public static final CodecType<ArrayBytesCodec> TYPE =
      CodecType.arrayBytes("vlen-bytes", null, (config, context) -> new VlenBytesCodec());

  @Override
  public CodecType<?> type() {
    return TYPE;
  }

  @Override
  public ObjectNode configuration(int zarrFormat) {
    return JsonNodeFactory.instance.objectNode();
  }

  @Override
  public String name() {
    return "vlen-bytes";
  }

  @Override
  public NdBuffer decode(byte[] b, DataType type, int[] shape, Object fill) {
    int n = NdBuffer.elementCount(shape);
    int[] frames = VlenFrames.read(b, n, "vlen-bytes");
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      out[i] = Arrays.copyOfRange(b, frames[2 * i], frames[2 * i] + frames[2 * i + 1]);
    }
    return NdBuffer.wrapObjects(type, shape, out);
  }

  @Override
  public byte[] encode(NdBuffer block, Object fill) {
    Object[] items = block.objects();
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + items.length * 8);
    VlenFrames.writeU32(out, items.length);
    for (Object o : items) {
      byte[] s = o == null ? new byte[0] : (byte[]) o;
      VlenFrames.writeU32(out, s.length);
      out.write(s, 0, s.length);
    }
    return out.toByteArray();
  }
}
