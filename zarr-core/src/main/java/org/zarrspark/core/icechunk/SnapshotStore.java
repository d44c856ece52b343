package org.zarrspark.core.icechunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.zarrspark.core.codec.CodecPipeline;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TooLargeException;
import org.zarrspark.core.error.StoreException;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.ChunkKeyEncoding;
import org.zarrspark.core.metadata.V3Metadata;
import org.zarrspark.core.store.ChunkPlanning;
import org.zarrspark.core.store.ReadOnlyStore;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreKeys;

/**
 * One snapshot of an Icechunk repository seen as a read-only Zarr v3 store: {@code zarr.json}
 * keys are the nodes' metadata documents, chunk keys are looked up in the manifests (inline bytes,
 * a range of a {@code chunks/} object, or a range of an authorised virtual target). The rest of
 * the library reads it like any v3 store: an Icechunk snapshot is where metadata and chunk
 * locations come from, nothing more.
 *
 * <p>The snapshot file is read on first use and each manifest when a chunk in its extents is first
 * asked for (then kept): a task that reads a few chunks fetches one snapshot and the manifests of
 * its chunks.
 */
public final class SnapshotStore implements ReadOnlyStore, ChunkPlanning {
  private final IcechunkRepository repo;
  private final ObjectId snapshotId;
  private final VirtualChunks virtual;
  private volatile Snapshot snapshot;
  /** Parsed once per array: chunk keys are resolved against its grid and key encoding. */
  private final Map<String, ArrayMetadata> arrays = new ConcurrentHashMap<>();
  /** Planned virtual chunks that share one read with their neighbours: chunk key → its run. */
  private final Map<String, Run> runs = new ConcurrentHashMap<>();
  /** Bytes of planned chunks read with an earlier neighbour, taken (and dropped) when asked for. */
  private final Map<String, byte[]> prefetched = new ConcurrentHashMap<>();

  /** Most chunks a plan looks at, and most bytes one merged read fetches. */
  private static final int MAX_PLANNED = 1 << 16;
  private static final long MAX_RUN_BYTES = 16L << 20;

  /** Adjacent byte ranges of one target, read at once: the chunks' keys and their lengths, in order. */
  private record Run(ChunkRef.Virtual first, long length, List<String> keys, List<Long> lengths) {}

  public SnapshotStore(IcechunkRepository repo, ObjectId snapshotId, VirtualChunks virtual) {
    this.repo = repo;
    this.snapshotId = snapshotId;
    this.virtual = virtual;
  }

  public ObjectId snapshotId() {
    return snapshotId;
  }

  public IcechunkRepository repository() {
    return repo;
  }

  @Override
  public String describe() {
    return repo.store().describe() + "@" + snapshotId;
  }

  private Snapshot snapshot() {
    Snapshot s = snapshot;
    if (s == null) {
      s = repo.snapshot(snapshotId);
      snapshot = s;
    }
    return s;
  }

  /** What a key names: a node's metadata document, or a chunk of an array node. */
  private record Target(Node node, long[] chunk) {}

  private Target target(String key) {
    StoreKeys.check(key, describe());
    Snapshot s = snapshot();
    if (key.equals("zarr.json") || key.endsWith("/zarr.json")) {
      String path = key.length() == "zarr.json".length() ? "/" : "/" + key.substring(0, key.length() - "/zarr.json".length());
      Node n = s.node(path);
      return n == null ? null : new Target(n, null);
    }
    // The longest array path that prefixes the key; the rest is the chunk key.
    for (int slash = key.lastIndexOf('/'); slash > 0; slash = key.lastIndexOf('/', slash - 1)) {
      Node n = s.node("/" + key.substring(0, slash));
      if (n != null) {
        return n.isArray() ? chunkTarget(n, key.substring(slash + 1), key) : null;
      }
    }
    Node root = s.node("/");
    return root != null && root.isArray() ? chunkTarget(root, key, key) : null;
  }

  private Target chunkTarget(Node array, String chunkKey, String key) {
    ArrayMetadata meta = arrays.computeIfAbsent(array.path(), p -> V3Metadata.parseArray(array.zarrJson()));
    long[] coords = coordinates(meta.keyEncoding(), chunkKey, meta.rank());
    if (coords == null) {
      return null;
    }
    long[] shape = meta.shape();
    int[] chunks = meta.chunkShape();
    for (int d = 0; d < coords.length; d++) {
      long count = chunks[d] == 0 ? 0 : (shape[d] + chunks[d] - 1) / chunks[d];
      if (coords[d] < 0 || coords[d] >= Math.max(count, 1)) {
        return null;
      }
    }
    return new Target(array, coords);
  }

  /** Chunk coordinates of a chunk key under an encoding, or null when the key is not one. */
  static long[] coordinates(ChunkKeyEncoding enc, String chunkKey, int rank) {
    String rest = chunkKey;
    if (!enc.isV2Style()) {
      if (rank == 0) {
        return rest.equals("c") ? new long[0] : null;
      }
      if (!rest.startsWith("c" + enc.separator())) {
        return null;
      }
      rest = rest.substring(2);
    } else if (rank == 0) {
      return rest.equals("0") ? new long[0] : null;
    }
    String[] parts = rest.split(enc.separator() == '.' ? "\\." : "/", -1);
    if (parts.length != rank) {
      return null;
    }
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      if (parts[i].isEmpty() || parts[i].length() > 18 || !parts[i].chars().allMatch(Character::isDigit)) {
        return null;
      }
      out[i] = Long.parseLong(parts[i]);
    }
    return out;
  }

  @Override
  public byte[] get(String key) {
    Target t = target(key);
    if (t == null) {
      return null;
    }
    if (t.chunk == null) {
      return t.node.userData().clone();
    }
    ChunkRef ref = repo.chunkRef(t.node, t.chunk);
    if (ref instanceof ChunkRef.Virtual v) {
      byte[] planned = planned(key);
      return planned != null ? planned : virtual.read(v, 0, bounded(v.length(), key), key);
    }
    return repo.readChunk(ref);
  }

  /**
   * Groups the planned virtual chunks whose ranges follow each other in one target file: the first
   * of them to be read fetches the whole run in one request (at most 16 MiB), the others are then
   * served from it. Chunks not planned, or alone, are read one range each.
   */
  @Override
  public void plan(String arrayPath, long[] first, long[] last) {
    Node node = snapshot().node("/" + arrayPath);
    if (node == null || !node.isArray()) {
      return;
    }
    ArrayMetadata meta = arrays.computeIfAbsent(node.path(), p -> V3Metadata.parseArray(node.zarrJson()));
    Map<String, List<Object[]>> byTarget = new java.util.HashMap<>();
    long[] c = first.clone();
    for (int n = 0; n < MAX_PLANNED; n++) {
      if (repo.chunkRef(node, c) instanceof ChunkRef.Virtual v) {
        String key = (arrayPath.isEmpty() ? "" : arrayPath + "/") + meta.keyEncoding().key(c);
        byTarget.computeIfAbsent(v.location(), k -> new ArrayList<>()).add(new Object[] {key, v});
      }
      int d = c.length - 1;
      while (d >= 0 && c[d] == last[d]) {
        c[d] = first[d];
        d--;
      }
      if (d < 0) {
        break;
      }
      c[d]++;
    }
    for (List<Object[]> refs : byTarget.values()) {
      refs.sort(java.util.Comparator.comparingLong(r -> ((ChunkRef.Virtual) r[1]).offset()));
      int i = 0;
      while (i < refs.size()) {
        ChunkRef.Virtual start = (ChunkRef.Virtual) refs.get(i)[1];
        List<String> keys = new ArrayList<>();
        List<Long> lengths = new ArrayList<>();
        long end = start.offset();
        int j = i;
        while (j < refs.size()) {
          ChunkRef.Virtual v = (ChunkRef.Virtual) refs.get(j)[1];
          if (v.offset() != end || end + v.length() - start.offset() > MAX_RUN_BYTES
              || !java.util.Objects.equals(v.etag(), start.etag())
              || !java.util.Objects.equals(v.lastModified(), start.lastModified())) {
            break;
          }
          keys.add((String) refs.get(j)[0]);
          lengths.add(v.length());
          end += v.length();
          j++;
        }
        if (keys.size() > 1) {
          Run run = new Run(start, end - start.offset(), List.copyOf(keys), List.copyOf(lengths));
          keys.forEach(k -> runs.put(k, run));
        }
        i = Math.max(j, i + 1);
      }
    }
  }

  /** A planned chunk's bytes: read with its run (the first of the run to be asked), or null. */
  private byte[] planned(String key) {
    byte[] done = prefetched.remove(key);
    if (done != null) {
      return done;
    }
    Run run = runs.remove(key);
    if (run == null) {
      return null;
    }
    ChunkRef.Virtual whole = new ChunkRef.Virtual(run.first().location(), run.first().offset(), run.length(),
        run.first().etag(), run.first().lastModified());
    byte[] all = virtual.read(whole, 0, bounded(run.length(), key), key);
    byte[] mine = null;
    int at = 0;
    for (int i = 0; i < run.keys().size(); i++) {
      int n = (int) (long) run.lengths().get(i);
      byte[] part = Arrays.copyOfRange(all, at, at + n);
      at += n;
      if (run.keys().get(i).equals(key)) {
        mine = part;
      } else if (runs.remove(run.keys().get(i)) != null) {
        prefetched.put(run.keys().get(i), part);
      }
    }
    return mine;
  }

  /** A chunk length a read may allocate (checked before any byte is fetched). */
  private int bounded(long length, String key) {
    if (length < 0 || length > CodecPipeline.MAX_CHUNK_BYTES) {
      throw new TooLargeException("a chunk of " + length + " bytes exceeds the limit of "
          + CodecPipeline.MAX_CHUNK_BYTES + " (-Dzarr.maxChunkBytes)").at(describe(), key);
    }
    return (int) length;
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    if (offset < 0 || length < 0) {
      throw new StoreException("invalid range offset=" + offset + " length=" + length).at(describe(), key);
    }
    Target t = target(key);
    if (t == null) {
      return null;
    }
    if (t.chunk == null) {
      return slice(t.node.userData(), offset, length);
    }
    ChunkRef ref = repo.chunkRef(t.node, t.chunk);
    if (ref == null) {
      return null;
    }
    if (ref instanceof ChunkRef.Inline in) {
      return slice(in.data(), offset, length);
    }
    long total = ref instanceof ChunkRef.Native n ? n.length() : ((ChunkRef.Virtual) ref).length();
    int n = (int) Math.max(0, Math.min(length, total - offset));
    if (ref instanceof ChunkRef.Virtual v) {
      return virtual.read(v, offset, n, key);
    }
    ChunkRef.Native nat = (ChunkRef.Native) ref;
    return repo.readChunk(new ChunkRef.Native(nat.chunkId(), nat.offset() + offset, n));
  }

  @Override
  public byte[] getSuffix(String key, int length) {
    long size = size(key);
    if (size < 0) {
      return null;
    }
    long n = Math.min(length, size);
    return getRange(key, size - n, (int) n);
  }

  @Override
  public long size(String key) {
    Target t = target(key);
    if (t == null) {
      return -1;
    }
    if (t.chunk == null) {
      return t.node.userData().length;
    }
    ChunkRef ref = repo.chunkRef(t.node, t.chunk);
    if (ref == null) {
      return -1;
    }
    if (ref instanceof ChunkRef.Inline in) {
      return in.data().length;
    }
    return ref instanceof ChunkRef.Native n ? n.length() : ((ChunkRef.Virtual) ref).length();
  }

  private static byte[] slice(byte[] b, long offset, int length) {
    if (offset >= b.length) {
      return new byte[0];
    }
    return Arrays.copyOfRange(b, (int) offset, (int) Math.min(b.length, offset + length));
  }

  /** The child node names of a group (chunks are not listed: a reader never needs them). */
  @Override
  public List<String> listChildren(String prefix) {
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    List<String> out = new ArrayList<>();
    Node n = snapshot().node(p.isEmpty() ? "/" : "/" + p);
    if (n == null) {
      return out;
    }
    out.add("zarr.json");
    if (!n.isArray()) {
      for (Node c : snapshot().children(n.path())) {
        out.add(c.name());
      }
    }
    return out;
  }

  @Override
  public RuntimeException readOnly(String key) {
    return new InvalidMetadataException(
        "an Icechunk snapshot is read-only here: write to the repository with Icechunk itself").at(describe(), key);
  }

  @Override
  public String toString() {
    return describe();
  }
}
