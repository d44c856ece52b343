package org.zarrspark.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.function.Executable;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.store.Store;

/** Metadata documents for layout tests, written as JSON text into a memory store. */
final class Docs {
  static final String V3_GROUP = "{\"zarr_format\":3,\"node_type\":\"group\",\"attributes\":{\"title\":\"t\"}}";
  static final String V3_ARRAY = "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[4],\"data_type\":\"int32\","
      + "\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[2]}},"
      + "\"chunk_key_encoding\":{\"name\":\"default\"},\"fill_value\":0,"
      + "\"codecs\":[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}}],\"attributes\":{\"units\":\"m\"}}";
  static final String V2_GROUP = "{\"zarr_format\":2}";
  static final String V2_ARRAY = "{\"zarr_format\":2,\"shape\":[4],\"chunks\":[2],\"dtype\":\"<i4\","
      + "\"compressor\":null,"
      + "\"fill_value\":0,\"order\":\"C\",\"filters\":null}";

  private Docs() {}

  /** A store holding key, document, key, document, ... */
  static MemoryStore store(String... keysAndDocs) {
    MemoryStore s = new MemoryStore();
    for (int i = 0; i < keysAndDocs.length; i += 2) {
      s.put(keysAndDocs[i], keysAndDocs[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return s;
  }

  /** Asserts an InvalidMetadataException naming the store and exactly this key. */
  static InvalidMetadataException assertInvalid(Store store, String key, Executable run) {
    InvalidMetadataException e = assertThrows(InvalidMetadataException.class, run);
    assertEquals(store.describe(), e.store(), e.getMessage());
    assertEquals(key, e.key(), e.getMessage());
    return e;
  }
}
