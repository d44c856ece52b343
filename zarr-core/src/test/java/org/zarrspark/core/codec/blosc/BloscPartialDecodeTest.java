package org.zarrspark.core.codec.blosc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecPipeline;
import org.zarrspark.core.codec.EndianCodec;
import org.zarrspark.core.dtype.DataType;

/**
 * Decoding only the Blosc blocks that hold a range (numcodecs' partial_decompress): the range's
 * bytes equal a whole decode's, the blocks outside it are not decoded (left zero), and a box read
 * through the codec pipeline equals the same box of the whole chunk.
 */
class BloscPartialDecodeTest {
  /** 24 x 91 x 180 float32 values, none zero, as one ERA5-like chunk. */
  static byte[] chunk() {
    ByteBuffer b = ByteBuffer.allocate(24 * 91 * 180 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 24 * 91 * 180; i++) {
      b.putFloat(250f + (i % 977) / 64f);
    }
    return b.array();
  }

  @ParameterizedTest(name = "{0} shuffle {1} blocksize {2}")
  @CsvSource({"lz4, 1, 0", "lz4, 1, 65536", "zstd, 2, 0", "blosclz, 0, 16384"})
  void aRangeDecodesOnlyItsBlocks(String cname, int shuffle, int blocksize) {
    byte[] raw = chunk();
    BytesCodec codec = new BloscCodec(cname, 5, shuffle, 4, blocksize);
    byte[] enc = codec.encode(raw);
    int bs = BloscHeader.read(enc, raw.length).blocksize;
    assertTrue((raw.length + bs - 1) / bs >= 3, "several blocks: " + bs);
    long from = bs + 100L;
    long to = from + 4;
    byte[] part = codec.decodeRange(enc, raw.length, from, to);
    assertEquals(raw.length, part.length);
    assertArrayEquals(Arrays.copyOfRange(raw, bs, 2 * bs), Arrays.copyOfRange(part, bs, 2 * bs));
    byte[] zeros = new byte[bs];
    assertArrayEquals(zeros, Arrays.copyOfRange(part, 0, bs), "block 0 is not decoded");
    assertArrayEquals(new byte[raw.length - 2 * bs], Arrays.copyOfRange(part, 2 * bs, raw.length),
        "the blocks after it are not decoded");
    assertArrayEquals(raw, codec.decodeRange(enc, raw.length, 0, Long.MAX_VALUE));
    assertArrayEquals(raw, codec.decode(enc, raw.length));
  }

  @Test
  void aBoxThroughThePipelineEqualsTheWholeChunksBox() {
    byte[] raw = chunk();
    int[] shape = {24, 91, 180};
    BloscCodec blosc = new BloscCodec("lz4", 5, 1, 4, 0);
    CodecPipeline p = new CodecPipeline(java.util.List.of(), new EndianCodec(ByteOrder.LITTLE_ENDIAN),
        java.util.List.of(blosc));
    byte[] enc = blosc.encode(raw);
    NdBuffer whole = p.decode(enc, DataType.FLOAT32, shape, null);
    // A point series (all of time at one lat/lon) and one time step.
    int[][][] boxes = {{{0, 40, 100}, {24, 1, 1}}, {{5, 0, 0}, {1, 91, 180}}, {{23, 90, 179}, {1, 1, 1}}};
    for (int[][] box : boxes) {
      NdBuffer got = p.decodeBox(enc, DataType.FLOAT32, shape, null, box[0], box[1]);
      for (int t = 0; t < box[1][0]; t++) {
        for (int y = 0; y < box[1][1]; y++) {
          for (int x = 0; x < box[1][2]; x++) {
            int i = ((box[0][0] + t) * 91 + box[0][1] + y) * 180 + box[0][2] + x;
            assertEquals(whole.getFloat(i), got.getFloat(i), Arrays.deepToString(box) + " at " + i);
          }
        }
      }
    }
  }
}
