package org.zarrspark.core.layout;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.InvalidReferencesException;
import org.zarrspark.core.store.Store;

/** Zarr v2 with a root .zmetadata: every node's .zarray/.zgroup/.zattrs in one document. */
final class ConsolidatedV2Layout extends DocumentLayout {
  static final String KEY = ".zmetadata";

  private final Map<String, NodeDocs> nodes;

  private ConsolidatedV2Layout(Store store, Map<String, NodeDocs> nodes) {
    super(store, ZarrFormat.V2);
    this.nodes = nodes;
  }

  /**
   * The layout a .zmetadata document describes. Every entry's path is checked here, before any
   * read; entries other than .zarray/.zgroup/.zattrs are ignored, as are attributes of no node.
   */
  static ConsolidatedV2Layout of(Store store, byte[] zmetadata) {
    JsonNode doc = Located.json(store, KEY, zmetadata);
    if (doc.has("record_size")) {
      // A kerchunk Parquet reference set: its chunks are in <array>/refs.<i>.parq, not here.
      throw new InvalidReferencesException(KEY + " carries 'record_size': this is a kerchunk Parquet reference set,"
          + " whose chunks are in its refs.<i>.parq files; open it as a reference set").at(store.describe(), KEY);
    }
    JsonNode md = doc.get("metadata");
    if (md == null || !md.isObject()) {
      throw new InvalidMetadataException(KEY + " has no 'metadata' object").at(store.describe(), KEY);
    }
    Map<String, NodeDocs> docs = new TreeMap<>();
    Map<String, JsonNode> attrs = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = md.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      int slash = key.lastIndexOf('/');
      String path = Located.nodePath(store, slash < 0 ? "" : key.substring(0, slash), KEY);
      switch (key.substring(slash + 1)) {
        case ".zarray" -> docs.put(path, new NodeDocs(NodeKind.ARRAY, e.getValue(), null));
        case ".zgroup" -> docs.put(path, new NodeDocs(NodeKind.GROUP, e.getValue(), null));
        case ".zattrs" -> attrs.put(path, e.getValue());
        default -> { }
      }
    }
    Map<String, NodeDocs> nodes = new TreeMap<>();
    docs.forEach((p, d) -> nodes.put(p, new NodeDocs(d.kind(), d.doc(), attrs.get(p))));
    if (!nodes.containsKey("")) {
      throw new InvalidMetadataException(KEY + " does not describe the root node").at(store.describe(), KEY);
    }
    return new ConsolidatedV2Layout(store, nodes);
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
