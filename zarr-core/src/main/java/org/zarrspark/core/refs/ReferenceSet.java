package org.zarrspark.core.refs;

import java.util.Map;

/**
 * A kerchunk reference set: the Zarr v2 metadata documents of a hierarchy, and for each chunk key
 * where its bytes are. Implementations: {@link JsonReferences} (version 0 and 1, all in memory),
 * {@link ParquetReferences} (metadata in memory, chunk references read per record file).
 */
public interface ReferenceSet {
  /** The metadata documents ({@code .zgroup}, {@code .zattrs}, {@code <array>/.zarray}, ...) as JSON bytes. */
  Map<String, byte[]> metadata();

  /** The reference of a chunk key, or null when the set has none (the chunk is missing: fill value). */
  Ref chunk(String key);
}
