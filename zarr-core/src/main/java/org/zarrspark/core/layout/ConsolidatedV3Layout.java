package org.zarrspark.core.layout;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.zarrspark.core.store.Store;

/** Zarr v3 with consolidated_metadata inside the root group's zarr.json: every node in one read. */
final class ConsolidatedV3Layout extends DocumentLayout {
  private static final String KEY = "zarr.json";

  private final Map<String, NodeDocs> nodes;

  private ConsolidatedV3Layout(Store store, NodeDocs root, Map<String, NodeDocs> nodes) {
    super(store, ZarrFormat.V3);
    this.nodes = nodes;
    // The root is the document read, even if an entry claims the root path too.
    remember("", root);
  }

  /**
   * The layout the root's consolidated_metadata describes; empty when the root is an array or
   * has none. Every entry's path and node_type are checked here, before any read.
   */
  static Optional<ConsolidatedV3Layout> of(Store store, NodeDocs root) {
    JsonNode cm = root.doc().get("consolidated_metadata");
    if (root.kind() != NodeKind.GROUP || cm == null || !cm.isObject() || !cm.path("metadata").isObject()) {
      return Optional.empty();
    }
    Map<String, NodeDocs> nodes = new TreeMap<>();
    nodes.put("", root);
    for (Iterator<Map.Entry<String, JsonNode>> it = cm.get("metadata").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      nodes.put(Located.nodePath(store, e.getKey(), KEY), NodeDocs.v3(store, KEY, e.getValue()));
    }
    return Optional.of(new ConsolidatedV3Layout(store, root, nodes));
  }

  @Override
  protected NodeDocs find(String path) {
    return nodes.get(path);
  }

  @Override
  public boolean isConsolidated() {
    return true;
  }

  @Override
  public List<String> children(String groupPath) {
    return childrenAmong(nodes.keySet(), groupPath);
  }
}
