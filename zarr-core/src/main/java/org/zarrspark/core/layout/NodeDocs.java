package org.zarrspark.core.layout;

import com.fasterxml.jackson.databind.JsonNode;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.GroupMetadata;
import org.zarrspark.core.metadata.V2Metadata;
import org.zarrspark.core.metadata.V3Metadata;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreKeys;

/**
 * A node's metadata documents, wherever they were read from: a v3 zarr.json, or a v2
 * .zarray/.zgroup with its .zattrs (null when absent; always null for v3).
 */
record NodeDocs(NodeKind kind, JsonNode doc, JsonNode attrs) {
  /** A v3 document's node, its node_type checked (errors name {@code key}). */
  static NodeDocs v3(Store store, String key, JsonNode doc) {
    String type = Located.at(store, key, () -> V3Metadata.nodeType(doc));
    return new NodeDocs(type.equals("array") ? NodeKind.ARRAY : NodeKind.GROUP, doc, null);
  }

  /**
   * The key errors about a node name: its own document's, even when the document came from a
   * consolidated one (that is where a user looks it up). v2 nodes not found are named by .zarray.
   */
  static String metadataKey(ZarrFormat format, String path, NodeKind kind) {
    String name = format == ZarrFormat.V3 ? "zarr.json" : kind == NodeKind.GROUP ? ".zgroup" : ".zarray";
    return StoreKeys.join(path, name);
  }

  /** The array these documents describe; {@code docs} null means no node at the path. */
  static ArrayMetadata array(Store store, ZarrFormat format, String path, NodeDocs docs) {
    NodeDocs d = require(store, format, path, docs, NodeKind.ARRAY);
    if (format == ZarrFormat.V2) {
      Located.at(store, StoreKeys.join(path, ".zattrs"), () -> V2Metadata.checkAttributes(d.attrs, d.doc));
    }
    return Located.at(store, metadataKey(format, path, d.kind),
        () -> format == ZarrFormat.V3 ? V3Metadata.parseArray(d.doc) : V2Metadata.parseArray(d.doc, d.attrs));
  }

  /** The group these documents describe; {@code docs} null means no node at the path. */
  static GroupMetadata group(Store store, ZarrFormat format, String path, NodeDocs docs) {
    NodeDocs d = require(store, format, path, docs, NodeKind.GROUP);
    return Located.at(store, metadataKey(format, path, d.kind),
        () -> format == ZarrFormat.V3 ? V3Metadata.parseGroup(d.doc) : V2Metadata.parseGroup(d.doc, d.attrs));
  }

  private static NodeDocs require(Store store, ZarrFormat format, String path, NodeDocs d, NodeKind want) {
    NodeKind found = d == null ? null : d.kind;
    if (found == want) {
      return d;
    }
    String detail = found == null ? "no Zarr array or group at '" + path + "'"
        : "node '" + path + "' is " + (found == NodeKind.GROUP ? "a group, not an array" : "an array, not a group");
    throw new InvalidMetadataException(detail).at(store.describe(), metadataKey(format, path, found));
  }
}
