package org.zarrspark.core.layout;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreKeys;

/**
 * Zarr v2 without consolidation: .zarray or .zgroup per node (looked for in that order, arrays
 * being the common case) with optional .zattrs; children found by listing.
 */
final class V2Layout extends DocumentLayout {
  V2Layout(Store store) {
    super(store, ZarrFormat.V2);
  }

  /** {@code root}: the root's documents when they were made up (an implicit root group). */
  V2Layout(Store store, NodeDocs root) {
    this(store);
    remember("", root);
  }

  @Override
  protected NodeDocs find(String path) {
    String key = StoreKeys.join(path, ".zarray");
    NodeKind kind = NodeKind.ARRAY;
    byte[] b = store.get(key);
    if (b == null) {
      key = StoreKeys.join(path, ".zgroup");
      kind = NodeKind.GROUP;
      b = store.get(key);
    }
    if (b == null) {
      return null;
    }
    JsonNode doc = Located.json(store, key, b);
    String attrsKey = StoreKeys.join(path, ".zattrs");
    byte[] a = store.get(attrsKey);
    return new NodeDocs(kind, doc, a == null ? null : Located.json(store, attrsKey, a));
  }

  @Override
  public boolean isConsolidated() {
    return false;
  }

  @Override
  public List<String> children(String groupPath) {
    return listedChildren(groupPath);
  }
}
