package org.zarrspark.core.codec.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.compress.ChecksumLocation;
import org.zarrspark.core.codec.compress.Crc32cCodec;
import org.zarrspark.core.codec.compress.TestData;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptChunkException;

/** encode then decode, like numcodecs: exact for the lossless filters, within tolerance for the lossy ones. */
class FilterRoundTripTest {
  static final int[] COUNTS = {0, 1, 3, 1001, 250_001};

  static DataType t(String s) {
    return DataType.parseNumpy(s);
  }

  static byte[] randomElements(DataType type, int n, long seed) {
    byte[] b = TestData.random(n * type.itemSize(), seed);
    if (Elements.isFloat(type)) {
      Random r = new Random(seed);
      for (int i = 0; i < n; i++) {
        Elements.putDouble(b, i, type, (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(8) - 2));
      }
    }
    return b;
  }

  static Stream<Arguments> losslessFilters() {
    List<Arguments> out = new ArrayList<>();
    for (String dt : new String[] {"|i1", "|u1", "<i2", ">i2", "<u2", "<i4", ">u4", "<i8", ">i8", "<u8"}) {
      out.add(Arguments.of(new Delta(t(dt), null), t(dt)));
    }
    out.add(Arguments.of(new Delta(t("<i4"), t(">i4")), t("<i4")));
    for (int es : new int[] {0, 1, 2, 3, 4, 8, 16}) {
      out.add(Arguments.of(new Shuffle(es), t("|u1")));
    }
    out.add(Arguments.of(new Shuffle(4), t("<f4")));
    out.add(Arguments.of(new Shuffle(8), t(">f8")));
    out.add(Arguments.of(new Fletcher32(), t("|u1")));
    out.add(Arguments.of(new Adler32(), t("|u1")));
    out.add(Arguments.of(new Adler32(ChecksumLocation.END), t("|u1")));
    out.add(Arguments.of(new Crc32(), t("|u1")));
    out.add(Arguments.of(new Crc32(ChecksumLocation.END), t("|u1")));
    out.add(Arguments.of(new Crc32cCodec(), t("|u1")));
    out.add(Arguments.of(new AsType(t("<i8"), t("<i4")), t("<i4")));
    out.add(Arguments.of(new AsType(t("<f8"), t("<f4")), t("<f4")));
    out.add(Arguments.of(new AsType(t("<f4"), t("<f2")), t("<f2")));
    out.add(Arguments.of(new AsType(t(">u8"), t("<u4")), t("<u4")));
    out.add(Arguments.of(new BitRound(23, t("<f4")), t("<f4")));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("losslessFilters")
  void losslessRoundTrips(BytesCodec codec, DataType type) {
    for (int n : COUNTS) {
      int count = type.itemSize() == 1 && codec instanceof Shuffle && ((Shuffle) codec).elementSize() > 1
          ? n - n % ((Shuffle) codec).elementSize() : n;
      byte[] x = randomElements(type, count, n);
      if (Elements.isFloat(type)) {
        // NaN payloads are not preserved by float conversions: use finite values only
        for (int i = 0; i < count; i++) {
          if (Double.isNaN(Elements.getDouble(x, i, type))) {
            Elements.putDouble(x, i, type, 1.5);
          }
        }
      }
      byte[] enc = codec.encode(x);
      assertArrayEquals(x, codec.decode(enc, x.length), codec + " n=" + count);
      if (x.length > 0) {
        assertThrows(CorruptChunkException.class, () -> codec.decode(enc, x.length - 1), codec + " bound");
      }
    }
  }

  @Test
  void shuffleRefusesPartialElements() {
    assertThrows(CorruptChunkException.class, () -> new Shuffle(4).decode(new byte[10], 10));
    assertThrows(CorruptChunkException.class, () -> new Shuffle(4).encode(new byte[10]));
  }

  @Test
  void floatDeltaOfSmallIntegersIsExact() {
    for (String dt : new String[] {"<f2", "<f4", ">f8"}) {
      DataType type = t(dt);
      byte[] x = new byte[500 * type.itemSize()];
      Random r = new Random(1);
      for (int i = 0; i < 500; i++) {
        Elements.putDouble(x, i, type, r.nextInt(2000) - 1000);
      }
      Delta d = new Delta(type, null);
      assertArrayEquals(x, d.decode(d.encode(x), x.length), dt);
      Delta asInt = new Delta(type, t("<i4"));
      assertArrayEquals(x, asInt.decode(asInt.encode(x), x.length), dt + " as <i4");
    }
  }

  @Test
  void narrowerDeltaTypesWrapLikeNumpy() {
    // int64 values whose differences fit int16 survive a delta stored as int16
    DataType i8 = t("<i8");
    byte[] x = new byte[8 * 1000];
    long v = 1L << 40;
    Random r = new Random(2);
    for (int i = 0; i < 1000; i++) {
      v += r.nextInt(60000) - 30000;
      Elements.putLong(x, i, i8, v);
    }
    Delta d = new Delta(i8, t("<i2"));
    byte[] enc = d.encode(x);
    assertEquals(2000, enc.length);
    byte[] back = d.decode(enc, x.length);
    // the first element does not fit int16 (numcodecs documents the same loss): only differences survive
    for (int i = 1; i < 1000; i++) {
      assertEquals(Elements.getLong(x, i, i8) - Elements.getLong(x, i - 1, i8),
          Elements.getLong(back, i, i8) - Elements.getLong(back, i - 1, i8));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {-2, 0, 1, 2, 4, 6})
  void quantizeStaysWithinItsPrecision(int digits) {
    for (String dt : new String[] {"<f4", "<f8"}) {
      DataType type = t(dt);
      byte[] x = randomElements(type, 10_000, digits + 10);
      Quantize q = new Quantize(digits, type, null);
      byte[] back = q.decode(q.encode(x), x.length);
      double step = 1 / Quantize.scaleFor(digits);
      for (int i = 0; i < 10_000; i++) {
        double a = Elements.getDouble(x, i, type);
        double b = Elements.getDouble(back, i, type);
        double tol = step / 2 + Math.ulp((float) Math.abs(a)) * 4;
        assertTrue(Math.abs(a - b) <= tol, dt + " digits " + digits + ": " + a + " -> " + b);
      }
      // idempotent, as numcodecs relies on
      assertArrayEquals(q.encode(back), back);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5, 10, 16, 22})
  void bitRoundKeepsTheRequestedMantissaBits(int keepbits) {
    DataType f4 = t("<f4");
    byte[] x = randomElements(f4, 10_000, keepbits);
    BitRound br = new BitRound(keepbits, f4);
    byte[] enc = br.encode(x);
    byte[] back = br.decode(enc, enc.length);
    assertArrayEquals(enc, back);
    for (int i = 0; i < 10_000; i++) {
      double a = Elements.getDouble(x, i, f4);
      double b = Elements.getDouble(back, i, f4);
      assertTrue(Math.abs(a - b) <= Math.abs(a) * Math.pow(2, -keepbits - 1) * 1.0000001, a + " -> " + b);
      int bits = Float.floatToRawIntBits((float) b);
      assertEquals(0, bits & ((1 << (23 - keepbits)) - 1), "low mantissa bits cleared");
    }
    assertArrayEquals(enc, br.encode(enc), "idempotent");
  }

  @Test
  void fixedScaleOffsetStaysWithinHalfAStep() {
    DataType f8 = t("<f8");
    byte[] x = new byte[8 * 5000];
    Random r = new Random(3);
    for (int i = 0; i < 5000; i++) {
      Elements.putDouble(x, i, f8, 1000 + r.nextDouble() * 50);
    }
    FixedScaleOffset f = new FixedScaleOffset(1000L, 100L, f8, t("<u2"));
    byte[] enc = f.encode(x);
    assertEquals(2 * 5000, enc.length);
    byte[] back = f.decode(enc, x.length);
    for (int i = 0; i < 5000; i++) {
      assertEquals(Elements.getDouble(x, i, f8), Elements.getDouble(back, i, f8), 0.005 + 1e-9);
    }
    assertArrayEquals(enc, f.encode(back));
  }

  @Test
  void packBitsOfEveryLength() {
    PackBits p = new PackBits();
    Random r = new Random(4);
    for (int n = 0; n < 80; n++) {
      byte[] x = new byte[n];
      for (int i = 0; i < n; i++) {
        x[i] = (byte) r.nextInt(2);
      }
      byte[] enc = p.encode(x);
      assertEquals(1 + (n + 7) / 8, enc.length);
      assertEquals((8 - n % 8) % 8, enc[0]);
      assertArrayEquals(x, p.decode(enc, n));
    }
    byte[] big = new byte[3_000_001];
    for (int i = 0; i < big.length; i += 3) {
      big[i] = 1;
    }
    assertArrayEquals(big, p.decode(p.encode(big), big.length));
  }

  @Test
  void categorizeRoundTripsLabelsAndMissingValues() {
    List<String> labels = List.of("red", "green", "blue", "ü", "🚀");
    DataType u5 = t("<U5");
    Categorize c = new Categorize(labels, u5, t("<i4"));
    int n = 1000;
    byte[] x = new byte[n * 20];
    Random r = new Random(5);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(labels.size() + 1);
      String s = k == labels.size() ? "" : labels.get(k);
      values.add(s);
      int[] cps = s.codePoints().toArray();
      for (int j = 0; j < cps.length; j++) {
        ByteBuffer.wrap(x, i * 20 + 4 * j, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(cps[j]);
      }
    }
    byte[] enc = c.encode(x);
    assertEquals(4 * n, enc.length);
    for (int i = 0; i < n; i++) {
      int code = ByteBuffer.wrap(enc, 4 * i, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      assertEquals(values.get(i).isEmpty() ? 0 : labels.indexOf(values.get(i)) + 1, code);
    }
    assertArrayEquals(x, c.decode(enc, x.length));
    // values that are not labels encode to 0 and come back empty
    byte[] other = new byte[20];
    ByteBuffer.wrap(other).order(ByteOrder.LITTLE_ENDIAN).putInt('x');
    assertArrayEquals(new byte[4], c.encode(other));
    assertArrayEquals(new byte[20], c.decode(new byte[4], 20));
  }
}
