package org.zarrspark.core.icechunk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A snapshot file ({@code snapshots/ID}, flatbuffer root {@code Snapshot}): every node of the
 * repository at one commit, sorted by path, with the commit's message, flush time and metadata.
 * Spec 1 snapshots also name their parent; spec 2 ones leave that to the repo info file
 * ({@link #parentId()} is then null). Both the spec 1 ({@code shape}, {@code manifest_files}) and
 * spec 2 ({@code shape_v2}, {@code manifest_files_v2}) fields are read.
 */
public record Snapshot(int specVersion, ObjectId id, ObjectId parentId, Instant flushedAt, String message,
    Map<String, Object> metadata, List<Node> nodes, List<ManifestFileInfo> manifestFiles) {

  public Snapshot {
    metadata = Collections.unmodifiableMap(metadata);
    nodes = List.copyOf(nodes);
    manifestFiles = List.copyOf(manifestFiles);
  }

  /** The snapshot as the history knows it. */
  public SnapshotInfo info() {
    return new SnapshotInfo(id, parentId, flushedAt, message, metadata);
  }

  /** The node at {@code path} ("/", "/a/b"; a missing leading '/' is added), or null. */
  public Node node(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    if (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    byte[] key = p.getBytes(StandardCharsets.UTF_8);
    int lo = 0;
    int hi = nodes.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Arrays.compareUnsigned(nodes.get(mid).path().getBytes(StandardCharsets.UTF_8), key);
      if (c == 0) {
        return nodes.get(mid);
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return null;
  }

  /** The direct children of the group at {@code path}, in path order. */
  public List<Node> children(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    String prefix = p.endsWith("/") ? p : p + "/";
    List<Node> out = new ArrayList<>();
    for (Node n : nodes) {
      String np = n.path();
      if (np.length() > prefix.length() && np.startsWith(prefix) && np.indexOf('/', prefix.length()) < 0) {
        out.add(n);
      }
    }
    return out;
  }

  /** Parses a snapshot file (errors carry no location: the caller attaches store and key). */
  public static Snapshot parse(IcechunkFile file) {
    FlatBuffer fb = file.payload();
    int spec = file.header().specVersion();
    int root = fb.root();
    ObjectId id = fb.requiredId(root, 0, 12, "Snapshot.id");
    ObjectId parent = fb.id(root, 1, 12);
    int nodesVec = fb.requiredVector(root, 2, "Snapshot.nodes");
    long flushed = fb.u64(root, 3, 0);
    String message = fb.requiredString(root, 4, "Snapshot.message");
    Map<String, Object> metadata = MetadataItems.read(fb, fb.vector(root, 5), spec);
    int n = fb.length(nodesVec, 4);
    List<Node> nodes = new ArrayList<>(n);
    byte[] previous = null;
    for (int i = 0; i < n; i++) {
      Node node = node(fb, fb.tableAt(nodesVec, i));
      byte[] path = node.path().getBytes(StandardCharsets.UTF_8);
      if (previous != null && Arrays.compareUnsigned(previous, path) >= 0) {
        throw fb.corrupt("nodes are not sorted by path ('" + node.path() + "' follows a path not before it)");
      }
      previous = path;
      nodes.add(node);
    }
    List<ManifestFileInfo> files = new ArrayList<>();
    int v1 = fb.vector(root, 6);
    if (v1 != 0) {
      int m = fb.length(v1, 32);
      for (int i = 0; i < m; i++) {
        int p = fb.structAt(v1, i, 32);
        files.add(new ManifestFileInfo(ObjectId.wrap(fb.bytesAt(p, 12)), fb.u64At(p + 16), fb.u32At(p + 24)));
      }
    }
    int v2 = fb.vector(root, 7);
    if (v2 != 0) {
      int m = fb.length(v2, 4);
      for (int i = 0; i < m; i++) {
        int t = fb.tableAt(v2, i);
        files.add(new ManifestFileInfo(fb.requiredId(t, 0, 12, "ManifestFileInfoV2.id"), fb.u64(t, 1, 0),
            fb.u32(t, 2, 0)));
      }
    }
    return new Snapshot(spec, id, parent, SnapshotInfo.micros(flushed), message, metadata, nodes, files);
  }

  private static Node node(FlatBuffer fb, int t) {
    ObjectId id = fb.requiredId(t, 0, 8, "NodeSnapshot.id");
    String path = fb.requiredString(t, 1, "NodeSnapshot.path");
    if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
      throw fb.corrupt("node path '" + path + "' is not absolute and canonical");
    }
    byte[] userData = fb.bytes(t, 2);
    if (userData == null) {
      throw fb.corrupt("required field 'NodeSnapshot.user_data' of node '" + path + "' is missing");
    }
    int type = fb.u8(t, 3, 0);
    int data = fb.table(t, 4);
    if (data == 0) {
      throw fb.corrupt("node '" + path + "' has no node_data");
    }
    switch (type) {
      case 1:
        return new Node(id, path, Node.Kind.ARRAY, userData, arrayNode(fb, data, path));
      case 2:
        return new Node(id, path, Node.Kind.GROUP, userData, null);
      default:
        throw fb.corrupt("node '" + path + "' has node_data of unknown type " + type + " (expected 1 array or 2 group)");
    }
  }

  private static ArrayNode arrayNode(FlatBuffer fb, int t, String path) {
    List<ArrayNode.Dimension> dims = new ArrayList<>();
    int v2 = fb.vector(t, 3);
    if (v2 != 0 && fb.length(v2, 4) > 0) {
      int n = fb.length(v2, 4);
      for (int i = 0; i < n; i++) {
        int d = fb.tableAt(v2, i);
        dims.add(new ArrayNode.Dimension(fb.u64(d, 0, 0), -1, fb.u32(d, 1, 0)));
      }
    } else {
      int v1 = fb.requiredVector(t, 0, "ArrayNodeData.shape");
      int n = fb.length(v1, 16);
      for (int i = 0; i < n; i++) {
        int p = fb.structAt(v1, i, 16);
        dims.add(new ArrayNode.Dimension(fb.u64At(p), fb.u64At(p + 8), -1));
      }
    }
    List<String> names = null;
    int nv = fb.vector(t, 1);
    if (nv != 0) {
      int n = fb.length(nv, 4);
      names = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        names.add(fb.string(fb.tableAt(nv, i), 0));
      }
    }
    int mv = fb.requiredVector(t, 2, "ArrayNodeData.manifests");
    int n = fb.length(mv, 4);
    List<ManifestRef> manifests = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int m = fb.tableAt(mv, i);
      ObjectId mid = fb.requiredId(m, 0, 12, "ManifestRef.object_id");
      int ev = fb.requiredVector(m, 1, "ManifestRef.extents");
      int rank = fb.length(ev, 8);
      long[] from = new long[rank];
      long[] to = new long[rank];
      for (int d = 0; d < rank; d++) {
        int p = fb.structAt(ev, d, 8);
        from[d] = fb.u32At(p);
        to[d] = fb.u32At(p + 4);
      }
      manifests.add(new ManifestRef(mid, from, to));
    }
    return new ArrayNode(dims, names, manifests);
  }
}
