package org.zarrspark.core.fuzz;

import static org.zarrspark.core.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.zarrspark.core.codec.CodecPipeline;
import org.zarrspark.core.codec.Codecs;
import org.zarrspark.core.codec.ShardIndex;
import org.zarrspark.core.codec.ShardingCodec;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.read.ShardReader;
import org.zarrspark.core.store.MemoryStore;

/**
 * Sharded chunks of int32 16x16 shards in 4x4 inner chunks (the layouts of the fixture
 * {@code ts_v3_sharding}): the first byte of an input picks the layout, the rest is the shard.
 * Each shard is decoded whole and read in part through {@link ShardReader}. Seeds and regression
 * inputs: {@code src/test/resources/org/zarrspark/core/fuzz/ShardFuzzTestInputs/}.
 */
class ShardFuzzTest {
  private static final String BYTES = "{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}}";
  private static final String CRC = "{\"name\":\"crc32c\"}";
  private static final String[] LAYOUTS = {
      // 0: no checksum on the index (the easiest for the fuzzer to get past)
      sharding("[4,4]", "[" + BYTES + "]", "[" + BYTES + "]", "end"),
      // 1: zstd inner chunks, index at the end with crc32c
      sharding("[4,4]", "[" + BYTES + ",{\"name\":\"zstd\",\"configuration\":{\"level\":3,\"checksum\":false}}]",
          "[" + BYTES + "," + CRC + "]", "end"),
      // 2: gzip inner chunks, index at the start
      sharding("[4,4]", "[" + BYTES + ",{\"name\":\"gzip\",\"configuration\":{\"level\":5}}]",
          "[" + BYTES + "," + CRC + "]", "start"),
      // 3: big-endian inner chunks with crc32c
      sharding("[4,4]", "[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"big\"}}," + CRC + "]",
          "[" + BYTES + "," + CRC + "]", "start"),
      // 4: transpose + blosc inner chunks
      sharding("[4,4]", "[{\"name\":\"transpose\",\"configuration\":{\"order\":[1,0]}}," + BYTES
          + ",{\"name\":\"blosc\",\"configuration\":{\"cname\":\"lz4\",\"clevel\":5,\"shuffle\":\"shuffle\","
          + "\"typesize\":4,\"blocksize\":0}}]", "[" + BYTES + "," + CRC + "]", "end"),
      // 5: nested: 8x8 shards of 4x4 zstd chunks inside the 16x16 shard
      sharding("[8,8]", "[" + sharding("[4,4]", "[" + BYTES
          + ",{\"name\":\"zstd\",\"configuration\":{\"level\":1,\"checksum\":false}}]",
          "[" + BYTES + "," + CRC + "]", "start") + "]", "[" + BYTES + "," + CRC + "]", "end"),
  };
  private static final ShardingCodec[] CODECS = new ShardingCodec[LAYOUTS.length];
  private static final int[] SHARD = {16, 16};
  private static final byte[] FILL = {-1, -1, -1, -1};

  static {
    for (int i = 0; i < LAYOUTS.length; i++) {
      CodecPipeline p = Codecs.v3(Json.parse(("[" + LAYOUTS[i] + "]").getBytes(StandardCharsets.UTF_8)),
          DataType.INT32);
      CODECS[i] = (ShardingCodec) p.arrayBytes();
    }
  }

  private static String sharding(String inner, String codecs, String index, String location) {
    return "{\"name\":\"sharding_indexed\",\"configuration\":{\"chunk_shape\":" + inner + ",\"codecs\":" + codecs
        + ",\"index_codecs\":" + index + ",\"index_location\":\"" + location + "\"}}";
  }

  /** The layout an input's first byte picks. */
  static ShardingCodec layout(byte first) {
    return CODECS[(first & 0xff) % CODECS.length];
  }

  @FuzzTest
  void decode(byte[] data) throws Exception {
    if (data.length == 0) {
      return;
    }
    ShardingCodec codec = layout(data[0]);
    byte[] shard = Arrays.copyOfRange(data, 1, data.length);
    check(() -> codec.decode(shard, DataType.INT32, SHARD, FILL));
    MemoryStore store = new MemoryStore();
    store.put("c/0/0", shard);
    check(() -> ShardReader.read(store, "c/0/0", codec, DataType.INT32, SHARD, FILL, new int[] {0, 0}, SHARD, null));
    check(() -> ShardReader.read(store, "c/0/0", codec, DataType.INT32, SHARD, FILL, new int[] {3, 5},
        new int[] {6, 9}, null));
  }

  /** The index alone: 4x4 entries, no checksum, checked against a shard of 4 KiB. */
  @FuzzTest
  void index(byte[] data) throws Exception {
    check(() -> ShardIndex.decode(data, CODECS[0].indexCodecs(), new int[] {4, 4}, 4096));
  }
}
