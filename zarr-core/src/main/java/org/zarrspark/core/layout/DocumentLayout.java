package org.zarrspark.core.layout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.GroupMetadata;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreKeys;

/**
 * The layouts whose metadata are JSON documents: each subclass only says where a node's
 * documents are ({@link #find}) and how children are found; parsing and errors are shared.
 */
abstract class DocumentLayout implements MetadataLayout {
  protected final Store store;
  private final ZarrFormat format;
  /** Nodes found so far: each document is read once. Missing nodes are not remembered. */
  private final Map<String, NodeDocs> found = new ConcurrentHashMap<>();

  DocumentLayout(Store store, ZarrFormat format) {
    this.store = store;
    this.format = format;
  }

  /** The node's documents, or null when there is no node at the path. */
  protected abstract NodeDocs find(String path);

  /** Records a node already read while opening, so it is not read again. */
  protected final void remember(String path, NodeDocs docs) {
    found.put(path, docs);
  }

  protected final NodeDocs node(String path) {
    NodeDocs d = found.get(path);
    if (d == null) {
      d = find(path);
      if (d != null) {
        found.put(path, d);
      }
    }
    return d;
  }

  @Override
  public final ZarrFormat format() {
    return format;
  }

  @Override
  public final Optional<NodeKind> kind(String path) {
    return Optional.ofNullable(node(path)).map(NodeDocs::kind);
  }

  @Override
  public final ArrayMetadata arrayMetadata(String path) {
    return NodeDocs.array(store, format, path, node(path));
  }

  @Override
  public final GroupMetadata groupMetadata(String path) {
    return NodeDocs.group(store, format, path, node(path));
  }

  /** Children found by listing the group's folder: names that hold a node. */
  protected final List<String> listedChildren(String groupPath) {
    TreeSet<String> names = new TreeSet<>();
    for (String name : store.listChildren(groupPath)) {
      // An empty name (object-store keys like "a//b") would be the group itself: endless walk.
      if (name.isEmpty() || name.startsWith(".") || name.equals("zarr.json")) {
        continue;
      }
      if (node(StoreKeys.join(groupPath, name)) != null) {
        names.add(name);
      }
    }
    return new ArrayList<>(names);
  }

  /** Children among the paths a consolidated document describes. */
  protected static List<String> childrenAmong(Collection<String> paths, String groupPath) {
    String prefix = groupPath.isEmpty() ? "" : groupPath + "/";
    TreeSet<String> names = new TreeSet<>();
    for (String path : paths) {
      if (!path.isEmpty() && path.startsWith(prefix)) {
        String rest = path.substring(prefix.length());
        if (!rest.isEmpty() && rest.indexOf('/') < 0) {
          names.add(rest);
        }
      }
    }
    return new ArrayList<>(names);
  }
}
