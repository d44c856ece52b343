package org.zarrspark.core.codec.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.codec.CodecPipeline;
import org.zarrspark.core.codec.CodecRegistry;
import org.zarrspark.core.codec.Codecs;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.UnsupportedCodecException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.write.ArraySpec;
import org.zarrspark.core.write.ArrayWriter;
import org.zarrspark.core.write.CodecJson;

/**
 * The one-place property: a codec is one class plus one provider line in META-INF/services, and
 * the reader, the writer and the error messages all know it, with no change to zarr-core.
 */
class PluginCodecTest {
  private static final long[] SHAPE = {6, 5};
  private static final int[] CHUNKS = {6, 5};

  private static NdBuffer data() {
    NdBuffer b = NdBuffer.allocate(DataType.INT32, new int[] {6, 5});
    for (int i = 0; i < b.bytes().length; i++) {
      b.bytes()[i] = (byte) (i * 7);
    }
    return b;
  }

  @Test
  void theClassPathRegistryHasItAndTheBuiltInOneDoesNot() {
    assertSame(XorCodec.TYPE, CodecRegistry.standard().v3Type("zarrspark.test.xor"));
    assertSame(XorCodec.TYPE, CodecRegistry.standard().numcodecsType("zarrspark_test_xor"));
    assertThrows(UnsupportedCodecException.class, () -> CodecRegistry.builtIn().v3Type("zarrspark.test.xor"));
    assertFalse(CodecRegistry.builtIn().numcodecsIds().contains("zarrspark_test_xor"));
  }

  @Test
  void v3ArrayWrittenAndReadThroughIt() {
    MemoryStore store = new MemoryStore();
    ArrayWriter w = ArrayWriter.create(store, "", ArraySpec.of(DataType.INT32, SHAPE, CHUNKS)
        .codecs(CodecJson.list(CodecJson.bytes(true), new XorCodec(0x5a).v3Json())));
    NdBuffer data = data();
    w.write(new long[2], data);
    String meta = new String(store.get("zarr.json"), StandardCharsets.UTF_8);
    assertTrue(meta.contains("\"zarrspark.test.xor\""), meta);
    byte[] stored = store.get("c/0/0");
    assertEquals((byte) (data.bytes()[1] ^ 0x5a), stored[1], "the chunk went through the codec");
    assertArrayEquals(data.bytes(), Hierarchy.open(store).array("").readAll().bytes());
  }

  @Test
  void v2ArrayAndTheNumcodecsSpelling() {
    MemoryStore store = new MemoryStore();
    ArrayWriter w = ArrayWriter.create(store, "", ArraySpec.of(DataType.INT32, SHAPE, CHUNKS).zarrFormat(2)
        .filters(JsonNodeFactory.instance.arrayNode().add(new XorCodec(3).v2Json()))
        .compressor(CodecJson.v2("zlib").put("level", 1)));
    w.write(new long[2], data());
    assertArrayEquals(data().bytes(), Hierarchy.open(store).array("").readAll().bytes());
    CodecPipeline p = Codecs.v3(Json.parse(("[{\"name\":\"numcodecs.zarrspark_test_xor\",\"configuration\":"
        + "{\"key\":9}},{\"name\":\"bytes\"}]").getBytes(StandardCharsets.UTF_8)), DataType.INT32);
    assertEquals("zarrspark_test_xor", p.arrayCodecs().get(0).name()); // a numcodecs filter before bytes
  }

  @Test
  void errorMessagesListItAndItsRefusals() {
    UnsupportedCodecException e = assertThrows(UnsupportedCodecException.class,
        () -> Codecs.v3(Json.parse("[{\"name\":\"bytes\"},{\"name\":\"numcodecs.zarrspark_test_rot13\"}]"
            .getBytes(StandardCharsets.UTF_8)), DataType.INT32));
    assertTrue(e.getMessage().contains("a test refusal contributed by a provider"), e.getMessage());
    assertTrue(e.getMessage().contains("zarrspark_test_xor"), e.getMessage());
  }
}
