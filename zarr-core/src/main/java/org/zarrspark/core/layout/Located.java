package org.zarrspark.core.layout;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreKeys;

/** Runs metadata work so that its errors name the store and the document's key. */
final class Located {
  private Located() {}

  static <T> T at(Store store, String key, Supplier<T> work) {
    try {
      return work.get();
    } catch (ZarrException e) {
      throw e.at(store.describe(), key);
    }
  }

  static JsonNode json(Store store, String key, byte[] bytes) {
    return at(store, key, () -> Json.parse(bytes));
  }

  /** A node path found inside a document (consolidated entries): refused before any read if it leaves the root. */
  static String nodePath(Store store, String path, String documentKey) {
    return at(store, documentKey, () -> StoreKeys.normalizePath(path));
  }
}
