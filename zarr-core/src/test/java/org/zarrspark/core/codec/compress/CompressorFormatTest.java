package org.zarrspark.core.codec.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrspark.core.codec.compress.PythonVectors.b64;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.error.UnsupportedCodecException;

/** Format details: streams written by CPython, hand-made frames, headers, checksums, configuration. */
class CompressorFormatTest {
  static final byte[] DATA = PythonVectors.data();

  static JsonNode json(String s) {
    return CompressorRoundTripTest.json(s);
  }

  static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }

  static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void theReferenceDataIsWhatPythonCompressed() throws Exception {
    assertEquals(PythonVectors.DATA_LEN, DATA.length);
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(DATA);
    assertEquals(PythonVectors.DATA_SHA256, ChunkFixtures.hex(sha));
  }

  @Nested
  class Lzma {
    void check(String config, String vector) {
      BytesCodec c = LzmaCodec.fromJson(json(config));
      assertArrayEquals(DATA, c.decode(b64(vector), DATA.length), config);
    }

    @Test
    void xzStreamsFromPython() {
      String dflt = "{\"id\":\"lzma\",\"format\":1,\"check\":-1,\"preset\":null,\"filters\":null}";
      check(dflt, PythonVectors.XZ_DEFAULT);
      check(dflt, PythonVectors.XZ_CHECK_NONE);
      check(dflt, PythonVectors.XZ_CHECK_CRC32);
      check(dflt, PythonVectors.XZ_CHECK_SHA256);
      check(dflt, PythonVectors.XZ_EXTREME);
      check(dflt, PythonVectors.XZ_DELTA_LZMA2);
      check(dflt, PythonVectors.XZ_TWO_STREAMS);
      check("{\"id\":\"lzma\",\"preset\":" + (9 | PythonVectors.LZMA_PRESET_EXTREME) + "}", PythonVectors.XZ_EXTREME);
      check("{\"id\":\"lzma\",\"format\":0}", PythonVectors.XZ_DEFAULT);
    }

    @Test
    void aloneAndRawStreamsFromPython() {
      check("{\"id\":\"lzma\",\"format\":2,\"check\":-1,\"preset\":null,\"filters\":null}", PythonVectors.ALONE);
      check("{\"id\":\"lzma\",\"format\":0}", PythonVectors.ALONE);
      check("{\"id\":\"lzma\",\"format\":3,\"filters\":[{\"id\":33,\"preset\":1}]}", PythonVectors.RAW_LZMA2);
      check("{\"id\":\"lzma\",\"format\":3,\"check\":-1,\"preset\":null,\"filters\":[{\"id\":3,\"dist\":2},"
          + "{\"id\":33,\"dict_size\":65536,\"lc\":1,\"lp\":1,\"pb\":1}]}", PythonVectors.RAW_DELTA_LZMA2);
      check("{\"id\":\"lzma\",\"format\":3,\"filters\":[{\"id\":" + PythonVectors.LZMA_FILTER_LZMA1 + ",\"preset\":2}]}",
          PythonVectors.RAW_LZMA1);
      check("{\"id\":\"lzma\",\"format\":3,\"filters\":[{\"id\":4},{\"id\":33}]}", PythonVectors.RAW_X86_LZMA2);
    }

    @Test
    void damagedStreams() {
      BytesCodec c = LzmaCodec.fromJson(json("{\"id\":\"lzma\"}"));
      byte[] xz = b64(PythonVectors.XZ_DEFAULT);
      assertThrows(TruncatedChunkException.class, () -> c.decode(Arrays.copyOf(xz, xz.length / 2), DATA.length));
      byte[] flipped = xz.clone();
      flipped[xz.length / 2] ^= 0x10;
      assertThrows(CorruptChunkException.class, () -> c.decode(flipped, DATA.length));
      assertThrows(CorruptChunkException.class, () -> c.decode("not xz at all".getBytes(StandardCharsets.US_ASCII), 100));
      assertThrows(TruncatedChunkException.class, () -> c.decode(new byte[0], 100));
      BytesCodec alone = LzmaCodec.fromJson(json("{\"id\":\"lzma\",\"format\":2}"));
      byte[] a = alone.encode(DATA);
      // the .lzma header declares the size: a size above the bound is refused before decoding
      CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> alone.decode(a, DATA.length - 1));
      assertTrue(e.getMessage().contains("declares"), e.getMessage());
    }

    @Test
    void configurationIsValidated() {
      assertThrows(InvalidMetadataException.class, () -> LzmaCodec.fromJson(json("{\"format\":3}")));
      assertThrows(InvalidMetadataException.class, () -> LzmaCodec.fromJson(json("{\"format\":7}")));
      assertThrows(InvalidMetadataException.class, () -> LzmaCodec.fromJson(json("{\"check\":3}")));
      assertThrows(InvalidMetadataException.class, () -> LzmaCodec.fromJson(json("{\"preset\":12}")));
      assertThrows(InvalidMetadataException.class,
          () -> LzmaCodec.fromJson(json("{\"preset\":1,\"filters\":[{\"id\":33}]}")));
      assertThrows(InvalidMetadataException.class,
          () -> LzmaCodec.fromJson(json("{\"format\":3,\"filters\":[{\"id\":33},{\"id\":3}]}")));
      assertThrows(InvalidMetadataException.class,
          () -> LzmaCodec.fromJson(json("{\"format\":1,\"filters\":[{\"id\":" + PythonVectors.LZMA_FILTER_LZMA1 + "}]}")));
      assertThrows(InvalidMetadataException.class,
          () -> LzmaCodec.fromJson(json("{\"format\":3,\"filters\":[{\"id\":33,\"bogus\":1}]}")));
      assertThrows(InvalidMetadataException.class,
          () -> LzmaCodec.fromJson(json("{\"format\":3,\"filters\":[{\"id\":33,\"lc\":4,\"lp\":4}]}")));
      assertThrows(UnsupportedCodecException.class,
          () -> LzmaCodec.fromJson(json("{\"format\":3,\"filters\":[{\"id\":99},{\"id\":33}]}")));
      LzmaCodec c = LzmaCodec.fromJson(json("{\"id\":\"lzma\",\"format\":2,\"check\":-1,\"preset\":3}"));
      assertEquals(2, c.format());
      assertEquals(3L, c.preset());
      assertEquals("lzma", c.name());
    }
  }

  @Nested
  class Bz2 {
    @Test
    void streamsFromPython() {
      Bz2Codec c = Bz2Codec.fromJson(json("{\"id\":\"bz2\",\"level\":9}"));
      assertEquals(9, c.level());
      assertArrayEquals(DATA, c.decode(b64(PythonVectors.BZ2_L9), DATA.length));
      assertArrayEquals(DATA, c.decode(b64(PythonVectors.BZ2_TWO_STREAMS), DATA.length));
      assertArrayEquals(DATA, new Bz2Codec(1).decode(b64(PythonVectors.BZ2_TWO_STREAMS), DATA.length));
    }

    @Test
    void damagedStreams() {
      Bz2Codec c = new Bz2Codec(9);
      byte[] b = b64(PythonVectors.BZ2_L9);
      assertThrows(TruncatedChunkException.class, () -> c.decode(Arrays.copyOf(b, b.length - 7), DATA.length));
      assertThrows(TruncatedChunkException.class, () -> c.decode(Arrays.copyOf(b, 2), DATA.length));
      byte[] flipped = b.clone();
      flipped[b.length / 2] ^= 0x01;
      assertThrows(CorruptChunkException.class, () -> c.decode(flipped, DATA.length));
      assertThrows(CorruptChunkException.class, () -> c.decode(bytes(1, 2, 3, 4, 5), 100));
      assertThrows(InvalidMetadataException.class, () -> new Bz2Codec(0));
    }
  }

  @Nested
  class Gzip {
    @Test
    void streamsFromPython() {
      GzipCodec c = GzipCodec.fromJson(json("{\"id\":\"gzip\",\"level\":5}"));
      assertEquals(5, c.level());
      assertArrayEquals(DATA, c.decode(b64(PythonVectors.GZIP_L5), DATA.length));
      // two members (the first with a file name and mtime) followed by zero padding
      assertArrayEquals(DATA, c.decode(b64(PythonVectors.GZIP_TWO_MEMBERS_PADDED), DATA.length));
    }

    @Test
    void optionalHeaderFieldsAreSkipped() {
      byte[] payload = "hello gzip header fields".getBytes(StandardCharsets.US_ASCII);
      byte[] plain = new GzipCodec(6).encode(payload);
      // rebuild the member with FEXTRA, FNAME, FCOMMENT and FHCRC set
      byte[] header = bytes(0x1f, 0x8b, 8, 2 | 4 | 8 | 16, 1, 2, 3, 4, 0, 3);
      byte[] extra = bytes(3, 0, 'a', 'b', 'c');
      byte[] name = bytes('n', '.', 'b', 'i', 'n', 0);
      byte[] comment = bytes('h', 'i', 0);
      byte[] hcrc = bytes(0x12, 0x34);
      byte[] body = Arrays.copyOfRange(plain, 10, plain.length);
      byte[] member = cat(header, extra, name, comment, hcrc, body);
      assertArrayEquals(payload, new GzipCodec(1).decode(member, 100));
      assertArrayEquals(payload, new GzipCodec(1).decode(Arrays.copyOf(member, member.length), payload.length));
      // cut inside the optional fields
      for (int cut = 10; cut < 10 + extra.length + name.length + comment.length + hcrc.length; cut++) {
        byte[] c = Arrays.copyOf(member, cut);
        assertThrows(TruncatedChunkException.class, () -> new GzipCodec(1).decode(c, 100), "cut at " + cut);
      }
    }

    @Test
    void trailerAndHeaderErrors() {
      GzipCodec c = new GzipCodec(1);
      byte[] enc = c.encode(DATA);
      byte[] badCrc = enc.clone();
      badCrc[enc.length - 8] ^= 1;
      assertThrows(ChecksumMismatchException.class, () -> c.decode(badCrc, DATA.length));
      byte[] badSize = enc.clone();
      badSize[enc.length - 4] ^= 1;
      CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> c.decode(badSize, DATA.length));
      assertFalse(e instanceof ChecksumMismatchException);
      assertThrows(TruncatedChunkException.class, () -> c.decode(Arrays.copyOf(enc, enc.length - 3), DATA.length));
      assertThrows(TruncatedChunkException.class, () -> c.decode(Arrays.copyOf(enc, enc.length / 2), DATA.length));
      assertThrows(TruncatedChunkException.class, () -> c.decode(Arrays.copyOf(enc, 5), DATA.length));
      assertThrows(CorruptChunkException.class, () -> c.decode(cat(enc, bytes(1, 2, 3)), DATA.length));
      byte[] badMagic = enc.clone();
      badMagic[1] = (byte) 0x8c;
      assertThrows(CorruptChunkException.class, () -> c.decode(badMagic, DATA.length));
      byte[] badMethod = enc.clone();
      badMethod[2] = 7;
      assertThrows(CorruptChunkException.class, () -> c.decode(badMethod, DATA.length));
      byte[] reserved = enc.clone();
      reserved[3] = (byte) 0x80;
      assertThrows(CorruptChunkException.class, () -> c.decode(reserved, DATA.length));
      assertThrows(TruncatedChunkException.class, () -> c.decode(new byte[0], DATA.length));
    }

    @Test
    void encodingWritesAStandardHeader() {
      byte[] enc = new GzipCodec(9).encode(DATA);
      assertEquals(0x1f, enc[0] & 0xFF);
      assertEquals(0x8b, enc[1] & 0xFF);
      assertEquals(8, enc[2]);
      assertEquals(2, enc[8]); // XFL: best compression
      assertEquals(DATA.length, Bytes.le32(enc, enc.length - 4));
    }
  }

  @Nested
  class Zlib {
    @Test
    void streamsFromPython() {
      ZlibCodec c = ZlibCodec.fromJson(json("{\"id\":\"zlib\",\"level\":1}"));
      assertArrayEquals(DATA, c.decode(b64(PythonVectors.ZLIB_L1), DATA.length));
      // like Python's zlib.decompress, bytes after the end of the stream are ignored
      assertArrayEquals(DATA, c.decode(b64(PythonVectors.ZLIB_L9_TRAILING), DATA.length));
    }

    @Test
    void damagedStreams() {
      ZlibCodec c = new ZlibCodec(1);
      byte[] z = b64(PythonVectors.ZLIB_L1);
      byte[] badAdler = z.clone();
      badAdler[z.length - 1] ^= 1;
      assertThrows(ChecksumMismatchException.class, () -> c.decode(badAdler, DATA.length));
      assertThrows(TruncatedChunkException.class, () -> c.decode(Arrays.copyOf(z, z.length - 2), DATA.length));
      assertThrows(TruncatedChunkException.class, () -> c.decode(Arrays.copyOf(z, 1), DATA.length));
      assertThrows(CorruptChunkException.class, () -> c.decode(bytes(0x78, 0x9c, 0xff, 0xff, 0xff), DATA.length));
      assertThrows(InvalidMetadataException.class, () -> ZlibCodec.fromJson(json("{\"level\":10}")));
    }
  }

  @Nested
  class Zstd {
    /** A frame without content size: window 128 KiB, raw "hello", 1000 x 'x' (RLE), raw "end". */
    byte[] unsizedFrame(boolean withChecksumFlag) {
      return cat(bytes(0x28, 0xb5, 0x2f, 0xfd, withChecksumFlag ? 0x04 : 0x00, 7 << 3),
          blockHeader(false, 0, 5), "hello".getBytes(StandardCharsets.US_ASCII),
          blockHeader(false, 1, 1000), bytes('x'),
          blockHeader(true, 0, 3), "end".getBytes(StandardCharsets.US_ASCII));
    }

    byte[] blockHeader(boolean last, int type, int size) {
      int h = (last ? 1 : 0) | type << 1 | size << 3;
      return bytes(h & 0xFF, (h >>> 8) & 0xFF, (h >>> 16) & 0xFF);
    }

    byte[] expectedUnsized() {
      byte[] x = new byte[1000];
      Arrays.fill(x, (byte) 'x');
      return cat("hello".getBytes(StandardCharsets.US_ASCII), x, "end".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void framesWithoutContentSize() {
      ZstdCodec c = new ZstdCodec(0, false);
      byte[] want = expectedUnsized();
      assertArrayEquals(want, c.decode(unsizedFrame(false), 5000));
      assertArrayEquals(want, c.decode(unsizedFrame(false), want.length));
      assertThrows(CorruptChunkException.class, () -> c.decode(unsizedFrame(false), want.length - 1));
      assertThrows(TruncatedChunkException.class, () -> c.decode(unsizedFrame(true), 5000)); // checksum missing
    }

    @Test
    void severalFramesAndSkippableFrames() {
      ZstdCodec c = new ZstdCodec(3, false);
      byte[] a = TestData.text(5000);
      byte[] b = TestData.random(3000, 5);
      byte[] skippable = cat(bytes(0x53, 0x2a, 0x4d, 0x18, 4, 0, 0, 0), bytes(9, 9, 9, 9));
      byte[] stream = cat(skippable, c.encode(a), unsizedFrame(false), skippable, new ZstdCodec(1, true).encode(b), skippable);
      byte[] want = cat(a, expectedUnsized(), b);
      assertArrayEquals(want, c.decode(stream, want.length));
      assertThrows(CorruptChunkException.class, () -> c.decode(stream, want.length - 1));
      // all frames sized: the sum is checked before decoding
      byte[] sized = cat(c.encode(a), c.encode(b));
      assertArrayEquals(cat(a, b), c.decode(sized, a.length + b.length));
      CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> c.decode(sized, a.length + b.length - 1));
      assertTrue(e.getMessage().contains("declare"), e.getMessage());
    }

    @Test
    void checksumFlagFollowsTheConfiguration() {
      byte[] data = TestData.patterned(10000);
      byte[] without = new ZstdCodec(0, false).encode(data);
      byte[] with = new ZstdCodec(0, true).encode(data);
      assertEquals(0, without[4] & 0x04);
      assertEquals(0x04, with[4] & 0x04);
      assertEquals(without.length + 4, with.length);
      assertArrayEquals(data, new ZstdCodec(0, false).decode(with, data.length));
      byte[] bad = with.clone();
      bad[bad.length - 1] ^= 1;
      assertThrows(ChecksumMismatchException.class, () -> new ZstdCodec(0, false).decode(bad, data.length));
    }

    @Test
    void headerErrors() {
      ZstdCodec c = new ZstdCodec(0, false);
      byte[] enc = c.encode(TestData.text(2000));
      assertThrows(TruncatedChunkException.class, () -> c.decode(new byte[0], 10));
      assertThrows(TruncatedChunkException.class, () -> c.decode(Arrays.copyOf(enc, 3), 2000));
      assertThrows(TruncatedChunkException.class, () -> c.decode(Arrays.copyOf(enc, 5), 2000));
      assertThrows(TruncatedChunkException.class, () -> c.decode(Arrays.copyOf(enc, enc.length - 1), 2000));
      byte[] magic = enc.clone();
      magic[0] = 0x29;
      assertThrows(CorruptChunkException.class, () -> c.decode(magic, 2000));
      byte[] reserved = enc.clone();
      reserved[4] |= 0x08;
      assertThrows(CorruptChunkException.class, () -> c.decode(reserved, 2000));
      assertThrows(CorruptChunkException.class, () -> c.decode(cat(enc, bytes(1, 2, 3, 4, 5)), 2000));
      // a frame that declares more content than it holds
      byte[] sized = c.encode(TestData.text(300)); // FCS field of 2 bytes: value - 256
      assertEquals(0x60, sized[4] & 0xE0, "single segment with a 2-byte content size");
      sized[5] = (byte) (sized[5] + 10);
      assertThrows(CorruptChunkException.class, () -> c.decode(sized, 2000));
      // dictionaries are not supported
      byte[] dict = cat(bytes(0x28, 0xb5, 0x2f, 0xfd, 0x21, 5, 10), blockHeader(true, 0, 1), bytes(1));
      assertThrows(UnsupportedCodecException.class, () -> c.decode(dict, 100));
    }

    @Test
    void configuration() {
      ZstdCodec v3 = ZstdCodec.fromJson(json("{\"level\":5,\"checksum\":true}"));
      assertEquals(5, v3.level());
      assertTrue(v3.checksum());
      ZstdCodec v2 = ZstdCodec.fromJson(json("{\"id\":\"zstd\",\"level\":3}"));
      assertEquals(3, v2.level());
      assertFalse(v2.checksum());
      assertEquals(0, ZstdCodec.fromJson(json("{}")).level());
      assertThrows(InvalidMetadataException.class, () -> ZstdCodec.fromJson(json("{\"level\":\"high\"}")));
      assertThrows(InvalidMetadataException.class, () -> ZstdCodec.fromJson(json("{\"checksum\":\"yes\"}")));
      assertThrows(InvalidMetadataException.class, () -> ZstdCodec.fromJson(json("[1]")));
    }
  }

  @Nested
  class Lz4 {
    @Test
    void numcodecsFraming() {
      Lz4Codec c = Lz4Codec.fromJson(json("{\"id\":\"lz4\",\"acceleration\":1}"));
      byte[] data = TestData.text(1000);
      byte[] enc = c.encode(data);
      assertEquals(1000, Bytes.le32(enc, 0));
      assertArrayEquals(data, c.decode(enc, 1000));
      // numcodecs' encoding of empty input: size 0 and a block holding one empty token
      assertArrayEquals(new byte[0], c.decode(bytes(0, 0, 0, 0, 0), 0));
      assertArrayEquals(new byte[0], c.decode(c.encode(new byte[0]), 0));
    }

    @Test
    void handMadeBlocks() {
      Lz4Codec c = new Lz4Codec(1);
      // "abc" literal, then a match of 9 at offset 3 (overlapping), then literal "Z"
      byte[] block = cat(bytes(13, 0, 0, 0),
          bytes(0x35, 'a', 'b', 'c', 3, 0), bytes(0x10, 'Z'));
      assertArrayEquals("abcabcabcabcZ".getBytes(StandardCharsets.US_ASCII), c.decode(block, 13));
      // long match length with 255-continuation bytes: 1 literal, match of 15 + 255 + 3 + 4
      byte[] longRun = cat(bytes(1 + 277, 1, 0, 0), bytes(0x1F, 'q', 1, 0, 255, 3), bytes(0x00));
      byte[] want = new byte[278];
      Arrays.fill(want, (byte) 'q');
      assertArrayEquals(want, c.decode(longRun, 278));
    }

    @Test
    void damagedBlocks() {
      Lz4Codec c = new Lz4Codec(1);
      assertThrows(TruncatedChunkException.class, () -> c.decode(bytes(1, 0), 10));
      assertThrows(TruncatedChunkException.class, () -> c.decode(bytes(1, 0, 0, 0), 10));
      assertThrows(CorruptChunkException.class, () -> c.decode(bytes(0xff, 0xff, 0xff, 0xff, 0), 10));
      CorruptChunkException tooBig = assertThrows(CorruptChunkException.class, () -> c.decode(bytes(100, 0, 0, 0, 0x10, 'a'), 10));
      assertTrue(tooBig.getMessage().contains("more than the 10"), tooBig.getMessage());
      // prefix larger than any block of this size can produce
      assertThrows(CorruptChunkException.class, () -> c.decode(bytes(0, 0, 1, 0, 0x10, 'a'), 1 << 20));
      // block decodes to fewer bytes than the prefix says
      assertThrows(CorruptChunkException.class, () -> c.decode(bytes(5, 0, 0, 0, 0x10, 'a'), 10));
      // block decodes to more bytes than the prefix says
      assertThrows(CorruptChunkException.class, () -> c.decode(bytes(1, 0, 0, 0, 0x20, 'a', 'b'), 10));
      // offset 0 and offset before the start
      assertThrows(CorruptChunkException.class, () -> c.decode(bytes(9, 0, 0, 0, 0x10, 'a', 0, 0, 0x00), 20));
      assertThrows(CorruptChunkException.class, () -> c.decode(bytes(9, 0, 0, 0, 0x10, 'a', 2, 0, 0x00), 20));
      // literal run cut short
      assertThrows(TruncatedChunkException.class, () -> c.decode(bytes(5, 0, 0, 0, 0x50, 'a', 'b'), 20));
      // block ends right after a match
      assertThrows(TruncatedChunkException.class, () -> c.decode(bytes(9, 0, 0, 0, 0x14, 'a', 1, 0), 20));
    }
  }

  @Nested
  class Crc32c {
    @Test
    void knownValueAndLayout() {
      byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
      Crc32cCodec v3 = Crc32cCodec.fromJson(json("{}"));
      byte[] enc = v3.encode(digits);
      // CRC-32C check value of "123456789" is 0xE3069283, stored little-endian after the data
      assertArrayEquals(cat(digits, bytes(0x83, 0x92, 0x06, 0xE3)), enc);
      assertArrayEquals(digits, v3.decode(enc, 9));
      Crc32cCodec start = Crc32cCodec.fromJson(json("{\"id\":\"crc32c\",\"location\":\"start\"}"));
      assertArrayEquals(cat(bytes(0x83, 0x92, 0x06, 0xE3), digits), start.encode(digits));
      assertEquals(ChecksumLocation.END, Crc32cCodec.fromJson(null).location());
      assertThrows(ChecksumMismatchException.class, () -> start.decode(enc, 9));
      assertThrows(TruncatedChunkException.class, () -> v3.decode(bytes(1, 2, 3), 9));
      assertThrows(CorruptChunkException.class, () -> v3.decode(enc, 8));
      assertThrows(InvalidMetadataException.class, () -> Crc32cCodec.fromJson(json("{\"location\":\"middle\"}")));
      assertArrayEquals(new byte[0], v3.decode(v3.encode(new byte[0]), 0));
    }
  }

  @Test
  void gzipConfiguration() {
    assertEquals(1, GzipCodec.fromJson(null).level());
    assertEquals(1, GzipCodec.fromJson(json("{}")).level());
    assertEquals(5, GzipCodec.fromJson(json("{\"level\":5}")).level());
    assertEquals(5, GzipCodec.fromJson(json("{\"level\":5.0}")).level());
    assertThrows(InvalidMetadataException.class, () -> GzipCodec.fromJson(json("{\"level\":12}")));
    assertThrows(InvalidMetadataException.class, () -> GzipCodec.fromJson(json("{\"level\":1.5}")));
    assertThrows(InvalidMetadataException.class, () -> GzipCodec.fromJson(json("\"gzip\"")));
    assertEquals("gzip", new GzipCodec(1).name());
  }
}
