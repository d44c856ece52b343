package org.zarrspark.core.fuzz;

import static org.zarrspark.core.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.V2Metadata;
import org.zarrspark.core.metadata.V3Metadata;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.MemoryStore;

/**
 * Metadata parsers, and whole stores read through {@link Hierarchy#open} and
 * {@link ZarrArray#readAll}. Seeds and regression inputs:
 * {@code src/test/resources/org/zarrspark/core/fuzz/MetadataFuzzTestInputs/}.
 */
class MetadataFuzzTest {
  /** Arrays up to this many elements are read whole (the caller's guard, as a user would have). */
  static final long READ_ALL_ELEMENTS = 1 << 16;

  /** v2: {@code .zarray}, then optionally NUL and {@code .zattrs}. */
  @FuzzTest
  void v2Array(byte[] data) throws Exception {
    List<byte[]> parts = FuzzSupport.split(data, 2);
    check(() -> touch(V2Metadata.parseArray(Json.parse(parts.get(0)),
        parts.size() > 1 ? Json.parse(parts.get(1)) : null)));
  }

  /** v3: one {@code zarr.json} of an array. */
  @FuzzTest
  void v3Array(byte[] data) throws Exception {
    check(() -> touch(V3Metadata.parseArray(Json.parse(data))));
  }

  /**
   * A whole store, written as records {@code @key\n<bytes>} (see {@link FuzzSupport#records}):
   * v3 {@code zarr.json}, v2 {@code .zarray}/{@code .zgroup}/{@code .zattrs}, consolidated
   * {@code .zmetadata}, and chunks. Every node is opened, and arrays of at most
   * {@link #READ_ALL_ELEMENTS} elements are read whole.
   */
  @FuzzTest
  void hierarchy(byte[] data) throws Exception {
    Map<String, byte[]> records = FuzzSupport.records(data);
    if (records.isEmpty()) {
      return;
    }
    MemoryStore store = new MemoryStore();
    for (Map.Entry<String, byte[]> r : records.entrySet()) {
      try {
        store.put(r.getKey(), r.getValue());
      } catch (ZarrException e) {
        // a key that leaves the store or is malformed: not part of this store
      }
    }
    check(() -> {
      Hierarchy h = Hierarchy.open(store);
      for (String path : h.walk("")) {
        check(() -> {
          h.attributes(path);
          if (h.kind(path) == Hierarchy.Kind.ARRAY) {
            ZarrArray a = h.array(path);
            touch(a.metadata());
            if (a.metadata().elementCount() <= READ_ALL_ELEMENTS) {
              a.readAll();
            }
          }
        });
      }
    });
  }

  /** Uses what a caller of parsed metadata would use. */
  private static void touch(ArrayMetadata m) {
    m.elementCount();
    m.chunkCount();
    m.keyEncoding().key(new long[m.rank()]);
    m.dimensionNames();
    m.attributes();
  }
}
