package org.zarrspark.core.codec.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.error.CorruptChunkException;

/** encode then decode gives the input back, for every compressor configuration and input shape. */
class CompressorRoundTripTest {
  static JsonNode json(String s) {
    try {
      return ChunkFixtures.JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static List<BytesCodec> codecs() {
    List<BytesCodec> c = new ArrayList<>();
    c.add(new GzipCodec(1));
    c.add(new GzipCodec(9));
    c.add(new GzipCodec(0));
    c.add(new ZlibCodec(-1));
    c.add(new ZlibCodec(6));
    c.add(new ZstdCodec(0, false));
    c.add(new ZstdCodec(3, true));
    c.add(new Lz4Codec(1));
    c.add(new Bz2Codec(1));
    c.add(new Bz2Codec(9));
    c.add(LzmaCodec.fromJson(json("{\"id\":\"lzma\",\"format\":1,\"check\":-1,\"preset\":null,\"filters\":null}")));
    c.add(LzmaCodec.fromJson(json("{\"id\":\"lzma\",\"format\":1,\"check\":10,\"preset\":1}")));
    c.add(LzmaCodec.fromJson(json("{\"id\":\"lzma\",\"format\":2,\"preset\":0}")));
    c.add(LzmaCodec.fromJson(json("{\"id\":\"lzma\",\"format\":3,\"filters\":[{\"id\":3,\"dist\":4},{\"id\":33,\"preset\":1}]}")));
    c.add(LzmaCodec.fromJson(json("{\"id\":\"lzma\",\"format\":3,\"filters\":[{\"id\":4611686018427387905,\"preset\":0,\"lc\":2,\"pb\":0}]}")));
    c.add(LzmaCodec.fromJson(json("{\"id\":\"lzma\",\"format\":1,\"filters\":[{\"id\":4},{\"id\":33,\"dict_size\":65536,\"mf\":3}]}")));
    c.add(new Crc32cCodec());
    c.add(new Crc32cCodec(ChecksumLocation.START));
    return c;
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (BytesCodec c : codecs()) {
      for (Object[] in : TestData.inputs()) {
        out.add(Arguments.of(c, in[0], in[1]));
      }
    }
    return out.stream();
  }

  /** One instance of each codec serves many threads at once. */
  @org.junit.jupiter.api.Test
  void sharedInstancesAreThreadSafe() throws Exception {
    List<BytesCodec> codecs = codecs();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
      for (int t = 0; t < 32; t++) {
        int seed = t;
        jobs.add(pool.submit(() -> {
          for (BytesCodec c : codecs) {
            byte[] data = seed % 2 == 0 ? TestData.random(5000 + seed, seed) : TestData.text(20000 + seed);
            byte[] enc = c.encode(data);
            assertArrayEquals(data, c.decode(enc, data.length), c.toString());
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : jobs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void roundTripsWithTheExactBound(BytesCodec codec, String what, byte[] data) {
    byte[] enc = codec.encode(data);
    byte[] back = codec.decode(enc, data.length);
    assertArrayEquals(data, back, codec + " " + what);
    // a generous bound changes nothing
    assertArrayEquals(data, codec.decode(enc, data.length + 1000), codec + " " + what);
    if (data.length > 0) {
      CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> codec.decode(enc, data.length - 1),
          codec + " must refuse output past the bound");
      assertEquals("corrupt-chunk", e.kind(), e.getMessage());
    }
    // encoding is deterministic and the codec is reusable
    assertArrayEquals(enc, codec.encode(data));
    assertTrue(codec.name().length() > 0);
  }
}
