package org.zarrspark.core.fuzz;

import static org.zarrspark.core.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.icechunk.FileType;
import org.zarrspark.core.icechunk.IcechunkFile;
import org.zarrspark.core.icechunk.IcechunkRepository;
import org.zarrspark.core.icechunk.Manifest;
import org.zarrspark.core.icechunk.Node;
import org.zarrspark.core.icechunk.ObjectId;
import org.zarrspark.core.icechunk.RepoConfig;
import org.zarrspark.core.icechunk.RepoInfo;
import org.zarrspark.core.icechunk.Snapshot;
import org.zarrspark.core.icechunk.SnapshotInfo;
import org.zarrspark.core.icechunk.SnapshotStore;
import org.zarrspark.core.icechunk.Values;
import org.zarrspark.core.icechunk.VirtualChunks;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.MemoryStore;

/**
 * Icechunk repositories: the metadata files (snapshot, manifest, repo info: header, zstd payload,
 * flatbuffer), spec 1's refs and {@code config.yaml}, the MessagePack and FlexBuffers values, and
 * whole repositories read as a Zarr v3 store through {@link SnapshotStore}. Seeds (real files of
 * {@code testdata/icechunk}, each also uncompressed behind a header with compression 0, which lets
 * mutations reach the flatbuffer parser) and regression inputs:
 * {@code src/test/resources/org/zarrspark/core/fuzz/IcechunkFuzzTestInputs/}.
 */
class IcechunkFuzzTest {
  private static final FileType[] FILE_TYPES = {FileType.SNAPSHOT, FileType.MANIFEST, FileType.REPO_INFO};

  /** At most this many branches and tags of a fuzzed repository are opened (each reads a snapshot). */
  private static final int MAX_REFS_OPENED = 4;

  /**
   * One metadata file: the first byte picks its type (0 snapshot, 1 manifest, 2 repo info, modulo
   * 3), the rest is the file as stored. Everything in it is read as a reader would: every node, its
   * zarr.json and manifest lookup; every reference of every array of a manifest, found again by
   * binary search; every snapshot of a repo info file.
   */
  @FuzzTest
  void metadataFile(byte[] data) throws Exception {
    if (data.length == 0) {
      return;
    }
    FileType type = FILE_TYPES[(data[0] & 0xff) % FILE_TYPES.length];
    byte[] file = Arrays.copyOfRange(data, 1, data.length);
    check(() -> walk(IcechunkFile.parse(file, type, "fuzz", "fuzzed"), type));
  }

  private static void walk(IcechunkFile f, FileType type) {
    switch (type) {
      case SNAPSHOT -> {
        Snapshot s = Snapshot.parse(f);
        s.info();
        s.children("/");
        for (Node node : s.nodes()) {
          s.node(node.path());
          node.name();
          node.zarrJson();
          if (node.isArray()) {
            node.array().shape();
            node.array().manifestFor(new long[node.array().dimensions().size()]);
            node.array().manifestsFor(new long[node.array().dimensions().size()],
                filled(node.array().dimensions().size(), 1 << 20));
          }
        }
      }
      case MANIFEST -> {
        Manifest m = Manifest.parse(f);
        for (ObjectId node : m.nodeIds()) {
          m.refCount(node);
          for (Manifest.Entry e : m.entries(node)) {
            if (m.find(node, e.chunk()) == null) {
              throw new AssertionError("reference at " + Arrays.toString(e.chunk()) + " of node " + node
                  + " is listed but not found");
            }
          }
          m.find(node, new long[] {1 << 20, 0});
        }
      }
      case REPO_INFO -> {
        RepoInfo r = RepoInfo.parse(f);
        for (SnapshotInfo s : r.snapshots()) {
          if (r.snapshot(s.id()) == null) {
            throw new AssertionError("snapshot " + s.id() + " is listed but not found");
          }
        }
        r.config().containerFor("s3://bucket/key");
      }
      default -> throw new IllegalArgumentException(type.toString());
    }
  }

  private static long[] filled(int n, long v) {
    long[] out = new long[n];
    Arrays.fill(out, v);
    return out;
  }

  /**
   * Spec 1's small documents and the values inside metadata: the first byte picks (modulo 4) a
   * {@code refs/branch.main/ref.json} (read through a repository: its version, main's tip, every
   * ref, a version resolved), a {@code config.yaml} (beside a valid ref, read as the repository's
   * configuration), a MessagePack value (spec 1 metadata) or a FlexBuffers value (spec 2 metadata
   * and configuration).
   */
  @FuzzTest
  void refsAndConfig(byte[] data) throws Exception {
    if (data.length == 0) {
      return;
    }
    byte[] doc = Arrays.copyOfRange(data, 1, data.length);
    switch ((data[0] & 0xff) % 4) {
      case 0 -> check(() -> {
        MemoryStore store = new MemoryStore();
        store.put("refs/branch.main/ref.json", doc);
        IcechunkRepository repo = IcechunkRepository.open(store);
        repo.specVersion();
        repo.branch("main");
        repo.refs();
        repo.resolve("main");
      });
      case 1 -> check(() -> {
        MemoryStore store = new MemoryStore();
        store.put("refs/branch.main/ref.json", "{\"snapshot\":\"1CECHNKREP0F1RSTCMT0\"}".getBytes(StandardCharsets.UTF_8));
        store.put("config.yaml", doc);
        RepoConfig c = IcechunkRepository.open(store).config();
        c.containerFor("s3://testbucket/a/b");
        c.raw().size();
      });
      case 2 -> check(() -> Values.fromMsgPack(doc));
      default -> check(() -> Values.fromFlexBuffer(doc));
    }
  }

  /**
   * A whole repository in a {@link MemoryStore}, as records {@code @key\n<bytes>} (see
   * {@link FuzzSupport#records}): {@code repo} or {@code refs/...}, {@code config.yaml},
   * {@code snapshots/}, {@code manifests/}, {@code chunks/}, and files that virtual references
   * may name. The repository's version, refs, configuration and history are read; then main and a
   * few other refs are opened as a {@link SnapshotStore} through {@link Hierarchy#open}, every
   * node is visited and arrays up to {@link MetadataFuzzTest#READ_ALL_ELEMENTS} elements are read
   * whole. Virtual chunks are authorised under {@code file:} and read from the same memory store
   * (never from disk).
   */
  @FuzzTest
  void repository(byte[] data) throws Exception {
    Map<String, byte[]> records = FuzzSupport.records(data);
    if (records.isEmpty()) {
      return;
    }
    MemoryStore store = new MemoryStore();
    for (Map.Entry<String, byte[]> r : records.entrySet()) {
      try {
        store.put(r.getKey(), r.getValue());
      } catch (ZarrException e) {
        // a key that leaves the store or is malformed: not part of this store
      }
    }
    check(() -> {
      IcechunkRepository repo = IcechunkRepository.open(store);
      repo.specVersion();
      check(() -> repo.config());
      check(() -> repo.history());
      check(() -> read(repo, repo.branch("main"), store));
      check(() -> {
        Set<ObjectId> others = new LinkedHashSet<>(repo.refs().branches().values());
        others.addAll(repo.refs().tags().values());
        int opened = 0;
        for (ObjectId id : others) {
          if (opened++ == MAX_REFS_OPENED) {
            break;
          }
          check(() -> read(repo, id, store));
        }
      });
    });
  }

  private static void read(IcechunkRepository repo, ObjectId snapshot, MemoryStore files) throws Exception {
    VirtualChunks virtual = new VirtualChunks(List.of("file:"), dir -> files, repo::config);
    Hierarchy h = Hierarchy.open(new SnapshotStore(repo, snapshot, virtual), false, 3);
    for (String path : h.walk("")) {
      check(() -> {
        h.attributes(path);
        if (h.kind(path) == Hierarchy.Kind.ARRAY) {
          ZarrArray a = h.array(path);
          a.metadata().chunkCount();
          if (a.metadata().elementCount() <= MetadataFuzzTest.READ_ALL_ELEMENTS) {
            a.readAll();
          }
        }
      });
    }
  }
}
