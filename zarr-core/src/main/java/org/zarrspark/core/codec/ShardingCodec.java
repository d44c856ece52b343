package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.chunk.Strides;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptShardException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TooLargeException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.error.ZarrException;

/**
 * v3 sharding_indexed: a shard holds inner chunks, each encoded by {@code inner}, and an index
 * (at the start or the end) encoded by {@code index}. Whole-shard decode lives here; reading
 * only some inner chunks from a store is {@link org.zarrspark.core.read.ShardReader}'s job.
 */
public final class ShardingCodec implements ArrayBytesCodec {
  /** v3 "sharding_indexed". */
  public static final CodecType<ArrayBytesCodec> TYPE =
      CodecType.arrayBytes("sharding_indexed", null, ShardingCodec::fromJson);

  private final int[] innerShape;
  private final CodecPipeline inner;
  private final CodecPipeline index;
  private final boolean indexAtEnd;

  public ShardingCodec(int[] innerShape, CodecPipeline inner, CodecPipeline index, boolean indexAtEnd) {
    for (int s : innerShape) {
      if (s <= 0) {
        throw new InvalidMetadataException("sharding chunk_shape " + Arrays.toString(innerShape)
            + " has a non-positive length");
      }
    }
    if (index.fixedEncodedSize(DataType.UINT64, new int[] {1, 2}) < 0) {
      throw new InvalidMetadataException("sharding index_codecs must have a fixed size (bytes, crc32c)");
    }
    this.innerShape = innerShape.clone();
    this.inner = inner;
    this.index = index;
    this.indexAtEnd = indexAtEnd;
  }

  /** From the v3 configuration; inner and index codecs are bound with the same registry. */
  public static ShardingCodec fromJson(JsonNode conf, CodecContext context) {
    int[] inner = Codecs.intArray(conf.get("chunk_shape"), "sharding chunk_shape");
    CodecPipeline innerCodecs = Codecs.v3(context.registry(), conf.get("codecs"), context.type());
    JsonNode indexCodecs = conf.get("index_codecs");
    CodecPipeline index = Codecs.v3(context.registry(), indexCodecs == null ? defaultIndexCodecs() : indexCodecs,
        DataType.UINT64);
    String where = conf.path("index_location").asText("end");
    if (!where.equals("end") && !where.equals("start")) {
      throw new InvalidMetadataException("sharding index_location '" + where + "' must be 'start' or 'end'");
    }
    return new ShardingCodec(inner, innerCodecs, index, where.equals("end"));
  }

  /** bytes (little-endian) then crc32c, the spec's default. */
  private static JsonNode defaultIndexCodecs() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode bytes = f.objectNode().put("name", "bytes");
    bytes.putObject("configuration").put("endian", "little");
    return f.arrayNode().add(bytes).add(f.objectNode().put("name", "crc32c"));
  }

  @Override
  public String name() {
    return "sharding_indexed";
  }

  public int[] innerShape() {
    return innerShape.clone();
  }

  public CodecPipeline inner() {
    return inner;
  }

  public CodecPipeline indexCodecs() {
    return index;
  }

  public boolean indexAtEnd() {
    return indexAtEnd;
  }

  /** Inner chunks per shard along each axis; the shard shape must be a multiple of the inner one. */
  public int[] chunksPerShard(int[] shardShape) {
    if (shardShape.length != innerShape.length) {
      throw new InvalidMetadataException("sharding chunk_shape " + Arrays.toString(innerShape)
          + " has another rank than the shard " + Arrays.toString(shardShape));
    }
    int[] n = new int[shardShape.length];
    for (int i = 0; i < n.length; i++) {
      if (shardShape[i] % innerShape[i] != 0) {
        throw new InvalidMetadataException("shard shape " + Arrays.toString(shardShape)
            + " is not a multiple of the inner chunk shape " + Arrays.toString(innerShape));
      }
      n[i] = shardShape[i] / innerShape[i];
    }
    return n;
  }

  /**
   * Encoded size of the index of a shard. Metadata can make it huge (many tiny inner chunks):
   * above {@link CodecPipeline#MAX_CHUNK_BYTES} it is refused before anything is fetched.
   */
  public int indexSize(int[] chunksPerShard) {
    int[] shape = Arrays.copyOf(chunksPerShard, chunksPerShard.length + 1);
    shape[chunksPerShard.length] = 2;
    long entries = 2;
    for (int n : chunksPerShard) {
      entries *= n; // entries stay below 2^60: each step is checked against a bound under 2^31
      if (entries * 8 > CodecPipeline.MAX_CHUNK_BYTES) {
        throw new TooLargeException("a shard index of " + Arrays.toString(chunksPerShard) + " inner chunks needs more than "
            + CodecPipeline.MAX_CHUNK_BYTES + " bytes, the limit (-Dzarr.maxChunkBytes)");
      }
    }
    return (int) index.fixedEncodedSize(DataType.UINT64, shape);
  }

  @Override
  public long maxEncodedSize(DataType type, int[] shape) {
    int[] per = chunksPerShard(shape);
    long innerMax = inner.maxBytes(type, innerShape);
    long n = NdBuffer.elementCount(per);
    return Math.min(Integer.MAX_VALUE - 16, n * (innerMax + 1024) + indexSize(per));
  }

  /** Reads the index out of a whole shard. */
  public ShardIndex readIndex(byte[] shard, int[] per) {
    int size = indexSize(per);
    if (shard.length < size) {
      throw new TruncatedChunkException("shard of " + shard.length + " bytes is shorter than its index ("
          + size + " bytes)");
    }
    int from = indexAtEnd ? shard.length - size : 0;
    return ShardIndex.decode(Arrays.copyOfRange(shard, from, from + size), index, per, shard.length);
  }

  @Override
  public NdBuffer decode(byte[] bytes, DataType type, int[] shape, Object fill) {
    int[] per = chunksPerShard(shape);
    ShardIndex idx = readIndex(bytes, per);
    NdBuffer out = NdBuffer.filled(type, shape, fill);
    int rank = shape.length;
    int[] coord = new int[rank];
    int[] origin = new int[rank];
    int[] zero = new int[rank];
    for (int c = 0; c < idx.count(); c++) {
      if (!idx.isEmpty(c)) {
        byte[] part = Arrays.copyOfRange(bytes, (int) idx.offset(c), (int) (idx.offset(c) + idx.length(c)));
        NdBuffer chunk = decodeInner(part, type, fill, c);
        for (int i = 0; i < rank; i++) {
          origin[i] = coord[i] * innerShape[i];
        }
        Strides.copyBox(chunk, zero, out, origin, innerShape);
      }
      for (int i = rank - 1; i >= 0; i--) {
        if (++coord[i] < per[i]) {
          break;
        }
        coord[i] = 0;
      }
    }
    return out;
  }

  /** Decodes inner chunk number {@code c}, naming it in errors. */
  public NdBuffer decodeInner(byte[] part, DataType type, Object fill, int c) {
    return decodeInner(part, type, fill, c, null);
  }

  /** As above, decoding into an array of {@code buffers} (may be null) where the inner codecs allow it. */
  public NdBuffer decodeInner(byte[] part, DataType type, Object fill, int c, DecodeBuffers buffers) {
    try {
      return buffers == null ? inner.decode(part, type, innerShape, fill)
          : inner.decodeBox(part, type, innerShape, fill, new int[innerShape.length], innerShape, buffers);
    } catch (CorruptShardException e) {
      throw e;
    } catch (ZarrException e) {
      if (e.detail().startsWith("inner chunk")) {
        throw e;
      }
      ZarrException w = rewrap(e, "inner chunk " + c + ": " + e.detail());
      throw w;
    }
  }

  private static ZarrException rewrap(ZarrException e, String detail) {
    try {
      return e.getClass().getConstructor(String.class, Throwable.class).newInstance(detail, e);
    } catch (ReflectiveOperationException r) {
      return e;
    }
  }

  @Override
  public byte[] encode(NdBuffer block, Object fill) {
    int[] shape = block.shape();
    int[] per = chunksPerShard(shape);
    int n = NdBuffer.elementCount(per);
    long[] entries = new long[2 * n];
    int indexSize = indexSize(per);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    long base = indexAtEnd ? 0 : indexSize;
    int rank = shape.length;
    int[] coord = new int[rank];
    int[] origin = new int[rank];
    int[] zero = new int[rank];
    NdBuffer fillChunk = NdBuffer.filled(block.type(), innerShape, fill);
    for (int c = 0; c < n; c++) {
      for (int i = 0; i < rank; i++) {
        origin[i] = coord[i] * innerShape[i];
      }
      NdBuffer chunk = NdBuffer.allocate(block.type(), innerShape);
      Strides.copyBox(block, origin, chunk, zero, innerShape);
      if (sameContent(chunk, fillChunk)) {
        entries[2 * c] = ShardIndex.EMPTY;
        entries[2 * c + 1] = ShardIndex.EMPTY;
      } else {
        byte[] enc = inner.encode(chunk, fill);
        entries[2 * c] = base + data.size();
        entries[2 * c + 1] = enc.length;
        data.write(enc, 0, enc.length);
      }
      for (int i = rank - 1; i >= 0; i--) {
        if (++coord[i] < per[i]) {
          break;
        }
        coord[i] = 0;
      }
    }
    byte[] idx = ShardIndex.encode(entries, index, per);
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.size() + idx.length);
    if (!indexAtEnd) {
      out.write(idx, 0, idx.length);
    }
    byte[] d = data.toByteArray();
    out.write(d, 0, d.length);
    if (indexAtEnd) {
      out.write(idx, 0, idx.length);
    }
    return out.toByteArray();
  }

  /** True when two blocks hold the same elements (bytes, or equal strings). */
  public static boolean sameContent(NdBuffer a, NdBuffer b) {
    if (a.objects() != null) {
      return Arrays.equals(a.objects(), b.objects());
    }
    return Arrays.equals(a.bytes(), b.bytes());
  }
}
