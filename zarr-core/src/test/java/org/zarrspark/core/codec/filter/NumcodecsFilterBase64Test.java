package org.zarrspark.core.codec.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.zarrspark.core.codec.filter.NumcodecsFiltersTest.of;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.error.CorruptChunkException;

/** numcodecs "base64": standard base64 text of the chunk. */
class NumcodecsFilterBase64Test {
  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Produced with numcodecs 0.16.5: {@code Base64().encode(np.arange(10, dtype='<i4'))}. */
  static final String ARANGE10 = "AAAAAAEAAAACAAAAAwAAAAQAAAAFAAAABgAAAAcAAAAIAAAACQAAAA==";

  @Test
  void decodesAndEncodesNumcodecsBytes() {
    Base64Codec c = assertInstanceOf(Base64Codec.class, of("{\"id\":\"base64\"}"));
    byte[] dec = c.decode(ascii(ARANGE10), 40);
    ByteBuffer b = ByteBuffer.wrap(dec).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 10; i++) {
      assertEquals(i, b.getInt());
    }
    assertArrayEquals(ascii(ARANGE10), c.encode(dec));
    // Python: base64.standard_b64encode(b"hello, zarr!?") (uses '+' '/' and padding like numcodecs)
    assertArrayEquals(ascii("hello, zarr!?"), c.decode(ascii("aGVsbG8sIHphcnIhPw=="), 13));
    assertArrayEquals(ascii("aGVsbG8sIHphcnIhPw=="), c.encode(ascii("hello, zarr!?")));
    assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, c.decode(ascii("+/8="), 2));
  }

  @Test
  void skipsLineBreaksLikePython() {
    // Python: base64.standard_b64decode(b"QUJD\nREVG") == b"ABCDEF" (non-alphabet bytes are discarded)
    assertArrayEquals(ascii("ABCDEF"), new Base64Codec().decode(ascii("QUJD\nREVG"), 6));
  }

  @Test
  void roundTripsAndBoundsItsOutput() {
    Base64Codec c = new Base64Codec();
    Random r = new Random(5);
    for (int n = 0; n < 50; n++) {
      byte[] d = new byte[n];
      r.nextBytes(d);
      assertArrayEquals(d, c.decode(c.encode(d), n));
    }
    assertArrayEquals(new byte[0], c.decode(new byte[0], 0));
    assertThrows(CorruptChunkException.class, () -> c.decode(ascii(ARANGE10), 39));
    assertThrows(CorruptChunkException.class, () -> c.decode(ascii("Q"), 10));
    assertThrows(CorruptChunkException.class, () -> c.decode(ascii("QQ=A"), 10));
  }
}
