package org.zarrspark.core.icechunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.ChunkPlanning;
import org.zarrspark.core.store.CountingStore;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.store.RangeTargets;
import org.zarrspark.core.store.Stores;
import org.zarrspark.core.testing.Fixtures;

/**
 * Adjacent ranges of planned virtual chunks are one read: in ic_virtual every t2m chunk is the next
 * 160 bytes of one file, so reading the three chunks of a planned box costs one ranged read, with the
 * same values as three separate reads.
 */
class VirtualRunsTest {
  private static final Path CASE = Fixtures.root().resolve("icechunk/ic_virtual");
  private static final String TARGETS = "/tmp/zarr-icechunk-virtual/ic_virtual/";

  private final List<CountingStore> opened = new ArrayList<>();

  private SnapshotStore open() throws Exception {
    Files.createDirectories(Path.of(TARGETS));
    for (String f : List.of("t2m.le.f32", "blob.bin")) {
      Files.copy(CASE.resolve("virtual").resolve(f), Path.of(TARGETS, f), StandardCopyOption.REPLACE_EXISTING);
    }
    IcechunkRepository repo = IcechunkRepository.open(new LocalStore(CASE.resolve("repo")));
    RangeTargets.Opener counting = dir -> {
      CountingStore c = new CountingStore(Stores.open(dir));
      opened.add(c);
      return c;
    };
    return new SnapshotStore(repo, repo.branch("main"), new VirtualChunks(List.of("file://" + TARGETS), counting,
        repo::config));
  }

  private long targetReads() {
    return opened.stream().mapToLong(CountingStore::requests).sum();
  }

  private static float[] values(ZarrArray a) {
    var all = a.readAll();
    float[] out = new float[all.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.getFloat(i);
    }
    return out;
  }

  @Test
  void aPlannedBoxOfAdjacentVirtualChunksIsOneRead() throws Exception {
    SnapshotStore unplanned = open();
    float[] separate = values(Hierarchy.open(unplanned).array("t2m"));
    assertEquals(3, targetReads(), "three chunks, three ranged reads");

    opened.clear();
    SnapshotStore planned = open();
    ZarrArray t2m = Hierarchy.open(planned).array("t2m");
    long[] shape = t2m.metadata().shape();
    int[] box = new int[shape.length];
    for (int d = 0; d < box.length; d++) {
      box[d] = (int) shape[d];
    }
    ChunkPlanning.plan(planned, "t2m", new long[shape.length], box, t2m.chunkGrid());
    assertArrayEquals(separate, values(t2m));
    assertEquals(1, targetReads(), "one ranged read of the three adjacent ranges");
  }
}
