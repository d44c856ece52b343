package org.zarrspark.core.icechunk;

import java.util.ArrayList;
import java.util.List;

/**
 * A manifest file ({@code manifests/ID}, flatbuffer root {@code Manifest}): the chunk references of
 * one or more arrays (by node id), each array's references sorted by chunk coordinates. Parsing
 * checks the header and the manifest's own fields only; references are looked up in the
 * decompressed flatbuffer by binary search, over the node ids and then over the coordinates, and
 * only the one found is materialised, so a manifest of millions of references costs its bytes and
 * O(log n) per lookup. Thread-safe (read-only).
 */
public final class Manifest {
  private final FlatBuffer fb;
  private final ObjectId id;
  private final int arrays;
  private final int arrayCount;
  private final byte[] locationDictionary;
  private final int compressionAlgorithm;
  /** Arrays (by position) whose references were checked to be sorted. */
  private final java.util.Set<Integer> checked = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Manifest(FlatBuffer fb, ObjectId id, int arrays, int arrayCount, byte[] dictionary, int compression) {
    this.fb = fb;
    this.id = id;
    this.arrays = arrays;
    this.arrayCount = arrayCount;
    this.locationDictionary = dictionary;
    this.compressionAlgorithm = compression;
  }

  /** Parses a manifest file (errors carry no location: the caller attaches store and key). */
  public static Manifest parse(IcechunkFile file) {
    FlatBuffer fb = file.payload();
    int root = fb.root();
    ObjectId id = fb.requiredId(root, 0, 12, "Manifest.id");
    int arrays = fb.requiredVector(root, 1, "Manifest.arrays");
    int n = fb.length(arrays, 4);
    byte[] dictionary = fb.bytes(root, 2);
    int compression = fb.u8(root, 3, 1);
    byte[] previous = null;
    for (int i = 0; i < n; i++) {
      byte[] node = fb.requiredId(fb.tableAt(arrays, i), 0, 8, "ArrayManifest.node_id").bytes();
      if (previous != null && java.util.Arrays.compareUnsigned(previous, node) >= 0) {
        throw fb.corrupt("arrays are not sorted by node id");
      }
      previous = node;
    }
    return new Manifest(fb, id, arrays, n, dictionary, compression);
  }

  public ObjectId id() {
    return id;
  }

  /** Node ids of the arrays this manifest holds references for, in stored (sorted) order. */
  public List<ObjectId> nodeIds() {
    List<ObjectId> out = new ArrayList<>(arrayCount);
    for (int i = 0; i < arrayCount; i++) {
      out.add(fb.requiredId(fb.tableAt(arrays, i), 0, 8, "ArrayManifest.node_id"));
    }
    return out;
  }

  /** Number of references held for this node (0 when none). */
  public int refCount(ObjectId node) {
    int refs = refsOf(node);
    return refs == 0 ? 0 : fb.length(refs, 4);
  }

  /** The reference of the chunk at grid coordinates {@code chunk} of array {@code node}, or null. */
  public ChunkRef find(ObjectId node, long[] chunk) {
    int refs = refsOf(node);
    if (refs == 0) {
      return null;
    }
    int lo = 0;
    int hi = fb.length(refs, 4) - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int ref = fb.tableAt(refs, mid);
      int c = compareIndex(ref, chunk);
      if (c == 0) {
        return ref(ref);
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return null;
  }

  /** One stored reference with its chunk coordinates. */
  public record Entry(long[] chunk, ChunkRef ref) {}

  /** Every reference of array {@code node}, in stored order (for listings and tests). */
  public List<Entry> entries(ObjectId node) {
    int refs = refsOf(node);
    if (refs == 0) {
      return List.of();
    }
    int n = fb.length(refs, 4);
    List<Entry> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int ref = fb.tableAt(refs, i);
      out.add(new Entry(index(ref), ref(ref)));
    }
    return out;
  }

  private int refsOf(ObjectId node) {
    byte[] key = node.bytes();
    int lo = 0;
    int hi = arrayCount - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int am = fb.tableAt(arrays, mid);
      int p = fb.field(am, 0);
      if (p == 0) {
        throw fb.corrupt("required field 'ArrayManifest.node_id' is missing");
      }
      int c = fb.compareBytes(p, key);
      if (c == 0) {
        int refs = fb.requiredVector(am, 1, "ArrayManifest.refs");
        if (!checked.contains(mid)) {
          checkSorted(refs, node);
          checked.add(mid);
        }
        return refs;
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return 0;
  }

  /**
   * The spec requires references in ascending order of coordinates, which binary search relies on:
   * checked once per array (one pass), so that a corrupt manifest fails instead of reading as fill.
   */
  private void checkSorted(int refs, ObjectId node) {
    int n = fb.length(refs, 4);
    long[] previous = null;
    for (int i = 0; i < n; i++) {
      long[] index = index(fb.tableAt(refs, i));
      if (previous != null && (index.length != previous.length || java.util.Arrays.compare(previous, index) >= 0)) {
        throw fb.corrupt("the chunk refs of node " + node + " are not sorted by chunk coordinates (at "
            + java.util.Arrays.toString(index) + ")");
      }
      previous = index;
    }
  }

  private int compareIndex(int ref, long[] chunk) {
    int v = fb.requiredVector(ref, 0, "ChunkRef.index");
    int n = fb.length(v, 4);
    for (int d = 0; d < Math.min(n, chunk.length); d++) {
      int c = Long.compare(fb.u32At(v + 4 + 4 * d), chunk[d]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(n, chunk.length);
  }

  private long[] index(int ref) {
    int v = fb.requiredVector(ref, 0, "ChunkRef.index");
    int n = fb.length(v, 4);
    long[] out = new long[n];
    for (int d = 0; d < n; d++) {
      out[d] = fb.u32At(v + 4 + 4 * d);
    }
    return out;
  }

  private ChunkRef ref(int ref) {
    byte[] inline = fb.bytes(ref, 1);
    if (inline != null) {
      return new ChunkRef.Inline(inline);
    }
    long offset = fb.u64(ref, 2, 0);
    long length = fb.u64(ref, 3, 0);
    if (offset < 0 || length < 0) {
      throw fb.corrupt("a chunk ref has offset " + Long.toUnsignedString(offset) + " and length "
          + Long.toUnsignedString(length));
    }
    ObjectId chunkId = fb.id(ref, 4, 12);
    if (chunkId != null) {
      return new ChunkRef.Native(chunkId, offset, length);
    }
    String location = fb.string(ref, 5);
    if (location == null) {
      byte[] compressed = fb.bytes(ref, 8);
      if (compressed == null) {
        throw fb.corrupt("a chunk ref is neither inline, native nor virtual");
      }
      location = compressionAlgorithm == 0 ? new String(compressed, java.nio.charset.StandardCharsets.UTF_8)
          : LocationDictionary.decompress(compressed, locationDictionary);
    }
    String etag = fb.string(ref, 6);
    long modified = fb.u32(ref, 7, 0);
    return new ChunkRef.Virtual(location, offset, length, etag,
        modified == 0 ? null : java.time.Instant.ofEpochSecond(modified));
  }
}
