package org.zarrspark.core.read;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.chunk.Strides;
import org.zarrspark.core.codec.DecodeBuffers;
import org.zarrspark.core.codec.ShardIndex;
import org.zarrspark.core.codec.ShardingCodec;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptShardException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.store.Store;

/**
 * Partial reads of a shard: one ranged read for the index, then ranged reads of only the inner
 * chunks a box needs, adjacent ranges merged into one request.
 */
public final class ShardReader {
  private ShardReader() {}

  /** One inner chunk to fetch: its number, grid position and byte range. */
  private static final class Wanted {
    final int number;
    final int[] coord;
    final long offset;
    final long length;

    Wanted(int number, int[] coord, long offset, long length) {
      this.number = number;
      this.coord = coord;
      this.offset = offset;
      this.length = length;
    }
  }

  public static NdBuffer read(Store store, String key, ShardingCodec codec, DataType type, int[] shardShape,
      Object fill, int[] boxOrigin, int[] boxShape, LongAdder decoded) {
    return read(store, key, codec, type, shardShape, fill, boxOrigin, boxShape, decoded, null);
  }

  /**
   * A box of a shard, decoded. A box that is exactly one stored inner chunk is that chunk's
   * decoded buffer as it is (no copy); {@code indexes}, when given, keeps the shard's index for
   * the reader's next box of the same shard.
   */
  public static NdBuffer read(Store store, String key, ShardingCodec codec, DataType type, int[] shardShape,
      Object fill, int[] boxOrigin, int[] boxShape, LongAdder decoded, ShardIndexCache indexes) {
    return read(store, key, codec, type, shardShape, fill, boxOrigin, boxShape, decoded, indexes, null);
  }

  /** As above; a box that is one inner chunk is decoded into an array of {@code buffers} (may be null). */
  public static NdBuffer read(Store store, String key, ShardingCodec codec, DataType type, int[] shardShape,
      Object fill, int[] boxOrigin, int[] boxShape, LongAdder decoded, ShardIndexCache indexes,
      DecodeBuffers buffers) {
    int[] inner = codec.innerShape();
    boolean oneChunk = true;
    for (int i = 0; i < inner.length; i++) {
      oneChunk &= boxOrigin[i] % inner[i] == 0 && boxShape[i] == inner[i];
    }
    if (oneChunk) {
      ShardIndex index = index(store, key, codec, shardShape, indexes);
      int[] per = codec.chunksPerShard(shardShape);
      long[] strides = Strides.of(per);
      int number = 0;
      for (int i = 0; i < inner.length; i++) {
        number += (int) (boxOrigin[i] / inner[i] * strides[i]);
      }
      if (index != null && !index.isEmpty(number)) {
        long len = index.length(number);
        if (len > Integer.MAX_VALUE - 8) {
          throw new CorruptShardException("shard index entry " + number + " claims " + len
              + " bytes, more than one inner chunk can hold");
        }
        byte[] part = fetch(store, key, index.offset(number), (int) len);
        NdBuffer chunk = codec.decodeInner(part, type, fill, number, buffers);
        if (decoded != null) {
          decoded.increment();
        }
        return chunk;
      }
      return NdBuffer.filled(type, boxShape, fill);
    }
    NdBuffer out = NdBuffer.allocate(type, boxShape);
    readInto(store, key, codec, type, shardShape, fill, boxOrigin, boxShape, out, new int[boxShape.length], decoded,
        indexes);
    return out;
  }

  /** The shard's index (from {@code indexes} when known there), or null for a missing shard. */
  private static ShardIndex index(Store store, String key, ShardingCodec codec, int[] shardShape,
      ShardIndexCache indexes) {
    if (indexes != null && indexes.has(key)) {
      return indexes.get(key);
    }
    int[] per = codec.chunksPerShard(shardShape);
    int indexSize = codec.indexSize(per);
    byte[] indexBytes = codec.indexAtEnd() ? store.getSuffix(key, indexSize) : store.getRange(key, 0, indexSize);
    ShardIndex index = null;
    if (indexBytes != null) {
      if (indexBytes.length < indexSize) {
        throw new TruncatedChunkException("shard of " + indexBytes.length + " bytes is shorter than its index ("
            + indexSize + " bytes)");
      }
      // The shard's length is not known without another request; ranges past its end are caught
      // when they come back short.
      index = ShardIndex.decode(indexBytes, codec.indexCodecs(), per, Long.MAX_VALUE);
    }
    if (indexes != null) {
      indexes.put(key, index);
    }
    return index;
  }

  private static byte[] fetch(Store store, String key, long start, int len) {
    byte[] bytes = store.getRange(key, start, len);
    if (bytes == null || bytes.length != len) {
      throw new CorruptShardException("shard index points to bytes " + start + ".." + (start + len)
          + " but the shard ends at " + (bytes == null ? 0 : start + bytes.length));
    }
    return bytes;
  }

  /**
   * Reads the box {@code boxOrigin + boxShape} of a shard into {@code dest} at {@code destOrigin}:
   * each inner chunk is decoded and copied straight to its place (no box-sized buffer between),
   * and the places of missing inner chunks (or of a missing shard) get the fill value.
   */
  public static void readInto(Store store, String key, ShardingCodec codec, DataType type, int[] shardShape,
      Object fill, int[] boxOrigin, int[] boxShape, NdBuffer dest, int[] destOrigin, LongAdder decoded) {
    readInto(store, key, codec, type, shardShape, fill, boxOrigin, boxShape, dest, destOrigin, decoded, null);
  }

  private static void readInto(Store store, String key, ShardingCodec codec, DataType type, int[] shardShape,
      Object fill, int[] boxOrigin, int[] boxShape, NdBuffer dest, int[] destOrigin, LongAdder decoded,
      ShardIndexCache indexes) {
    int rank = shardShape.length;
    int[] per = codec.chunksPerShard(shardShape);
    ShardIndex index = index(store, key, codec, shardShape, indexes);
    if (index == null) {
      Strides.copyBox(NdBuffer.filled(type, boxShape, fill), new int[rank], dest, destOrigin, boxShape);
      return;
    }
    int[] inner = codec.innerShape();
    int[] lo = new int[rank];
    int[] hi = new int[rank];
    for (int i = 0; i < rank; i++) {
      lo[i] = boxOrigin[i] / inner[i];
      hi[i] = (boxOrigin[i] + boxShape[i] - 1) / inner[i];
    }
    List<Wanted> wanted = new ArrayList<>();
    NdBuffer fillChunk = null;
    int[] c = lo.clone();
    long[] strides = Strides.of(per);
    while (true) {
      int number = 0;
      for (int i = 0; i < rank; i++) {
        number += (int) (c[i] * strides[i]);
      }
      if (!index.isEmpty(number)) {
        if (index.length(number) > Integer.MAX_VALUE - 8) {
          throw new CorruptShardException("shard index entry " + number + " claims " + index.length(number)
              + " bytes, more than one inner chunk can hold");
        }
        wanted.add(new Wanted(number, c.clone(), index.offset(number), index.length(number)));
      } else {
        if (fillChunk == null) {
          fillChunk = NdBuffer.filled(type, inner, fill);
        }
        copyIntersection(fillChunk, c, inner, dest, destOrigin, boxOrigin, boxShape);
      }
      int i = rank - 1;
      while (i >= 0 && c[i] == hi[i]) {
        c[i] = lo[i];
        i--;
      }
      if (i < 0) {
        break;
      }
      c[i]++;
    }
    wanted.sort((a, b) -> Long.compare(a.offset, b.offset));
    int start = 0;
    while (start < wanted.size()) {
      // Merge a run of chunks that sit back to back in the shard into one ranged read.
      int end = start + 1;
      long rangeEnd = wanted.get(start).offset + wanted.get(start).length;
      while (end < wanted.size() && wanted.get(end).offset == rangeEnd
          && rangeEnd - wanted.get(start).offset + wanted.get(end).length <= Integer.MAX_VALUE - 8) {
        rangeEnd += wanted.get(end).length;
        end++;
      }
      long rangeStart = wanted.get(start).offset;
      int len = (int) (rangeEnd - rangeStart);
      byte[] bytes = fetch(store, key, rangeStart, len);
      for (int w = start; w < end; w++) {
        Wanted want = wanted.get(w);
        int from = (int) (want.offset - rangeStart);
        byte[] part = from == 0 && want.length == len ? bytes
            : java.util.Arrays.copyOfRange(bytes, from, from + (int) want.length);
        NdBuffer chunk = codec.decodeInner(part, type, fill, want.number);
        if (decoded != null) {
          decoded.increment();
        }
        copyIntersection(chunk, want.coord, inner, dest, destOrigin, boxOrigin, boxShape);
      }
      start = end;
    }
  }

  private static void copyIntersection(NdBuffer chunk, int[] coord, int[] inner, NdBuffer out, int[] destOrigin,
      int[] boxOrigin, int[] boxShape) {
    int rank = coord.length;
    int[] src = new int[rank];
    int[] dst = new int[rank];
    int[] ext = new int[rank];
    for (int i = 0; i < rank; i++) {
      int chunkStart = coord[i] * inner[i];
      int a = Math.max(chunkStart, boxOrigin[i]);
      int b = Math.min(chunkStart + inner[i], boxOrigin[i] + boxShape[i]);
      src[i] = a - chunkStart;
      dst[i] = a - boxOrigin[i] + destOrigin[i];
      ext[i] = b - a;
    }
    Strides.copyBox(chunk, src, out, dst, ext);
  }
}
