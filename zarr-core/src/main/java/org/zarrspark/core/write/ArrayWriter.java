package org.zarrspark.core.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.core.chunk.GridWalk;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.chunk.Strides;
import org.zarrspark.core.codec.ShardingCodec;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.V2Metadata;
import org.zarrspark.core.metadata.V3Metadata;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreKeys;

/**
 * Writes one array: its metadata, then whole chunks (or boxes, merged into existing chunks).
 * Chunks equal to the fill value are not stored, as zarr-python does by default.
 */
public final class ArrayWriter {
  private final ZarrArray array;

  private ArrayWriter(ZarrArray array) {
    this.array = array;
  }

  /** Writes the metadata of a new array at {@code path} and returns a writer for its chunks. */
  public static ArrayWriter create(Store store, String path, ArraySpec spec) {
    String p = StoreKeys.normalizePath(path);
    ObjectNode doc = spec.document();
    ArrayMetadata meta;
    if (spec.zarrFormat() == 3) {
      // Parsed with the reader's own parser, so what is written is what will be read.
      meta = V3Metadata.parseArray(doc);
      store.put(StoreKeys.join(p, "zarr.json"), Json.write(doc));
    } else {
      ObjectNode attrs = spec.v2Attributes();
      meta = V2Metadata.parseArray(doc, attrs);
      store.put(StoreKeys.join(p, ".zarray"), Json.write(doc));
      store.put(StoreKeys.join(p, ".zattrs"), Json.write(attrs));
    }
    return new ArrayWriter(new ZarrArray(store, p, meta));
  }

  /** A writer for an array that already exists. */
  public static ArrayWriter open(ZarrArray array) {
    return new ArrayWriter(array);
  }

  public ZarrArray array() {
    return array;
  }

  /** Writes a whole chunk (shard, if sharded) of the stored chunk shape. */
  public void writeChunk(long[] coords, NdBuffer chunk) {
    ArrayMetadata m = array.metadata();
    int[] stored = m.chunkShape(coords);
    if (!Arrays.equals(chunk.shape(), stored)) {
      throw new IllegalArgumentException("chunk of shape " + Arrays.toString(chunk.shape())
          + " for chunk shape " + Arrays.toString(stored));
    }
    String key = array.chunkKey(coords);
    try {
      if (ShardingCodec.sameContent(chunk, NdBuffer.filled(m.dataType(), stored, m.fillValue()))) {
        array.store().delete(key);
        return;
      }
      array.store().put(key, m.codecs().encode(chunk, m.fillValue()));
    } catch (ZarrException e) {
      throw e.at(array.store().describe(), key);
    }
  }

  /**
   * Writes a box of values at {@code origin}. Chunks the box covers whole are written
   * directly; partly covered chunks are read, updated and written back.
   */
  public void write(long[] origin, NdBuffer data) {
    ArrayMetadata m = array.metadata();
    int rank = m.rank();
    int[] shape = data.shape();
    long[] arrayShape = m.shape();
    ChunkGrid cs = m.chunkGrid();
    for (int i = 0; i < rank; i++) {
      if (origin[i] < 0 || origin[i] + shape[i] > arrayShape[i]) {
        throw new IllegalArgumentException("box at " + Arrays.toString(origin) + " of shape "
            + Arrays.toString(shape) + " is outside the array " + Arrays.toString(arrayShape));
      }
    }
    GridWalk.forEach(origin, shape, cs, (chunk, inChunk, inData, extent) -> {
      // A chunk the box covers whole (up to the array's end, for edge chunks) needs no read.
      boolean whole = true;
      for (int i = 0; i < rank; i++) {
        long start = cs.start(i, chunk[i]);
        whole &= inChunk[i] == 0 && extent[i] == Math.min(cs.edge(i, chunk[i]), arrayShape[i] - start);
      }
      NdBuffer block = whole ? NdBuffer.filled(m.dataType(), cs.chunkShape(chunk), m.fillValue())
          : array.readChunk(chunk);
      Strides.copyBox(data, inData, block, inChunk, extent);
      writeChunk(chunk, block);
    });
  }
}
