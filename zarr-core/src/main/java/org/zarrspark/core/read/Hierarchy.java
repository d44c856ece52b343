package org.zarrspark.core.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.GroupMetadata;
import org.zarrspark.core.metadata.V2Metadata;
import org.zarrspark.core.metadata.V3Metadata;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreKeys;

/**
 * A Zarr hierarchy in a store. Opening reads the root's metadata once; with consolidated
 * metadata (v2 .zmetadata, v3 inline consolidated_metadata) that single read describes every
 * node. Otherwise nodes are read lazily, one document each, and children are found by listing.
 * Node paths are '/'-separated, "" for the root.
 */
public final class Hierarchy {
  /** Kind of node at a path. */
  public enum Kind { ARRAY, GROUP }

  private final Store store;
  private final int zarrFormat;
  /** path -> metadata document(s); null when the store has no consolidated metadata. */
  private final Map<String, NodeDocs> consolidated;
  private final Map<String, Object> parsed = new ConcurrentHashMap<>();

  /** A node's documents: v3 zarr.json, or v2 .zarray/.zgroup plus .zattrs. */
  static final class NodeDocs {
    final Kind kind;
    final JsonNode doc;
    final JsonNode attrs;

    NodeDocs(Kind kind, JsonNode doc, JsonNode attrs) {
      this.kind = kind;
      this.doc = doc;
      this.attrs = attrs;
    }
  }

  private Hierarchy(Store store, int zarrFormat, Map<String, NodeDocs> consolidated) {
    this.store = store;
    this.zarrFormat = zarrFormat;
    this.consolidated = consolidated;
  }

  /** Opens the hierarchy rooted at the store's root (an array or a group). */
  public static Hierarchy open(Store store) {
    return open(store, true);
  }

  /**
   * Opens the hierarchy; with {@code useConsolidated} false the consolidated metadata is
   * ignored and every node is read from its own documents (to re-consolidate, say).
   */
  public static Hierarchy open(Store store, boolean useConsolidated) {
    return open(store, useConsolidated, 0);
  }

  /**
   * Opens the hierarchy knowing its format (2 or 3; 0 finds out). Knowing it saves a request on
   * object stores: a v2 open otherwise first looks for a v3 zarr.json.
   */
  public static Hierarchy open(Store store, boolean useConsolidated, int zarrFormat) {
    if (zarrFormat != 0 && zarrFormat != 2 && zarrFormat != 3) {
      throw new InvalidMetadataException("zarr format " + zarrFormat + " must be 2 or 3").at(store.describe(), "");
    }
    byte[] v3 = zarrFormat == 2 ? null : store.get("zarr.json");
    if (v3 == null && zarrFormat == 3) {
      throw new InvalidMetadataException("no zarr.json: not a Zarr v3 node (zarr format 3 was given)")
          .at(store.describe(), "zarr.json");
    }
    if (v3 != null) {
      JsonNode doc = parse(store, "zarr.json", v3);
      String type = V3Metadata.nodeType(doc);
      Map<String, NodeDocs> cons = null;
      JsonNode cm = doc.get("consolidated_metadata");
      if (useConsolidated && type.equals("group") && cm != null && cm.isObject() && cm.path("metadata").isObject()) {
        cons = new TreeMap<>();
        cons.put("", new NodeDocs(Kind.GROUP, doc, null));
        for (Iterator<Map.Entry<String, JsonNode>> it = cm.get("metadata").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          String path = checkedPath(store, e.getKey(), "zarr.json");
          JsonNode d = e.getValue();
          String t = wrap(store, "zarr.json", () -> V3Metadata.nodeType(d));
          cons.put(path, new NodeDocs(t.equals("array") ? Kind.ARRAY : Kind.GROUP, d, null));
        }
      }
      Hierarchy h = new Hierarchy(store, 3, cons);
      h.remember("", new NodeDocs(type.equals("array") ? Kind.ARRAY : Kind.GROUP, doc, null));
      return h;
    }
    byte[] zmeta = useConsolidated ? store.get(".zmetadata") : null;
    if (zmeta != null) {
      JsonNode doc = parse(store, ".zmetadata", zmeta);
      JsonNode md = doc.get("metadata");
      if (md == null || !md.isObject()) {
        throw new InvalidMetadataException(".zmetadata has no 'metadata' object").at(store.describe(), ".zmetadata");
      }
      Map<String, NodeDocs> cons = new TreeMap<>();
      Map<String, JsonNode> attrs = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = md.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        int slash = key.lastIndexOf('/');
        String name = key.substring(slash + 1);
        String path = checkedPath(store, slash < 0 ? "" : key.substring(0, slash), ".zmetadata");
        switch (name) {
          case ".zarray":
            cons.put(path, new NodeDocs(Kind.ARRAY, e.getValue(), null));
            break;
          case ".zgroup":
            cons.put(path, new NodeDocs(Kind.GROUP, e.getValue(), null));
            break;
          case ".zattrs":
            attrs.put(path, e.getValue());
            break;
          default:
            break;
        }
      }
      Map<String, NodeDocs> withAttrs = new TreeMap<>();
      cons.forEach((p, d) -> withAttrs.put(p, new NodeDocs(d.kind, d.doc, attrs.get(p))));
      if (!withAttrs.containsKey("")) {
        throw new InvalidMetadataException(".zmetadata does not describe the root node").at(store.describe(), ".zmetadata");
      }
      return new Hierarchy(store, 2, withAttrs);
    }
    Hierarchy h = new Hierarchy(store, 2, null);
    NodeDocs root = h.readV2("");
    if (root == null) {
      return implicitRoot(store, zarrFormat);
    }
    h.remember("", root);
    return h;
  }

  /**
   * A root without metadata whose children are Zarr nodes (some writers leave out the root
   * .zgroup): an implicit group of the children's format. Anything else is not a Zarr store.
   */
  private static Hierarchy implicitRoot(Store store, int zarrFormat) {
    for (String child : store.listChildren("")) {
      if (child.startsWith(".")) {
        continue;
      }
      int format = store.exists(StoreKeys.join(child, "zarr.json")) ? 3
          : store.exists(StoreKeys.join(child, ".zarray")) || store.exists(StoreKeys.join(child, ".zgroup")) ? 2 : 0;
      if (format != 0 && (zarrFormat == 0 || format == zarrFormat)) {
        Hierarchy h = new Hierarchy(store, format, null);
        ObjectNode empty = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        JsonNode doc = format == 3 ? empty.deepCopy().put("zarr_format", 3).put("node_type", "group")
            : empty.deepCopy().put("zarr_format", 2);
        h.remember("", new NodeDocs(Kind.GROUP, doc, null));
        return h;
      }
    }
    throw new InvalidMetadataException(zarrFormat == 2
        ? "no Zarr v2 array or group here (no .zmetadata, .zarray or .zgroup; zarr format 2 was given)"
        : "no Zarr array or group here (no zarr.json, .zarray or .zgroup)").at(store.describe(), "");
  }

  /** A caller's node path, normalized; one that leaves the root is refused naming the store. */
  private String norm(String path) {
    try {
      return StoreKeys.normalizePath(path);
    } catch (ZarrException e) {
      throw e.at(store.describe(), path);
    }
  }

  private static String checkedPath(Store store, String path, String key) {
    try {
      return StoreKeys.normalizePath(path);
    } catch (ZarrException e) {
      throw e.at(store.describe(), key);
    }
  }

  private final Map<String, NodeDocs> docs = new ConcurrentHashMap<>();

  private void remember(String path, NodeDocs d) {
    docs.put(path, d);
  }

  public Store store() {
    return store;
  }

  public int zarrFormat() {
    return zarrFormat;
  }

  public boolean isConsolidated() {
    return consolidated != null;
  }

  /** The node's documents, read once; null when there is no node at the path. */
  private NodeDocs docs(String path) {
    String p = norm(path);
    NodeDocs d = docs.get(p);
    if (d != null) {
      return d;
    }
    if (consolidated != null) {
      d = consolidated.get(p);
    } else if (zarrFormat == 3) {
      String key = StoreKeys.join(p, "zarr.json");
      byte[] b = store.get(key);
      if (b != null) {
        JsonNode doc = parse(store, key, b);
        String t = wrap(store, key, () -> V3Metadata.nodeType(doc));
        d = new NodeDocs(t.equals("array") ? Kind.ARRAY : Kind.GROUP, doc, null);
      }
    } else {
      d = readV2(p);
    }
    if (d != null) {
      docs.put(p, d);
    }
    return d;
  }

  private NodeDocs readV2(String p) {
    String arrayKey = StoreKeys.join(p, ".zarray");
    byte[] b = store.get(arrayKey);
    Kind kind = Kind.ARRAY;
    String key = arrayKey;
    if (b == null) {
      key = StoreKeys.join(p, ".zgroup");
      b = store.get(key);
      kind = Kind.GROUP;
    }
    if (b == null) {
      return null;
    }
    JsonNode doc = parse(store, key, b);
    String attrsKey = StoreKeys.join(p, ".zattrs");
    byte[] a = store.get(attrsKey);
    return new NodeDocs(kind, doc, a == null ? null : parse(store, attrsKey, a));
  }

  /** ARRAY, GROUP, or null when nothing is at the path. */
  public Kind kind(String path) {
    NodeDocs d = docs(path);
    return d == null ? null : d.kind;
  }

  public ArrayMetadata arrayMetadata(String path) {
    String p = norm(path);
    Object m = parsed.get(p);
    if (m instanceof ArrayMetadata) {
      return (ArrayMetadata) m;
    }
    NodeDocs d = require(p);
    if (d.kind != Kind.ARRAY) {
      throw new InvalidMetadataException("node '" + p + "' is a group, not an array").at(store.describe(), metaKey(p));
    }
    if (zarrFormat == 2) {
      wrap(store, StoreKeys.join(p, ".zattrs"), () -> V2Metadata.checkAttributes(d.attrs, d.doc));
    }
    ArrayMetadata am = wrap(store, metaKey(p),
        () -> zarrFormat == 3 ? V3Metadata.parseArray(d.doc) : V2Metadata.parseArray(d.doc, d.attrs));
    parsed.put(p, am);
    return am;
  }

  public GroupMetadata groupMetadata(String path) {
    String p = norm(path);
    Object m = parsed.get(p);
    if (m instanceof GroupMetadata) {
      return (GroupMetadata) m;
    }
    NodeDocs d = require(p);
    if (d.kind != Kind.GROUP) {
      throw new InvalidMetadataException("node '" + p + "' is an array, not a group").at(store.describe(), metaKey(p));
    }
    GroupMetadata gm = wrap(store, metaKey(p),
        () -> zarrFormat == 3 ? V3Metadata.parseGroup(d.doc) : V2Metadata.parseGroup(d.doc, d.attrs));
    parsed.put(p, gm);
    return gm;
  }

  /** Opens the array at a node path. */
  public ZarrArray array(String path) {
    String p = norm(path);
    return new ZarrArray(store, p, arrayMetadata(p));
  }

  private NodeDocs require(String p) {
    NodeDocs d = docs(p);
    if (d == null) {
      throw new InvalidMetadataException("no Zarr array or group at '" + p + "'").at(store.describe(), metaKey(p));
    }
    return d;
  }

  private String metaKey(String p) {
    if (zarrFormat == 3) {
      return StoreKeys.join(p, "zarr.json");
    }
    NodeDocs d = docs.get(p);
    return StoreKeys.join(p, d != null && d.kind == Kind.GROUP ? ".zgroup" : ".zarray");
  }

  /** Names of the child nodes of a group, sorted. */
  public List<String> children(String groupPath) {
    String p = norm(groupPath);
    if (kind(p) != Kind.GROUP) {
      return Collections.emptyList();
    }
    TreeSet<String> names = new TreeSet<>();
    if (consolidated != null) {
      String prefix = p.isEmpty() ? "" : p + "/";
      for (String path : consolidated.keySet()) {
        if (!path.isEmpty() && path.startsWith(prefix)) {
          String rest = path.substring(prefix.length());
          if (!rest.isEmpty() && rest.indexOf('/') < 0) {
            names.add(rest);
          }
        }
      }
      return new ArrayList<>(names);
    }
    for (String name : store.listChildren(p)) {
      // An empty name (object-store keys like "a//b") would be the group itself: endless walk.
      if (name.isEmpty() || name.startsWith(".") || name.equals("zarr.json")) {
        continue;
      }
      if (kind(StoreKeys.join(p, name)) != null) {
        names.add(name);
      }
    }
    return new ArrayList<>(names);
  }

  /** Every node below (and including) a group, depth first, in sorted order. */
  public List<String> walk(String groupPath) {
    List<String> out = new ArrayList<>();
    walk(norm(groupPath), out);
    return out;
  }

  private void walk(String p, List<String> out) {
    out.add(p);
    for (String c : children(p)) {
      walk(StoreKeys.join(p, c), out);
    }
  }

  /** Attributes of any node. */
  public ObjectNode attributes(String path) {
    return kind(path) == Kind.ARRAY ? arrayMetadata(path).attributes() : groupMetadata(path).attributes();
  }

  private static JsonNode parse(Store store, String key, byte[] bytes) {
    try {
      return Json.parse(bytes);
    } catch (ZarrException e) {
      throw e.at(store.describe(), key);
    }
  }

  private interface Parse<T> {
    T run();
  }

  private static <T> T wrap(Store store, String key, Parse<T> p) {
    try {
      return p.run();
    } catch (ZarrException e) {
      throw e.at(store.describe(), key);
    }
  }
}
