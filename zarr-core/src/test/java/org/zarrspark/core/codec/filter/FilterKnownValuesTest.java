package org.zarrspark.core.codec.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.zarrspark.core.codec.compress.ChunkFixtures.hex;
import static org.zarrspark.core.codec.compress.ChunkFixtures.unhex;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.compress.ChecksumLocation;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;

/** Filters against values computed by numpy the numcodecs way, and numcodecs' documented examples. */
class FilterKnownValuesTest {
  static DataType t(String numpy) {
    return DataType.parseNumpy(numpy);
  }

  /** encode(decoded) == encoded and decode(encoded) == decodedBack (both as hex). */
  static void both(BytesCodec c, String decoded, String encoded, String decodedBack) {
    assertEquals(encoded, hex(c.encode(unhex(decoded))), c + " encode");
    assertEquals(decodedBack, hex(c.decode(unhex(encoded), unhex(decodedBack).length)), c + " decode");
  }

  static String le(short... v) {
    ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (short x : v) {
      b.putShort(x);
    }
    return hex(b.array());
  }

  @Test
  void deltaLikeNumpy() {
    both(new Delta(t("<i8"), t("<i2")), NumpyVectors.DELTA_I8_DEC, NumpyVectors.DELTA_I8_AS_I2_ENC, NumpyVectors.DELTA_I8_DEC);
    both(new Delta(t("<f4"), null), NumpyVectors.DELTA_F4_DEC, NumpyVectors.DELTA_F4_ENC, NumpyVectors.DELTA_F4_CUMSUM);
    both(new Delta(t("<f2"), t("<f2")), NumpyVectors.DELTA_F2_DEC, NumpyVectors.DELTA_F2_ENC, NumpyVectors.DELTA_F2_CUMSUM);
    both(new Delta(t("|u1"), null), NumpyVectors.DELTA_U1_DEC, NumpyVectors.DELTA_U1_ENC, NumpyVectors.DELTA_U1_DEC);
    both(new Delta(t(">i4"), t(">i4")), NumpyVectors.DELTA_BE_I4_DEC, NumpyVectors.DELTA_BE_I4_ENC, NumpyVectors.DELTA_BE_I4_DEC);
    // numcodecs docstring: arange(100, 120, 2, dtype='i2') with astype='i1'
    short[] x = new short[10];
    for (int i = 0; i < 10; i++) {
      x[i] = (short) (100 + 2 * i);
    }
    both(new Delta(t("<i2"), t("|i1")), le(x), "64020202020202020202", le(x));
  }

  @Test
  void fixedScaleOffsetLikeNumpy() {
    both(new FixedScaleOffset(1000L, 10L, t("<f8"), t("|u1")), NumpyVectors.FSO1_DEC_IN, NumpyVectors.FSO1_ENC, NumpyVectors.FSO1_DEC);
    // numcodecs docstring: linspace(1000, 1001, 10) -> [0, 1, 2, 3, 4, 6, 7, 8, 9, 10]
    assertEquals("0001020304060708090a", NumpyVectors.FSO1_ENC);
    both(new FixedScaleOffset(-3.25, 0.5, t("<f4"), t("<i2")), NumpyVectors.FSO2_DEC_IN, NumpyVectors.FSO2_ENC, NumpyVectors.FSO2_DEC);
    both(new FixedScaleOffset(2L, 3.0, t("<f4"), t("<f2")), NumpyVectors.FSO3_DEC_IN, NumpyVectors.FSO3_ENC, NumpyVectors.FSO3_DEC);
    both(new FixedScaleOffset(7L, 3L, t("<i4"), t("<i2")), NumpyVectors.FSO4_DEC_IN, NumpyVectors.FSO4_ENC, NumpyVectors.FSO4_DEC);
    both(new FixedScaleOffset(0.5, 3L, t("<i8"), t("<f8")), NumpyVectors.FSO5_DEC_IN, NumpyVectors.FSO5_ENC, NumpyVectors.FSO5_DEC);
    both(new FixedScaleOffset(0L, 1000L, t("<f8"), t("<u4")), NumpyVectors.FSO6_DEC_IN, NumpyVectors.FSO6_ENC, NumpyVectors.FSO6_DEC);
  }

  @Test
  void quantizeLikeNumpy() {
    String lin = NumpyVectors.Q_LIN_IN;
    assertEquals(NumpyVectors.Q_LIN_D1, hex(new Quantize(1, t("<f8"), null).encode(unhex(lin))));
    assertEquals(NumpyVectors.Q_LIN_D2, hex(new Quantize(2, t("<f8"), null).encode(unhex(lin))));
    assertEquals(NumpyVectors.Q_LIN_D3, hex(new Quantize(3, t("<f8"), null).encode(unhex(lin))));
    // numcodecs docstring, digits=1: [0, 0.125, 0.25, 0.3125, 0.4375, 0.5625, 0.6875, 0.75, 0.875, 1]
    ByteBuffer d1 = ByteBuffer.wrap(unhex(NumpyVectors.Q_LIN_D1)).order(ByteOrder.LITTLE_ENDIAN);
    double[] doc = {0, 0.125, 0.25, 0.3125, 0.4375, 0.5625, 0.6875, 0.75, 0.875, 1};
    for (double v : doc) {
      assertEquals(v, d1.getDouble());
    }
    assertEquals(NumpyVectors.Q_F4_D2, hex(new Quantize(2, t("<f4"), null).encode(unhex(NumpyVectors.Q_F4_IN))));
    assertEquals(NumpyVectors.Q_F4_D0, hex(new Quantize(0, t("<f4"), null).encode(unhex(NumpyVectors.Q_F4_IN))));
    assertEquals(NumpyVectors.Q_F4_DM1, hex(new Quantize(-1, t("<f4"), null).encode(unhex(NumpyVectors.Q_F4_IN))));
    assertEquals(NumpyVectors.Q_F8_D5, hex(new Quantize(5, t("<f8"), null).encode(unhex(NumpyVectors.Q_F8_IN))));
    Quantize toHalf = new Quantize(3, t("<f8"), t("<f2"));
    assertEquals(NumpyVectors.Q_F8_D3_AS_F2, hex(toHalf.encode(unhex(NumpyVectors.Q_F8_IN))));
    // decoding only widens the stored float16 back to float64
    byte[] widened = toHalf.decode(unhex(NumpyVectors.Q_F8_D3_AS_F2), 1000);
    assertArrayEquals(unhex(NumpyVectors.Q_F8_D3_AS_F2), new AsType(t("<f2"), t("<f8")).encode(widened));
    assertEquals(NumpyVectors.Q_F2_D1, hex(new Quantize(1, t("<f2"), null).encode(unhex(NumpyVectors.Q_F2_IN))));
    double[] scales = {0.001953125, 0.015625, 0.125, 1.0, 16.0, 128.0, 1024.0, 16384.0, 131072.0, 1048576.0};
    for (int d = -3; d <= 6; d++) {
      assertEquals(scales[d + 3], Quantize.scaleFor(d), "digits " + d);
    }
  }

  @Test
  void bitRoundLikeNumpy() {
    assertEquals(NumpyVectors.BR_F4_K8, hex(new BitRound(8, t("<f4")).encode(unhex(NumpyVectors.BR_F4_IN))));
    assertEquals(NumpyVectors.BR_F4_K0, hex(new BitRound(0, t("<f4")).encode(unhex(NumpyVectors.BR_F4_IN))));
    assertEquals(NumpyVectors.BR_F4_K22, hex(new BitRound(22, t("<f4")).encode(unhex(NumpyVectors.BR_F4_IN))));
    assertEquals(NumpyVectors.BR_F4_IN, hex(new BitRound(23, t("<f4")).encode(unhex(NumpyVectors.BR_F4_IN))));
    assertEquals(NumpyVectors.BR_F8_K18, hex(new BitRound(18, t("<f8")).encode(unhex(NumpyVectors.BR_F8_IN))));
    assertEquals(NumpyVectors.BR_F8_K1, hex(new BitRound(1, t("<f8")).encode(unhex(NumpyVectors.BR_F8_IN))));
    assertEquals(NumpyVectors.BR_F2_K3, hex(new BitRound(3, t("<f2")).encode(unhex(NumpyVectors.BR_F2_IN))));
    assertEquals(NumpyVectors.BR_F2_K0, hex(new BitRound(0, t("<f2")).encode(unhex(NumpyVectors.BR_F2_IN))));
    // decoding is a pass-through, with or without a type
    assertEquals(NumpyVectors.BR_F4_K8, hex(new BitRound(8).decode(unhex(NumpyVectors.BR_F4_K8), 10_000)));
  }

  @Test
  void asTypeLikeNumpy() {
    BytesCodec f8f2 = new AsType(t("<f2"), t("<f8"));
    assertEquals(NumpyVectors.AS_F8_TO_F2, hex(f8f2.encode(unhex(NumpyVectors.AS_F8_IN))));
    assertEquals(NumpyVectors.AS_F8_TO_F2_TO_F8, hex(f8f2.decode(unhex(NumpyVectors.AS_F8_TO_F2), 1000)));
    assertEquals(NumpyVectors.AS_F8_TO_F4, hex(new AsType(t("<f4"), t("<f8")).encode(unhex(NumpyVectors.AS_F8_IN))));
    assertEquals(NumpyVectors.AS_F8_SMALL_TO_I1, hex(new AsType(t("|i1"), t("<f8")).encode(unhex(NumpyVectors.AS_F8_SMALL_IN))));
    assertEquals(NumpyVectors.AS_F8_SMALL_TO_I4, hex(new AsType(t("<i4"), t("<f8")).encode(unhex(NumpyVectors.AS_F8_SMALL_IN))));
    byte[] ints = unhex(NumpyVectors.AS_I8_IN);
    assertEquals(NumpyVectors.AS_I8_TO_I1, hex(new AsType(t("|i1"), t("<i8")).encode(ints)));
    assertEquals(NumpyVectors.AS_I8_TO_U2, hex(new AsType(t("<u2"), t("<i8")).encode(ints)));
    assertEquals(NumpyVectors.AS_I8_TO_F4, hex(new AsType(t("<f4"), t("<i8")).encode(ints)));
    assertEquals(NumpyVectors.AS_I8_TO_F8, hex(new AsType(t("<f8"), t("<i8")).encode(ints)));
    assertEquals(NumpyVectors.AS_I8_TO_F2, hex(new AsType(t("<f2"), t("<i8")).encode(ints)));
    assertEquals(NumpyVectors.AS_I8_TO_BE_U4, hex(new AsType(t(">u4"), t("<i8")).encode(ints)));
    // the same conversion seen from the decoding side: stored <i8, decoded >u4
    assertEquals(NumpyVectors.AS_I8_TO_BE_U4, hex(new AsType(t("<i8"), t(">u4")).decode(ints, 1000)));
    byte[] u = unhex(NumpyVectors.AS_U8_IN);
    assertEquals(NumpyVectors.AS_U8_TO_F8, hex(new AsType(t("<u8"), t("<f8")).decode(u, 1000)));
    assertEquals(NumpyVectors.AS_U8_TO_F4, hex(new AsType(t("<u8"), t("<f4")).decode(u, 1000)));
    assertEquals(NumpyVectors.AS_BOOL_TO_F4, hex(new AsType(t("|b1"), t("<f4")).decode(unhex(NumpyVectors.AS_BOOL_IN), 100)));
    assertEquals(NumpyVectors.AS_F4_TO_BOOL, hex(new AsType(t("|b1"), t("<f4")).encode(unhex("000000000000008000000040" + "0000c07f" + "000040c0"))));
    // float16 rounding: ties to even, subnormals, overflow to infinity
    assertEquals(NumpyVectors.HALF_OUT, hex(new AsType(t("<f2"), t("<f8")).encode(unhex(NumpyVectors.HALF_IN))));
  }

  @Test
  void packBitsLikeNumpy() {
    both(new PackBits(), NumpyVectors.PB_IN, NumpyVectors.PB_ENC, NumpyVectors.PB_IN);
    // numcodecs docstring: [True, False, False, True] -> [4, 144]
    both(new PackBits(), "01000001", "0490", "01000001");
    both(new PackBits(), "", "00", "");
    both(new PackBits(), "0101010101010101", "00ff", "0101010101010101");
    assertEquals("0081", hex(new PackBits().encode(unhex("0200000000000007")))); // non-zero bytes are true
    assertThrows(TruncatedChunkException.class, () -> new PackBits().decode(new byte[0], 10));
    assertThrows(CorruptChunkException.class, () -> new PackBits().decode(unhex("08ff"), 10));
    assertThrows(CorruptChunkException.class, () -> new PackBits().decode(unhex("00ffff"), 15));
  }

  @Test
  void categorizeLikeNumpy() {
    List<String> labels = List.of("low", "mid", "high", "extreme", "π≈3", "😀x");
    Categorize u4 = new Categorize(labels, t("<U4"), t("<u2"));
    assertEquals(NumpyVectors.CAT_U4_DEC, hex(u4.decode(unhex(NumpyVectors.CAT_U4_ENC), 1000)));
    assertEquals(NumpyVectors.CAT_U4_REENC, hex(u4.encode(unhex(NumpyVectors.CAT_U4_DEC))));
    Categorize be6 = new Categorize(labels, t(">U6"), t("<u2"));
    assertEquals(NumpyVectors.CAT_BEU6_DEC, hex(be6.decode(unhex(NumpyVectors.CAT_BEU6_ENC), 1000)));
    assertEquals(NumpyVectors.CAT_BEU6_REENC, hex(be6.encode(unhex(NumpyVectors.CAT_BEU6_DEC))));
    // object dtype: the vlen-utf8 layout
    Categorize obj = new Categorize(List.of("female", "male"), t("|O"), null);
    byte[] codes = {2, 1, 1, 2, 0, 7};
    byte[] vlen = obj.decode(codes, 1000);
    ByteBuffer b = ByteBuffer.wrap(vlen).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(6, b.getInt());
    for (String want : new String[] {"male", "female", "female", "male", "", ""}) {
      byte[] s = new byte[b.getInt()];
      b.get(s);
      assertEquals(want, new String(s, StandardCharsets.UTF_8));
    }
    assertEquals("020101020000", hex(obj.encode(vlen)));
    assertThrows(CorruptChunkException.class, () -> obj.decode(codes, 20));
  }

  @Test
  void shuffleLikeNumpy() {
    // numcodecs test_expected_result: big-endian u8 0x0001..0x1f, elementsize 8
    byte[] in = new byte[32];
    for (int i = 0; i < 32; i++) {
      in[i] = (byte) i;
    }
    Shuffle s = new Shuffle(8);
    assertEquals("00081018" + "01091119" + "020a121a" + "030b131b" + "040c141c" + "050d151d" + "060e161e" + "070f171f",
        hex(s.encode(in)));
    assertArrayEquals(in, s.decode(s.encode(in), 32));
    assertThrows(CorruptChunkException.class, () -> s.decode(new byte[31], 100));
    assertArrayEquals(new byte[] {1, 2, 3}, new Shuffle(1).decode(new byte[] {1, 2, 3}, 3));
  }

  @Test
  void checksum32Layouts() {
    byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
    // zlib.adler32(b"123456789") = 0x091e01de, zlib.crc32(b"123456789") = 0xcbf43926; default location: start
    assertEquals("de011e09" + hex(digits), hex(new Adler32().encode(digits)));
    assertEquals("2639f4cb" + hex(digits), hex(new Crc32().encode(digits)));
    assertEquals(hex(digits) + "2639f4cb", hex(new Crc32(ChecksumLocation.END).encode(digits)));
    assertEquals(hex(digits) + "de011e09", hex(new Adler32(ChecksumLocation.END).encode(digits)));
    assertArrayEquals(digits, new Crc32().decode(unhex("2639f4cb" + hex(digits)), 9));
    assertThrows(ChecksumMismatchException.class, () -> new Crc32().decode(unhex(hex(digits) + "2639f4cb"), 9));
    assertThrows(ChecksumMismatchException.class, () -> new Adler32().decode(unhex("de011e0a" + hex(digits)), 9));
    assertThrows(TruncatedChunkException.class, () -> new Adler32().decode(new byte[3], 9));
    assertThrows(CorruptChunkException.class, () -> new Adler32().decode(new Adler32().encode(digits), 8));
  }

  @Test
  void fletcher32LikeNumcodecs() {
    // numcodecs tests/test_fletcher32.py::test_known
    byte[] data = unhex("770700000000000085f6ffffffffffff690700000000000094f6ffffffffffff"
        + "880900000000000069030000000000" + "0093fdffffffffffffc3fcffffffffffff"
        + "2702000000000000baf7ffffffffffff" + "fd258664");
    byte[] dec = new Fletcher32().decode(data, 80);
    ByteBuffer b = ByteBuffer.wrap(dec).order(ByteOrder.LITTLE_ENDIAN);
    long[] expected = {1911, -2427, 1897, -2412, 2440, 873, -621, -829, 551, -2118};
    for (long e : expected) {
      assertEquals(e, b.getLong());
    }
    assertArrayEquals(data, new Fletcher32().encode(dec));
    byte[] bad = data.clone();
    bad[0]++;
    assertThrows(ChecksumMismatchException.class, () -> new Fletcher32().decode(bad, 80));
    // odd lengths: the last byte is the high byte of a final word
    byte[] odd = {1, 2, 3};
    int sum1 = (0x0102 + 0x0300) % 0xffff;
    int sum2 = (0x0102 + (0x0102 + 0x0300)) % 0xffff;
    assertEquals((sum2 << 16) | sum1, Fletcher32.checksum(odd, 0, 3));
    assertEquals(0, Fletcher32.checksum(new byte[0], 0, 0));
  }
}
