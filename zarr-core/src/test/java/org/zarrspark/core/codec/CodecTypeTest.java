package org.zarrspark.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.codec.compress.Crc32cCodec;
import org.zarrspark.core.codec.compress.ZlibCodec;

class CodecTypeTest {
  @Test
  void namesAndSpellings() {
    CodecType<BytesCodec> numcodecsOnly = CodecType.bytes(null, "zlib", (c, x) -> new ZlibCodec(1));
    assertEquals("zlib", numcodecsOnly.name());
    assertEquals("numcodecs.zlib", numcodecsOnly.v3Spelling());
    CodecType<ArrayCodec> v3Only = CodecType.array("transpose", (c, x) -> TransposeCodec.fortran(2));
    assertEquals("transpose", v3Only.name());
    assertEquals("transpose", v3Only.v3Spelling());
    assertNull(v3Only.writer());
    assertEquals(ArrayCodec.class, v3Only.stage());
  }

  @Test
  void bindsThroughItsBinder() {
    Crc32cCodec made = new Crc32cCodec();
    CodecType<BytesCodec> t = CodecType.bytes("x", null, (c, x) -> made);
    assertSame(made, t.bind(MissingNode.getInstance(), new CodecContext(null, false, CodecRegistry.builtIn())));
  }

  @Test
  void refusesTypesWithoutANameOrAStage() {
    assertThrows(IllegalArgumentException.class, () -> CodecType.bytes(null, null, (c, x) -> null));
    assertThrows(IllegalArgumentException.class,
        () -> new CodecType<>("x", null, String.class, (c, x) -> "", null));
    assertThrows(IllegalArgumentException.class,
        () -> CodecType.array("x", (c, x) -> null).writable((l, t, f) -> null));
  }
}
