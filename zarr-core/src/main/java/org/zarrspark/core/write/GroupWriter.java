package org.zarrspark.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreKeys;

/** Creates groups and consolidated metadata, laid out as zarr-python writes them. */
public final class GroupWriter {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private GroupWriter() {}

  /** Writes a group's metadata (v3 zarr.json, or v2 .zgroup and .zattrs). */
  public static void create(Store store, String path, int zarrFormat, ObjectNode attributes) {
    String p = StoreKeys.normalizePath(path);
    ObjectNode attrs = attributes == null ? F.objectNode() : attributes;
    if (zarrFormat == 3) {
      ObjectNode doc = F.objectNode();
      doc.set("attributes", attrs);
      doc.put("zarr_format", 3);
      doc.putNull("consolidated_metadata");
      doc.put("node_type", "group");
      store.put(StoreKeys.join(p, "zarr.json"), Json.write(doc));
    } else if (zarrFormat == 2) {
      store.put(StoreKeys.join(p, ".zgroup"), Json.write(F.objectNode().put("zarr_format", 2)));
      store.put(StoreKeys.join(p, ".zattrs"), Json.write(attrs));
    } else {
      throw new InvalidMetadataException("zarr_format " + zarrFormat + " must be 2 or 3");
    }
  }

  /**
   * Gathers the metadata of every node below the root into the root: v2 {@code .zmetadata}, or
   * the v3 inline {@code consolidated_metadata} of the root zarr.json.
   */
  public static void consolidate(Store store) {
    Hierarchy h = Hierarchy.open(store, false);
    if (h.zarrFormat() == 3) {
      byte[] rootBytes = store.get("zarr.json");
      ObjectNode root = (ObjectNode) Json.parse(rootBytes);
      Map<String, JsonNode> all = new TreeMap<>();
      for (String path : h.walk("")) {
        if (!path.isEmpty()) {
          JsonNode doc = Json.parse(store.get(StoreKeys.join(path, "zarr.json")));
          if (doc.isObject() && doc.has("consolidated_metadata")) {
            ((ObjectNode) doc).putNull("consolidated_metadata");
          }
          all.put(path, doc);
        }
      }
      ObjectNode cm = F.objectNode();
      cm.put("kind", "inline");
      cm.put("must_understand", false);
      ObjectNode md = cm.putObject("metadata");
      all.forEach(md::set);
      root.set("consolidated_metadata", cm);
      store.put("zarr.json", Json.write(root));
      return;
    }
    ObjectNode md = F.objectNode();
    for (String path : h.walk("")) {
      for (String name : new String[] {".zgroup", ".zarray", ".zattrs"}) {
        String key = StoreKeys.join(path, name);
        byte[] b = store.get(key);
        if (b != null) {
          md.set(key, Json.parse(b));
        }
      }
    }
    ObjectNode doc = F.objectNode();
    doc.set("metadata", md);
    doc.put("zarr_consolidated_format", 1);
    store.put(".zmetadata", Json.write(doc));
  }
}
