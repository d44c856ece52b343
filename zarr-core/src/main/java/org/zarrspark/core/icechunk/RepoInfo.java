package org.zarrspark.core.icechunk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.zarrspark.core.error.IcechunkFormatException;

/**
 * The spec 2 repo info file ({@code $ROOT/repo}, flatbuffer root {@code Repo}): branches, tags,
 * deleted tags, every snapshot with its parent, flush time and message, the repository's status,
 * metadata and configuration. Spec 2.1's {@code pruned_ancestor_tx_logs} is not needed to read and
 * is skipped; the ops log ({@code latest_updates}) likewise.
 *
 * @param specVersion the repository's spec version as the file states it (1 or 2)
 * @param snapshots every snapshot, sorted by id as stored
 * @param availability 0 online, 1 read-only, 2 offline
 * @param repoBeforeUpdates the key (under {@code overwritten/}) of the previous repo info file, or null
 */
public record RepoInfo(int specVersion, Refs refs, List<SnapshotInfo> snapshots, int availability,
    Map<String, Object> metadata, RepoConfig config, String repoBeforeUpdates) {

  public RepoInfo {
    snapshots = List.copyOf(snapshots);
    metadata = Collections.unmodifiableMap(metadata);
  }

  /** The snapshot of this id, or null when the repository has none. */
  public SnapshotInfo snapshot(ObjectId id) {
    int lo = 0;
    int hi = snapshots.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = snapshots.get(mid).id().compareTo(id);
      if (c == 0) {
        return snapshots.get(mid);
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    for (SnapshotInfo s : snapshots) { // tolerate an unsorted list
      if (s.id().equals(id)) {
        return s;
      }
    }
    return null;
  }

  /** Parses a repo info file; errors carry no location (the caller attaches store and key). */
  public static RepoInfo parse(IcechunkFile file) {
    FlatBuffer fb = file.payload();
    {
      int root = fb.root();
      int spec = fb.u8(root, 0, file.header().specVersion());
      int snapsVec = fb.requiredVector(root, 4, "Repo.snapshots");
      int n = fb.length(snapsVec, 4);
      ObjectId[] ids = new ObjectId[n];
      int[] parents = new int[n];
      long[] flushed = new long[n];
      String[] messages = new String[n];
      List<Map<String, Object>> metas = new ArrayList<>(Math.min(n, 1 << 16));
      for (int i = 0; i < n; i++) {
        int t = fb.tableAt(snapsVec, i);
        ids[i] = fb.requiredId(t, 0, 12, "SnapshotInfo.id");
        parents[i] = fb.i32(t, 1, 0);
        flushed[i] = fb.u64(t, 2, 0);
        messages[i] = fb.requiredString(t, 3, "SnapshotInfo.message");
        metas.add(MetadataItems.read(fb, fb.vector(t, 4), file.header().specVersion()));
      }
      List<SnapshotInfo> snapshots = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int p = parents[i];
        if (p < -1 || p >= n || p == i) {
          throw fb.corrupt("snapshot " + ids[i] + " has parent index " + p + " (expected -1 or another of the "
              + n + " snapshots)");
        }
        snapshots.add(new SnapshotInfo(ids[i], p < 0 ? null : ids[p], SnapshotInfo.micros(flushed[i]), messages[i],
            metas.get(i)));
      }
      TreeMap<String, ObjectId> tags = refs(fb, fb.requiredVector(root, 1, "Repo.tags"), ids, "tag");
      TreeMap<String, ObjectId> branches = refs(fb, fb.requiredVector(root, 2, "Repo.branches"), ids, "branch");
      int delVec = fb.requiredVector(root, 3, "Repo.deleted_tags");
      int nd = fb.length(delVec, 4);
      List<String> deleted = new ArrayList<>(nd);
      for (int i = 0; i < nd; i++) {
        deleted.add(fb.stringAt(delVec, i));
      }
      int status = fb.table(root, 5);
      int availability = status == 0 ? 0 : fb.u8(status, 0, 0);
      Map<String, Object> metadata = MetadataItems.read(fb, fb.vector(root, 6), file.header().specVersion());
      String before = fb.string(root, 8);
      byte[] configBytes = fb.bytes(root, 9);
      RepoConfig config;
      try {
        config = configBytes == null || configBytes.length == 0 ? RepoConfig.DEFAULT
            : RepoConfig.fromTree(Values.fromFlexBuffer(configBytes));
      } catch (IcechunkFormatException e) {
        throw fb.corrupt("its configuration: " + e.detail());
      }
      return new RepoInfo(spec, new Refs(branches, tags, deleted), snapshots, availability, metadata, config, before);
    }
  }

  private static TreeMap<String, ObjectId> refs(FlatBuffer fb, int vec, ObjectId[] ids, String kind) {
    int n = fb.length(vec, 4);
    TreeMap<String, ObjectId> out = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      int t = fb.tableAt(vec, i);
      String name = fb.requiredString(t, 0, "Ref.name");
      long idx = fb.u32(t, 1, 0);
      if (idx >= ids.length) {
        throw fb.corrupt(kind + " '" + name + "' points to snapshot index " + idx + " of " + ids.length);
      }
      out.put(name, ids[(int) idx]);
    }
    return out;
  }
}
