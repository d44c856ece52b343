package org.zarrspark.core.read;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.layout.LayoutProbe;
import org.zarrspark.core.layout.MetadataLayout;
import org.zarrspark.core.layout.NodeKind;
import org.zarrspark.core.layout.OpenOptions;
import org.zarrspark.core.layout.ZarrFormat;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.GroupMetadata;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreKeys;

/**
 * A Zarr hierarchy in a store: caller paths normalized, parsed metadata kept, arrays opened. How
 * the metadata is kept (a document per node, one consolidated document, ...) is the
 * {@link MetadataLayout}'s business; {@link LayoutProbe} picks it when opening. Node paths are
 * '/'-separated, "" for the root.
 */
public final class Hierarchy {
  /** Kind of node at a path (the layouts' {@link NodeKind}, under the name zarr-spark uses throughout). */
  public enum Kind { ARRAY, GROUP }

  private final Store store;
  private final MetadataLayout layout;
  private final Map<String, Object> parsed = new ConcurrentHashMap<>();

  private Hierarchy(Store store, MetadataLayout layout) {
    this.store = store;
    this.layout = layout;
  }

  /** A hierarchy whose metadata the given layout answers and whose chunks are in the store. */
  public static Hierarchy of(Store store, MetadataLayout layout) {
    return new Hierarchy(store, layout);
  }

  /** Opens the hierarchy rooted at the store's root (an array or a group). */
  public static Hierarchy open(Store store) {
    return open(store, OpenOptions.DEFAULT);
  }

  public static Hierarchy open(Store store, OpenOptions options) {
    return new Hierarchy(store, LayoutProbe.open(store, options));
  }

  /**
   * Opens the hierarchy; with {@code useConsolidated} false the consolidated metadata is
   * ignored and every node is read from its own documents (to re-consolidate, say).
   */
  public static Hierarchy open(Store store, boolean useConsolidated) {
    return open(store, useConsolidated ? OpenOptions.DEFAULT : OpenOptions.DEFAULT.ignoringConsolidated());
  }

  /**
   * Opens the hierarchy with the format as the zarrFormat option spells it (2, 3, or 0 to find
   * out); kept for callers holding that number.
   */
  public static Hierarchy open(Store store, boolean useConsolidated, int zarrFormat) {
    Optional<ZarrFormat> format;
    try {
      format = ZarrFormat.fromOption(zarrFormat);
    } catch (ZarrException e) {
      throw e.at(store.describe(), "");
    }
    return open(store, new OpenOptions(useConsolidated, format));
  }

  public Store store() {
    return store;
  }

  public MetadataLayout layout() {
    return layout;
  }

  /** 2 or 3. */
  public int zarrFormat() {
    return layout.format().number();
  }

  public ZarrFormat format() {
    return layout.format();
  }

  public boolean isConsolidated() {
    return layout.isConsolidated();
  }

  /** ARRAY, GROUP, or null when nothing is at the path. */
  public Kind kind(String path) {
    return layout.kind(norm(path)).map(k -> k == NodeKind.ARRAY ? Kind.ARRAY : Kind.GROUP).orElse(null);
  }

  public ArrayMetadata arrayMetadata(String path) {
    String p = norm(path);
    if (parsed.get(p) instanceof ArrayMetadata m) {
      return m;
    }
    ArrayMetadata m = layout.arrayMetadata(p);
    parsed.put(p, m);
    return m;
  }

  public GroupMetadata groupMetadata(String path) {
    String p = norm(path);
    if (parsed.get(p) instanceof GroupMetadata m) {
      return m;
    }
    GroupMetadata m = layout.groupMetadata(p);
    parsed.put(p, m);
    return m;
  }

  /** Opens the array at a node path. */
  public ZarrArray array(String path) {
    String p = norm(path);
    return new ZarrArray(store, p, arrayMetadata(p));
  }

  /** Names of the child nodes of a group, sorted. */
  public List<String> children(String groupPath) {
    String p = norm(groupPath);
    return kind(p) == Kind.GROUP ? layout.children(p) : Collections.emptyList();
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

  /** A caller's node path, normalized; one that leaves the root is refused naming the store. */
  private String norm(String path) {
    try {
      return StoreKeys.normalizePath(path);
    } catch (ZarrException e) {
      throw e.at(store.describe(), path);
    }
  }
}
