package org.zarrspark.core.read;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.core.chunk.GridWalk;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.chunk.Strides;
import org.zarrspark.core.codec.DecodeBuffers;
import org.zarrspark.core.codec.ShardingCodec;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreKeys;

/**
 * Reads one array: whole chunks, or any box of elements. Each chunk a selection touches is
 * fetched and decoded once; sharded arrays fetch only the inner chunks they need.
 */
public final class ZarrArray {
  private final Store store;
  private final String path;
  private final ArrayMetadata meta;

  public ZarrArray(Store store, String path, ArrayMetadata meta) {
    this.store = store;
    this.path = path;
    this.meta = meta;
  }

  public Store store() {
    return store;
  }

  public String path() {
    return path;
  }

  public ArrayMetadata metadata() {
    return meta;
  }

  /** The store key of a chunk (a shard, for sharded arrays). */
  public String chunkKey(long[] coords) {
    return StoreKeys.join(path, meta.keyEncoding().key(coords));
  }

  /** Where the array's chunks (shards, when sharded) lie. */
  public ChunkGrid chunkGrid() {
    return meta.chunkGrid();
  }

  /** Reads a box of the array into a new C-order buffer. */
  public NdBuffer read(long[] origin, int[] shape) {
    NdBuffer out = NdBuffer.allocate(meta.dataType(), shape);
    visit(origin, shape, (chunk, data, dataOrigin, selOrigin, extent) ->
        Strides.copyBox(data, dataOrigin, out, selOrigin, extent));
    return out;
  }

  /** Reads the whole array (it must fit one buffer). */
  public NdBuffer readAll() {
    long[] shape = meta.shape();
    int[] s = new int[shape.length];
    for (int i = 0; i < s.length; i++) {
      if (shape[i] > Integer.MAX_VALUE) {
        throw new InvalidMetadataException("array axis " + i + " of length " + shape[i]
            + " is too long to read at once; read it in boxes").at(store.describe(), path);
      }
      s[i] = (int) shape[i];
    }
    return read(new long[s.length], s);
  }

  /**
   * Calls the visitor once per chunk that intersects the box, in C order of chunks, with the
   * decoded part of the chunk that lies in the box. Missing chunks arrive as fill values.
   */
  public void visit(long[] origin, int[] shape, ChunkVisitor visitor) {
    visit(origin, shape, visitor, null);
  }

  /**
   * As {@link #visit(long[], int[], ChunkVisitor)}, adding to {@code decoded} (when given) the
   * number of stored chunks fetched and decoded: inner chunks for sharded arrays.
   */
  public void visit(long[] origin, int[] shape, ChunkVisitor visitor, LongAdder decoded) {
    int rank = meta.rank();
    if (origin.length != rank || shape.length != rank) {
      throw new IllegalArgumentException("selection rank " + origin.length + " for an array of rank " + rank);
    }
    long[] arrayShape = meta.shape();
    for (int i = 0; i < rank; i++) {
      if (origin[i] < 0 || shape[i] < 0 || origin[i] + shape[i] > arrayShape[i]) {
        throw new IllegalArgumentException("selection origin " + Arrays.toString(origin) + " shape "
            + Arrays.toString(shape) + " is outside the array shape " + Arrays.toString(arrayShape));
      }
    }
    GridWalk.forEach(origin, shape, meta.chunkGrid(), (chunk, inChunk, inBox, extent) ->
        visitor.visit(chunk, readChunkBox(chunk, inChunk, extent, decoded), new int[rank], inBox, extent));
  }

  /** The whole chunk (or shard) at grid coordinates, decoded; fill values when it is missing. */
  public NdBuffer readChunk(long[] coords) {
    return readChunkBox(coords, new int[meta.rank()], meta.chunkShape(coords), null);
  }

  /**
   * Like {@link #readChunkBox}, but writes the box into {@code dest} at {@code destOrigin}: for a
   * box assembled from several chunks, this saves a box-sized buffer and a copy per chunk.
   */
  public void readChunkBoxInto(long[] coords, int[] boxOrigin, int[] boxShape, NdBuffer dest, int[] destOrigin,
      LongAdder decoded) {
    readChunkBoxInto(coords, boxOrigin, boxShape, dest, destOrigin, decoded, null);
  }

  /** As above, decoding into (and giving back) an array of {@code buffers} (may be null). */
  public void readChunkBoxInto(long[] coords, int[] boxOrigin, int[] boxShape, NdBuffer dest, int[] destOrigin,
      LongAdder decoded, DecodeBuffers buffers) {
    String key = chunkKey(coords);
    int[] stored = meta.chunkShape(coords); // edge chunks are stored full size
    try {
      ShardingCodec sharding = meta.sharding();
      if (sharding != null) {
        ShardReader.readInto(store, key, sharding, meta.dataType(), stored, meta.fillValue(), boxOrigin,
            boxShape, dest, destOrigin, decoded);
        return;
      }
      byte[] raw = store.get(key);
      if (raw == null) {
        Strides.copyBox(NdBuffer.filled(meta.dataType(), boxShape, meta.fillValue()), new int[boxShape.length], dest,
            destOrigin, boxShape);
        return;
      }
      NdBuffer chunk = meta.codecs().decodeBox(raw, meta.dataType(), stored, meta.fillValue(), boxOrigin,
          boxShape, buffers);
      if (decoded != null) {
        decoded.increment();
      }
      Strides.copyBox(chunk, boxOrigin, dest, destOrigin, boxShape);
      if (buffers != null) {
        buffers.give(chunk.bytes());
      }
    } catch (ZarrException e) {
      throw located(e, key);
    }
  }

  /** Attaches the store and key, and where a chunk's bytes came from when an error found no location yet. */
  private ZarrException located(ZarrException e, String key) {
    if (e.store() == null && e.key() == null) {
      try {
        String origin = store.origin(key);
        if (origin != null) {
          e.from(origin);
        }
      } catch (RuntimeException ignored) {
        // the location is a courtesy: never hide the error itself
      }
    }
    return e.at(store.describe(), key);
  }

  /** A box inside one chunk, decoded; for sharded arrays only the inner chunks it needs are read. */
  public NdBuffer readChunkBox(long[] coords, int[] boxOrigin, int[] boxShape, LongAdder decoded) {
    return readChunkBox(coords, boxOrigin, boxShape, decoded, null);
  }

  /**
   * Like {@link #readChunkBox(long[], int[], int[], LongAdder)}; for a sharded array, {@code indexes}
   * (when not null) keeps shard indexes between calls, so that a reader taking a shard's inner
   * chunks one by one fetches the index once.
   */
  public NdBuffer readChunkBox(long[] coords, int[] boxOrigin, int[] boxShape, LongAdder decoded,
      ShardIndexCache indexes) {
    return readChunkBox(coords, boxOrigin, boxShape, decoded, indexes, null);
  }

  /**
   * As above, decoding into an array of {@code buffers} (may be null): a whole chunk comes back in
   * it (for the caller to give back once done with it), a part of one is copied out and the array
   * given back at once.
   */
  public NdBuffer readChunkBox(long[] coords, int[] boxOrigin, int[] boxShape, LongAdder decoded,
      ShardIndexCache indexes, DecodeBuffers buffers) {
    String key = chunkKey(coords);
    int[] stored = meta.chunkShape(coords); // edge chunks are stored full size
    try {
      ShardingCodec sharding = meta.sharding();
      if (sharding != null) {
        return ShardReader.read(store, key, sharding, meta.dataType(), stored, meta.fillValue(),
            boxOrigin, boxShape, decoded, indexes, buffers);
      }
      byte[] raw = store.get(key);
      if (raw == null) {
        return NdBuffer.filled(meta.dataType(), boxShape, meta.fillValue());
      }
      NdBuffer chunk = meta.codecs().decodeBox(raw, meta.dataType(), stored, meta.fillValue(), boxOrigin,
          boxShape, buffers);
      if (decoded != null) {
        decoded.increment();
      }
      if (Arrays.equals(boxShape, stored)) {
        return chunk;
      }
      NdBuffer box = NdBuffer.allocate(meta.dataType(), boxShape);
      Strides.copyBox(chunk, boxOrigin, box, new int[boxShape.length], boxShape);
      if (buffers != null) {
        buffers.give(chunk.bytes());
      }
      return box;
    } catch (ZarrException e) {
      throw located(e, key);
    }
  }
}
