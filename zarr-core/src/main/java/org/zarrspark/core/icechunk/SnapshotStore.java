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
import org.zarrspark.core.store.RangeRuns;
import org.zarrspark.core.store.LookupStore;
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
public final class SnapshotStore implements LookupStore, ChunkPlanning {
  private final IcechunkRepository repo;
  private final ObjectId snapshotId;
  private final VirtualChunks virtual;
  private volatile Snapshot snapshot;
  /** Parsed once per array: chunk keys are resolved against its grid and key encoding. */
  private final Map<String, ArrayMetadata> arrays = new ConcurrentHashMap<>();
  /** Planned virtual chunks: adjacent ranges of one target read together. */
  private final RangeRuns runs = new RangeRuns();

  /** What a virtual target must still be; chunks share a read only when theirs are equal. */
  private record Checksum(String etag, java.time.Instant lastModified) {}

  /** Most chunks a plan looks at. */
  private static final int MAX_PLANNED = 1 << 16;

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
    long[] counts = meta.gridShape();
    for (int d = 0; d < coords.length; d++) {
      long count = counts[d];
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
    List<RangeRuns.Range> ranges = new ArrayList<>();
    long[] c = first.clone();
    for (int n = 0; n < MAX_PLANNED; n++) {
      if (repo.chunkRef(node, c) instanceof ChunkRef.Virtual v) {
        String key = (arrayPath.isEmpty() ? "" : arrayPath + "/") + meta.keyEncoding().key(c);
        ranges.add(new RangeRuns.Range(key, v.location(), v.offset(), v.length(), new Checksum(v.etag(), v.lastModified())));
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
    runs.plan(ranges);
  }

  /** A planned chunk's bytes: read with its run (the first of the run to be asked), or null. */
  private byte[] planned(String key) {
    return runs.take(key, (target, offset, length, check, k) -> {
      Checksum sum = (Checksum) check;
      return virtual.read(new ChunkRef.Virtual(target, offset, length, sum.etag(), sum.lastModified()), 0,
          bounded(length, k), k);
    });
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
      return LookupStore.slice(t.node.userData(), offset, length);
    }
    ChunkRef ref = repo.chunkRef(t.node, t.chunk);
    if (ref == null) {
      return null;
    }
    if (ref instanceof ChunkRef.Inline in) {
      return LookupStore.slice(in.data(), offset, length);
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
