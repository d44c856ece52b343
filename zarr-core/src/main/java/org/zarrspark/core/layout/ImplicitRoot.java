package org.zarrspark.core.layout;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreKeys;

/**
 * A root without metadata whose children are Zarr nodes (some writers leave out the root
 * .zgroup) is an implicit group of the first such child's format.
 */
final class ImplicitRoot {
  private ImplicitRoot() {}

  /** The layout of an implicit root group; empty when no child is a node (of the wanted format). */
  static Optional<MetadataLayout> find(Store store, Optional<ZarrFormat> wanted) {
    for (String child : store.listChildren("")) {
      if (child.startsWith(".")) {
        continue;
      }
      Optional<ZarrFormat> format = formatOf(store, child);
      if (format.isPresent() && (wanted.isEmpty() || format.equals(wanted))) {
        return Optional.of(layout(store, format.get()));
      }
    }
    return Optional.empty();
  }

  /** Existence checks only, v3 first: a child's documents are read later, if it is walked. */
  private static Optional<ZarrFormat> formatOf(Store store, String child) {
    if (store.exists(StoreKeys.join(child, "zarr.json"))) {
      return Optional.of(ZarrFormat.V3);
    }
    if (store.exists(StoreKeys.join(child, ".zarray")) || store.exists(StoreKeys.join(child, ".zgroup"))) {
      return Optional.of(ZarrFormat.V2);
    }
    return Optional.empty();
  }

  private static MetadataLayout layout(Store store, ZarrFormat format) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode().put("zarr_format", format.number());
    if (format == ZarrFormat.V3) {
      doc.put("node_type", "group");
    }
    NodeDocs root = new NodeDocs(NodeKind.GROUP, doc, null);
    return format == ZarrFormat.V3 ? new V3Layout(store, root) : new V2Layout(store, root);
  }
}
