package org.zarrspark.core.codec.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrspark.core.codec.compress.ChunkFixtures.hex;
import static org.zarrspark.core.codec.compress.ChunkFixtures.unhex;
import static org.zarrspark.core.codec.filter.NumcodecsFiltersTest.of;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.codec.CodecPipeline;
import org.zarrspark.core.codec.Codecs;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TruncatedChunkException;

/** numcodecs "jenkins_lookup3": Bob Jenkins' test vectors and bytes numcodecs 0.16.5 wrote. */
class NumcodecsFilterJenkinsLookup3Test {
  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static int hash(int seed, byte[] k) {
    return JenkinsLookup3.hash(seed, k, 0, k.length);
  }

  @Test
  void bobJenkinsTestVectors() {
    // lookup3.c driver5(): an empty key gives the seeded state 0xdeadbeef + initval unmixed
    // (deadbeef, and bd5b7dde for seed deadbeef), then hashlittle("Four score and seven years ago", 30, 0 / 1)
    assertEquals(0xdeadbeef, hash(0, new byte[0]));
    assertEquals(0xbd5b7dde, hash(0xdeadbeef, new byte[0]));
    assertEquals(0x17770551, hash(0, ascii("Four score and seven years ago")));
    assertEquals(0xcd628161, hash(1, ascii("Four score and seven years ago")));
  }

  @Test
  void hashesASliceOfALargerArray() {
    byte[] k = ascii("xxFour score and seven years agoyy");
    assertEquals(0x17770551, JenkinsLookup3.hash(0, k, 2, 30));
  }

  /**
   * Produced with numcodecs 0.16.5 (pip, Python 3.11):
   * {@code JenkinsLookup3().encode(np.frombuffer(bytes(range(n)), 'u1'))[-4:].hex()}, which
   * covers empty keys and tails of 1, 11, 12 (a whole last block) and 13 bytes.
   */
  @Test
  void lastBlockLengthsLikeNumcodecs() {
    int[] n = {0, 1, 11, 12, 13, 24, 25};
    String[] trailer = {"efbeadde", "4b41a98b", "7a81a62c", "93a54a5e", "16689dbc", "53dd0a9c", "4422883a"};
    for (int i = 0; i < n.length; i++) {
      byte[] d = new byte[n[i]];
      for (int j = 0; j < d.length; j++) {
        d[j] = (byte) j;
      }
      byte[] enc = new JenkinsLookup3().encode(d);
      assertEquals(hex(d) + trailer[i], hex(enc), "length " + n[i]);
      assertArrayEquals(d, new JenkinsLookup3().decode(enc, d.length));
    }
  }

  /**
   * Produced with numcodecs 0.16.5: {@code JenkinsLookup3(initval=s).encode(np.arange(10, dtype='<i4'))}
   * for s = 0 and 7, and {@code JenkinsLookup3(prefix=b'zarr').encode(b'hello world')}.
   */
  @Test
  void encodesNumcodecsBytes() {
    String arange = "00000000010000000200000003000000040000000500000006000000070000000800000009000000";
    FilterKnownValuesTest.both(of("{\"id\":\"jenkins_lookup3\",\"initval\":0,\"prefix\":null}"),
        arange, arange + "45f7c196", arange);
    FilterKnownValuesTest.both(of("{\"id\":\"jenkins_lookup3\",\"initval\":7}"), arange, arange + "3979fe3f", arange);
    FilterKnownValuesTest.both(new JenkinsLookup3(0, ascii("zarr")), hex(ascii("hello world")),
        hex(ascii("hello world")) + "ab2fee37", hex(ascii("hello world")));
    // the same prefix as numcodecs' uint8 array, spelled as a JSON list
    FilterKnownValuesTest.both(of("{\"id\":\"jenkins_lookup3\",\"prefix\":[122,97,114,114]}"),
        hex(ascii("hello world")), hex(ascii("hello world")) + "ab2fee37", hex(ascii("hello world")));
  }

  /**
   * A whole v2 chunk: filters [jenkins_lookup3(initval=3)], compressor base64, produced with numcodecs
   * 0.16.5: {@code Base64().encode(JenkinsLookup3(initval=3).encode(a.tobytes()))} for
   * {@code a = np.array([[1.5, -2.0, 3.25], [0.0, 1e10, -7.125]], dtype='<f8')}.
   */
  @Test
  void decodesAV2ChunkThroughThePipeline() {
    byte[] chunk = ascii("AAAAAAAA+D8AAAAAAAAAwAAAAAAAAApAAAAAAAAAAAAAAAAgX6ACQgAAAAAAgBzA1KRF7g==");
    CodecPipeline p = Codecs.v2(
        NumcodecsFiltersTest.json("[{\"id\":\"jenkins_lookup3\",\"initval\":3,\"prefix\":null}]"),
        NumcodecsFiltersTest.json("{\"id\":\"base64\"}"), "C", DataType.FLOAT64, 2);
    NdBuffer b = p.decode(chunk, DataType.FLOAT64, new int[] {2, 3}, 0.0);
    double[] expected = {1.5, -2.0, 3.25, 0.0, 1e10, -7.125};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], b.getDouble(i));
    }
    assertArrayEquals(chunk, p.encode(b, 0.0));
    byte[] bad = chunk.clone();
    bad[3] = 'B'; // still valid base64, but the data no longer matches its checksum
    assertThrows(ChecksumMismatchException.class, () -> p.decode(bad, DataType.FLOAT64, new int[] {2, 3}, 0.0));
  }

  @Test
  void roundTripsRandomData() {
    Random r = new Random(12);
    JenkinsLookup3 c = new JenkinsLookup3(0xfffffffe, new byte[] {1, 2, 3});
    for (int n = 0; n < 100; n++) {
      byte[] d = new byte[n * 7];
      r.nextBytes(d);
      assertArrayEquals(d, c.decode(c.encode(d), d.length));
    }
  }

  @Test
  void corruptionRaisesTheTypedError() {
    JenkinsLookup3 c = new JenkinsLookup3();
    byte[] enc = c.encode(ascii("Four score and seven years ago"));
    for (int i = 0; i < enc.length; i++) { // a flipped bit in the data or in the stored checksum
      byte[] bad = enc.clone();
      bad[i] ^= 0x10;
      ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> c.decode(bad, 30));
      assertTrue(e.getMessage().contains("jenkins_lookup3"), e.getMessage());
    }
    // a different seed or prefix does not verify either
    assertThrows(ChecksumMismatchException.class, () -> new JenkinsLookup3(1, null).decode(enc, 30));
    assertThrows(ChecksumMismatchException.class, () -> new JenkinsLookup3(0, new byte[1]).decode(enc, 30));
    assertThrows(TruncatedChunkException.class, () -> c.decode(new byte[3], 30));
    assertThrows(CorruptChunkException.class, () -> c.decode(enc, 29));
  }

  @Test
  void readsItsConfiguration() {
    JenkinsLookup3 c = assertInstanceOf(JenkinsLookup3.class,
        of("{\"id\":\"numcodecs.jenkins_lookup3\",\"initval\":4294967295}"));
    assertEquals(-1, c.initval());
    assertEquals(0, c.prefix().length);
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"jenkins_lookup3\",\"initval\":-1}"));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"jenkins_lookup3\",\"initval\":4294967296}"));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"jenkins_lookup3\",\"prefix\":\"ab\"}"));
    assertThrows(InvalidMetadataException.class, () -> of("{\"id\":\"jenkins_lookup3\",\"prefix\":[256]}"));
    assertArrayEquals(unhex("0102"), ((JenkinsLookup3) of("{\"id\":\"jenkins_lookup3\",\"prefix\":[1,2]}")).prefix());
  }
}
