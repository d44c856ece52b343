package org.zarrspark.core.icechunk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.zarrspark.core.codec.CodecPipeline;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.IcechunkFormatException;
import org.zarrspark.core.error.TooLargeException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.error.UnknownRefException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.store.Store;

/**
 * An Icechunk repository (spec 1 or 2) read through any {@link Store} rooted at the repository.
 * Nothing is read until asked: {@link #specVersion()} costs one GET of {@code repo} (spec 2; the
 * repo info file is then kept) or, when that is missing, one GET of {@code refs/branch.main/ref.json}
 * (spec 1). Then ref → snapshot id ({@link #resolve}), snapshot id → {@link Snapshot} (one GET, kept),
 * array node + chunk coordinates → the manifest whose extents hold the chunk (one GET per manifest,
 * kept: each manifest is fetched once per repository object) → {@link ChunkRef}. Thread-safe.
 *
 * <p>Errors: malformed objects are {@link IcechunkFormatException}s naming the store and key; an
 * unknown branch, tag or snapshot is an {@link UnknownRefException}.
 *
 * <p>(Over 300 lines: the one entry to a repository for both spec versions; parsing lives in the classes it calls.)
 */
public final class IcechunkRepository {
  private final Store store;
  private volatile Integer specVersion;
  private volatile RepoInfo repoInfo; // spec 2
  private volatile ObjectId mainV1; // spec 1: main's tip, read while detecting
  private volatile Refs refsV1;
  private volatile RepoConfig configV1;
  private final Map<ObjectId, Snapshot> snapshots = new ConcurrentHashMap<>();
  private final Map<ObjectId, Manifest> manifests = new ConcurrentHashMap<>();

  private IcechunkRepository(Store store) {
    this.store = store;
  }

  /** A repository rooted at {@code store}; no I/O. */
  public static IcechunkRepository open(Store store) {
    return new IcechunkRepository(store);
  }

  /**
   * True when {@code store} holds an Icechunk repository at its root: one existence check of
   * {@code repo}, and when absent one of {@code refs/branch.main/ref.json}.
   */
  public static boolean isRepository(Store store) {
    return store.exists(RepoKeys.REPO_INFO) || store.exists(RepoKeys.branchV1("main"));
  }

  /**
   * The repository at the root of {@code store}, or null when there is none, recognised by reading
   * what opening it reads anyway: the repo info file {@code repo} (spec 2: one GET, kept), else
   * {@code refs/branch.main/ref.json} (spec 1: one more GET, main's tip kept). An object named
   * {@code repo} without Icechunk's magic bytes is not a repository.
   */
  public static IcechunkRepository probe(Store store) {
    IcechunkRepository r = new IcechunkRepository(store);
    byte[] bytes = store.get(RepoKeys.REPO_INFO);
    if (bytes != null) {
      if (!FileHeader.hasMagic(bytes)) {
        return null;
      }
      RepoInfo info = r.parse(RepoKeys.REPO_INFO, () -> RepoInfo.parse(
          IcechunkFile.parse(bytes, FileType.REPO_INFO, store.describe(), RepoKeys.REPO_INFO)));
      r.repoInfo = info;
      r.specVersion = info.specVersion() == 1 ? 1 : 2;
      return r;
    }
    ObjectId main = RefsV1.read(store, RepoKeys.branchV1("main"));
    if (main == null) {
      return null;
    }
    r.mainV1 = main;
    r.specVersion = 1;
    return r;
  }

  public Store store() {
    return store;
  }

  /** 1 or 2 (spec 2.1 repositories say 2). */
  public int specVersion() {
    Integer v = specVersion;
    if (v == null) {
      synchronized (this) {
        if (specVersion == null) {
          specVersion = detect();
        }
        v = specVersion;
      }
    }
    return v;
  }

  private int detect() {
    byte[] bytes = store.get(RepoKeys.REPO_INFO);
    if (bytes != null) {
      RepoInfo info = parse(RepoKeys.REPO_INFO, () -> RepoInfo.parse(
          IcechunkFile.parse(bytes, FileType.REPO_INFO, store.describe(), RepoKeys.REPO_INFO)));
      repoInfo = info;
      return info.specVersion() == 1 ? 1 : 2;
    }
    ObjectId main = RefsV1.read(store, RepoKeys.branchV1("main"));
    if (main == null) {
      throw new IcechunkFormatException("not an Icechunk repository: neither the repo info file 'repo' (spec 2) nor "
          + "'refs/branch.main/ref.json' (spec 1) exists").at(store.describe(), RepoKeys.REPO_INFO);
    }
    mainV1 = main;
    return 1;
  }

  /** True when the repository has a repo info file (spec 2), after detecting the version. */
  private boolean hasRepoInfo() {
    specVersion();
    return repoInfo != null;
  }

  /** The repo info file (spec 2), or null for a spec 1 repository. */
  public RepoInfo repoInfo() {
    specVersion();
    return repoInfo;
  }

  /** All branches and tags (spec 1: one listing of refs/ and a read per ref). */
  public Refs refs() {
    if (hasRepoInfo()) {
      return repoInfo.refs();
    }
    Refs r = refsV1;
    if (r == null) {
      r = RefsV1.list(store);
      refsV1 = r;
    }
    return r;
  }

  /** The repository configuration (spec 1: config.yaml, default when absent). */
  public RepoConfig config() {
    if (hasRepoInfo()) {
      return repoInfo.config();
    }
    RepoConfig c = configV1;
    if (c == null) {
      byte[] bytes = store.get(RepoKeys.CONFIG_V1);
      try {
        c = bytes == null ? RepoConfig.DEFAULT : RepoConfig.fromTree(ConfigYaml.parse(bytes));
      } catch (ZarrException e) {
        throw new IcechunkFormatException("invalid Icechunk configuration: " + e.detail(), e)
            .at(store.describe(), RepoKeys.CONFIG_V1);
      }
      configV1 = c;
    }
    return c;
  }

  /** The tip of a branch. */
  public ObjectId branch(String name) {
    ObjectId id = findBranch(name);
    if (id == null) {
      throw unknown("branch '" + name + "'", refs().branches().keySet());
    }
    return id;
  }

  /** The snapshot a tag names (a deleted tag is unknown). */
  public ObjectId tag(String name) {
    ObjectId id = findTag(name);
    if (id == null) {
      throw unknown("tag '" + name + "'", refs().tags().keySet());
    }
    return id;
  }

  private ObjectId findBranch(String name) {
    if (hasRepoInfo()) {
      return repoInfo.refs().branches().get(name);
    }
    if (refsV1 != null) {
      return refsV1.branches().get(name);
    }
    if (name.equals("main") && mainV1 != null) {
      return mainV1;
    }
    return validRefName(name) ? RefsV1.read(store, RepoKeys.branchV1(name)) : null;
  }

  private ObjectId findTag(String name) {
    if (hasRepoInfo()) {
      return repoInfo.refs().tags().get(name);
    }
    if (refsV1 != null) {
      return refsV1.tags().get(name);
    }
    if (!validRefName(name)) {
      return null;
    }
    ObjectId id = RefsV1.read(store, RepoKeys.tagV1(name));
    return id == null || RefsV1.tagDeleted(store, name) ? null : id;
  }

  /** Names that can be a ref file's folder (no '/', nothing a store key refuses). */
  private static boolean validRefName(String name) {
    return !name.isEmpty() && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf(':') < 0
        && name.indexOf('\0') < 0 && !name.equals(".") && !name.equals("..");
  }

  /**
   * A version as {@code VERSION AS OF} names it: a tag, a branch or a snapshot id. A name that is
   * both a tag and a branch is refused; a snapshot id must be one the repository has (spec 2: in the
   * repo info file; spec 1: its snapshot file exists).
   */
  public ObjectId resolve(String version) {
    ObjectId tag = findTag(version);
    ObjectId branch = findBranch(version);
    if (tag != null && branch != null) {
      throw new UnknownRefException("'" + version + "' names both a tag and a branch of the Icechunk repository; "
          + "use the tag or branch option to choose").at(store.describe(), null);
    }
    if (tag != null) {
      return tag;
    }
    if (branch != null) {
      return branch;
    }
    if (ObjectId.isId12(version)) {
      ObjectId id = ObjectId.parse12(version);
      boolean exists = hasRepoInfo() ? repoInfo.snapshot(id) != null : store.exists(RepoKeys.snapshot(id));
      if (exists) {
        return id;
      }
    }
    Set<String> known = new java.util.TreeSet<>();
    Refs r = hasRepoInfo() ? repoInfo.refs() : null;
    if (r != null) {
      known.addAll(r.branches().keySet());
      known.addAll(r.tags().keySet());
    }
    throw unknown("version '" + version + "' (no tag, branch or snapshot id of that name)", known);
  }

  private UnknownRefException unknown(String what, Collection<String> known) {
    String list = known.isEmpty() || known.size() > 20 ? "" : " (it has " + String.join(", ", known) + ")";
    return (UnknownRefException) new UnknownRefException("the Icechunk repository has no " + what + list)
        .at(store.describe(), null);
  }

  /** A snapshot by id: one GET the first time, then kept. */
  public Snapshot snapshot(ObjectId id) {
    Snapshot s = snapshots.get(id);
    if (s != null) {
      return s;
    }
    String key = RepoKeys.snapshot(id);
    s = parse(key, () -> {
      Snapshot parsed = Snapshot.parse(IcechunkFile.read(store, key, FileType.SNAPSHOT));
      if (!parsed.id().equals(id)) {
        throw new IcechunkFormatException("the snapshot file holds snapshot " + parsed.id() + ", not " + id);
      }
      return parsed;
    });
    snapshots.putIfAbsent(id, s);
    return s;
  }

  /** The snapshot at the tip of a branch. */
  public Snapshot snapshotOfBranch(String branch) {
    return snapshot(branch(branch));
  }

  /** What the history knows of one snapshot (spec 2: from the repo info; spec 1: its snapshot file). */
  public SnapshotInfo info(ObjectId id) {
    if (hasRepoInfo()) {
      SnapshotInfo i = repoInfo.snapshot(id);
      if (i == null) {
        throw unknown("snapshot " + id, List.of());
      }
      return i;
    }
    return snapshot(id).info();
  }

  /**
   * The ancestry of a snapshot, newest first, down to the repository's first snapshot. Spec 2
   * reads nothing more (the repo info holds it); spec 1 reads each ancestor's snapshot file.
   */
  public List<SnapshotInfo> ancestry(ObjectId tip) {
    List<SnapshotInfo> out = new ArrayList<>();
    Set<ObjectId> seen = new HashSet<>();
    ObjectId id = tip;
    while (id != null) {
      if (!seen.add(id)) {
        throw new IcechunkFormatException("the ancestry of snapshot " + tip + " loops at " + id)
            .at(store.describe(), hasRepoInfo() ? RepoKeys.REPO_INFO : RepoKeys.snapshot(id));
      }
      SnapshotInfo info = info(id);
      out.add(info);
      id = info.parentId();
    }
    return out;
  }

  /**
   * Every snapshot reachable from a branch or a tag, newest flush first, each with the branches and
   * tags that point at it.
   */
  public List<HistoryEntry> history() {
    Refs refs = refs();
    Map<ObjectId, List<String>> branchesAt = invert(refs.branches());
    Map<ObjectId, List<String>> tagsAt = invert(refs.tags());
    Map<ObjectId, SnapshotInfo> all = new LinkedHashMap<>();
    List<ObjectId> tips = new ArrayList<>(refs.branches().values());
    tips.addAll(refs.tags().values());
    for (ObjectId tip : tips) {
      if (all.containsKey(tip)) {
        continue;
      }
      for (SnapshotInfo s : ancestry(tip)) {
        if (all.putIfAbsent(s.id(), s) != null) {
          break; // the rest is known
        }
      }
    }
    List<HistoryEntry> out = new ArrayList<>();
    for (SnapshotInfo s : all.values()) {
      out.add(new HistoryEntry(s, branchesAt.getOrDefault(s.id(), List.of()), tagsAt.getOrDefault(s.id(), List.of())));
    }
    out.sort(Comparator.comparing((HistoryEntry e) -> e.snapshot().flushedAt()).reversed()
        .thenComparing(e -> e.snapshot().id()));
    return out;
  }

  /** One row of {@link #history()}. */
  public record HistoryEntry(SnapshotInfo snapshot, List<String> branches, List<String> tags) {}

  private static Map<ObjectId, List<String>> invert(Map<String, ObjectId> refs) {
    Map<ObjectId, List<String>> out = new HashMap<>();
    refs.forEach((name, id) -> out.computeIfAbsent(id, k -> new ArrayList<>()).add(name));
    return out;
  }

  /**
   * {@code TIMESTAMP AS OF}: the newest snapshot in the ancestry of {@code branch} flushed at or
   * before {@code instant}.
   */
  public SnapshotInfo snapshotAt(String branch, Instant instant) {
    for (SnapshotInfo s : ancestry(branch(branch))) {
      if (!s.flushedAt().isAfter(instant)) {
        return s;
      }
    }
    throw (UnknownRefException) new UnknownRefException("branch '" + branch + "' of the Icechunk repository has no "
        + "snapshot flushed at or before " + instant).at(store.describe(), null);
  }

  /** A manifest by id: one GET the first time, then kept (each manifest is fetched once). */
  public Manifest manifest(ObjectId id) {
    return manifests.computeIfAbsent(id, k -> {
      String key = RepoKeys.manifest(k);
      return parse(key, () -> {
        Manifest m = Manifest.parse(IcechunkFile.read(store, key, FileType.MANIFEST));
        if (!m.id().equals(k)) {
          throw new IcechunkFormatException("the manifest file holds manifest " + m.id() + ", not " + k);
        }
        return m;
      });
    });
  }

  /** Ids of the manifests fetched so far (for tests and metrics). */
  public Set<ObjectId> fetchedManifests() {
    return Set.copyOf(manifests.keySet());
  }

  /**
   * The reference of one chunk of an array node, or null when the array has none there (the chunk
   * is the fill value). Fetches only the manifest whose extents hold the chunk, if not yet fetched.
   */
  public ChunkRef chunkRef(Node array, long[] chunk) {
    if (!array.isArray()) {
      throw new IllegalArgumentException(array.path() + " is a group, not an array");
    }
    ManifestRef m = array.array().manifestFor(chunk);
    return m == null ? null : manifest(m.manifestId()).find(array.id(), chunk);
  }

  /**
   * The encoded bytes of an inline or native chunk ({@code null} ref: null, the fill value). A
   * native chunk is one ranged GET of its object; a missing or short object is an error naming it.
   * Virtual chunks are read by the caller, from the store of their URL once authorised.
   */
  public byte[] readChunk(ChunkRef ref) {
    if (ref == null) {
      return null;
    }
    if (ref instanceof ChunkRef.Inline in) {
      return in.data();
    }
    if (ref instanceof ChunkRef.Native nat) {
      String key = nat.key();
      if (nat.length() > CodecPipeline.MAX_CHUNK_BYTES || nat.length() > Integer.MAX_VALUE - 8) {
        throw new TooLargeException("a chunk of " + nat.length() + " bytes exceeds the limit of "
            + CodecPipeline.MAX_CHUNK_BYTES + " (-Dzarr.maxChunkBytes)").at(store.describe(), key);
      }
      byte[] bytes = store.getRange(key, nat.offset(), (int) nat.length());
      if (bytes == null) {
        throw new CorruptChunkException("the chunk object the Icechunk manifest references does not exist")
            .at(store.describe(), key);
      }
      if (bytes.length != nat.length()) {
        throw new TruncatedChunkException("the chunk object holds " + bytes.length + " bytes at offset " + nat.offset()
            + " where the manifest references " + nat.length()).at(store.describe(), key);
      }
      return bytes;
    }
    throw new IllegalArgumentException("virtual chunk refs are read from their own store: " + ref);
  }

  private <T> T parse(String key, java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (ZarrException e) {
      throw e.at(store.describe(), key);
    }
  }
}
