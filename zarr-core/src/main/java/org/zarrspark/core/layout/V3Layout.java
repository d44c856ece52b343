package org.zarrspark.core.layout;

import java.util.List;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreKeys;

/** Zarr v3 without consolidation: a zarr.json per node, children found by listing. */
final class V3Layout extends DocumentLayout {
  /** {@code root}: the root's documents, already read while opening. */
  V3Layout(Store store, NodeDocs root) {
    super(store, ZarrFormat.V3);
    remember("", root);
  }

  @Override
  protected NodeDocs find(String path) {
    String key = StoreKeys.join(path, "zarr.json");
    byte[] b = store.get(key);
    return b == null ? null : NodeDocs.v3(store, key, Located.json(store, key, b));
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
