package org.zarrspark.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.core.codec.CodecPipeline;
import org.zarrspark.core.codec.ShardingCodec;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TooLargeException;
import org.zarrspark.core.error.UnsupportedChunkGridException;

/**
 * Everything needed to read an array, whatever its Zarr version: shape, chunk grid, element
 * type, fill value, key encoding and the bound codec pipeline. Immutable.
 */
public final class ArrayMetadata {
  private final int zarrFormat;
  private final long[] shape;
  private final ChunkGrid grid;
  private final DataType dataType;
  private final Object fillValue;
  private final ChunkKeyEncoding keyEncoding;
  private final CodecPipeline codecs;
  private final List<String> dimensionNames;
  private final ObjectNode attributes;
  private final JsonNode document;

  public ArrayMetadata(int zarrFormat, long[] shape, int[] chunkShape, DataType dataType,
      Object fillValue, ChunkKeyEncoding keyEncoding, CodecPipeline codecs,
      List<String> dimensionNames, ObjectNode attributes, JsonNode document) {
    this(zarrFormat, shape, regularGrid(shape, chunkShape), dataType, fillValue, keyEncoding, codecs, dimensionNames,
        attributes, document);
  }

  private static ChunkGrid regularGrid(long[] shape, int[] chunkShape) {
    if (shape.length != chunkShape.length) {
      throw new InvalidMetadataException("chunk shape " + Arrays.toString(chunkShape)
          + " has rank " + chunkShape.length + " but shape " + Arrays.toString(shape) + " has rank " + shape.length);
    }
    for (int i = 0; i < shape.length; i++) {
      if (chunkShape[i] <= 0) {
        throw new InvalidMetadataException("chunk shape " + Arrays.toString(chunkShape) + " has a non-positive length");
      }
    }
    return ChunkGrid.regular(shape, chunkShape);
  }

  /** An array on any chunk grid (regular or rectilinear). */
  public ArrayMetadata(int zarrFormat, long[] shape, ChunkGrid grid, DataType dataType,
      Object fillValue, ChunkKeyEncoding keyEncoding, CodecPipeline codecs,
      List<String> dimensionNames, ObjectNode attributes, JsonNode document) {
    if (grid.rank() != shape.length) {
      throw new InvalidMetadataException("chunk grid " + grid + " has rank " + grid.rank() + " but shape "
          + Arrays.toString(shape) + " has rank " + shape.length);
    }
    long chunks = 1;
    long elements = 1;
    boolean empty = Arrays.stream(shape).anyMatch(s -> s == 0);
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new InvalidMetadataException("shape " + Arrays.toString(shape) + " has a negative length");
      }
      long n = grid.count(i);
      if (n != 0 && chunks > Long.MAX_VALUE / n) {
        throw new TooLargeException("shape " + Arrays.toString(shape) + " with chunks "
            + grid + " has more chunks than a 64-bit count holds");
      }
      chunks *= n;
      // The element count must fit a long too: tables count rows with it.
      if (!empty) {
        if (elements > Long.MAX_VALUE / shape[i]) {
          throw new TooLargeException("shape " + Arrays.toString(shape)
              + " has more elements than a 64-bit count holds");
        }
        elements *= shape[i];
      }
    }
    if (dimensionNames != null && dimensionNames.size() != shape.length) {
      throw new InvalidMetadataException("dimension_names " + dimensionNames + " has "
          + dimensionNames.size() + " names for rank " + shape.length);
    }
    this.zarrFormat = zarrFormat;
    this.shape = shape.clone();
    this.grid = grid;
    this.dataType = dataType;
    this.fillValue = fillValue;
    this.keyEncoding = keyEncoding;
    this.codecs = codecs;
    this.dimensionNames = dimensionNames == null ? null : Collections.unmodifiableList(dimensionNames);
    this.attributes = attributes;
    this.document = document;
  }

  public int zarrFormat() {
    return zarrFormat;
  }

  public int rank() {
    return shape.length;
  }

  public long[] shape() {
    return shape.clone();
  }

  /**
   * The chunk (for sharded arrays: shard) shape of a regular grid. Code that also serves
   * rectilinear grids asks {@link #chunkGrid()}; elsewhere such a grid is refused, never misread.
   */
  public int[] chunkShape() {
    int[] s = grid.regularShape();
    if (s == null) {
      throw new UnsupportedChunkGridException("this operation needs a regular chunk grid, the array's is rectilinear "
          + grid);
    }
    return s;
  }

  /** Where the chunks (for sharded arrays: shards) lie. */
  public ChunkGrid chunkGrid() {
    return grid;
  }

  /** Full shape of the chunk (shard) at grid coordinates, as stored. */
  public int[] chunkShape(long[] coords) {
    return grid.chunkShape(coords);
  }

  public DataType dataType() {
    return dataType;
  }

  /** Element bytes (little-endian), a String, or null for zeros. */
  public Object fillValue() {
    return fillValue;
  }

  public ChunkKeyEncoding keyEncoding() {
    return keyEncoding;
  }

  public CodecPipeline codecs() {
    return codecs;
  }

  /** The sharding codec when the array is sharded (and readable shard by shard), else null. */
  public ShardingCodec sharding() {
    return codecs.partialSharding();
  }

  /** Names from v3 dimension_names or v2 _ARRAY_DIMENSIONS; null when there are none. */
  public List<String> dimensionNames() {
    return dimensionNames;
  }

  public ObjectNode attributes() {
    return attributes;
  }

  /** The metadata document as stored (zarr.json, or .zarray for v2). */
  public JsonNode document() {
    return document;
  }

  public long elementCount() {
    long n = 1;
    for (long s : shape) {
      if (s == 0) {
        return 0;
      }
    }
    for (long s : shape) {
      n *= s; // fits: checked when the metadata was built
    }
    return n;
  }

  /** Number of chunks along each axis. */
  public long[] gridShape() {
    return grid.gridShape();
  }

  public long chunkCount() {
    long n = 1;
    for (long g : gridShape()) {
      n *= g;
    }
    return n;
  }
}
