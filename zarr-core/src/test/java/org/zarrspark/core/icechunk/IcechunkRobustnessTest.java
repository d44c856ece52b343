package org.zarrspark.core.icechunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.codec.compress.ZstdCodec;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.store.Store;

/**
 * Fuzz-style: random truncations and bit flips of real snapshot, manifest and repo info files (as
 * stored, and as uncompressed flatbuffers behind a header with compression 0, which reaches the
 * flatbuffer parser with every mutation) raise only {@link ZarrException}s: no index errors, no
 * runaway allocation, no other runtime exception.
 */
class IcechunkRobustnessTest {
  private static final int ROUNDS = Integer.getInteger("icechunk.fuzzRounds", 400);

  @Test
  void mutatedSnapshotsFailOnlyWithZarrExceptions() {
    fuzz(IcechunkCases.store("ic_v2_climate"), "snapshots/RQ1KTE289XSRRZ66W080", FileType.SNAPSHOT, 1);
    fuzz(IcechunkCases.store("up_test_repo_v1"), "snapshots/XDZ162T1TYBEJMK99NPG", FileType.SNAPSHOT, 2);
  }

  @Test
  void mutatedManifestsFailOnlyWithZarrExceptions() {
    fuzz(IcechunkCases.store("ic_inline_chunks"), "manifests/606D7AP5C3EMWSTGHFF0", FileType.MANIFEST, 3);
    fuzz(IcechunkCases.store("ic_virtual"), "manifests/34VKKWVSGZC7BEM771YG", FileType.MANIFEST, 4);
    fuzz(IcechunkCases.store("up_test_repo_v1"), "manifests/Q04J7QW5RQ8D17TPA10G", FileType.MANIFEST, 5);
  }

  @Test
  void mutatedRepoInfoFailsOnlyWithZarrExceptions() {
    fuzz(IcechunkCases.store("up_test_repo_v2"), "repo", FileType.REPO_INFO, 6);
    fuzz(IcechunkCases.store("ic_v2_climate"), "repo", FileType.REPO_INFO, 7);
  }

  @Test
  void mutatedValuesFailOnlyWithZarrExceptions() {
    Random rnd = new Random(8);
    for (int i = 0; i < 5000; i++) {
      byte[] b = new byte[rnd.nextInt(40)];
      rnd.nextBytes(b);
      check(() -> Values.fromFlexBuffer(b), "flexbuffer " + Arrays.toString(b));
      check(() -> Values.fromMsgPack(b), "msgpack " + Arrays.toString(b));
      check(() -> ConfigYaml.parse(b), "yaml " + Arrays.toString(b));
    }
  }

  private static void fuzz(Store store, String key, FileType type, long seed) {
    byte[] file = store.get(key);
    byte[] payload = new ZstdCodec(0, false).decode(Arrays.copyOfRange(file, FileHeader.LENGTH, file.length), 1 << 24);
    byte[] plain = new byte[FileHeader.LENGTH + payload.length];
    System.arraycopy(file, 0, plain, 0, FileHeader.LENGTH);
    plain[38] = 0;
    System.arraycopy(payload, 0, plain, FileHeader.LENGTH, payload.length);
    walk(plain, type, key); // the uncompressed form of the real file parses
    Random rnd = new Random(seed);
    for (byte[] original : new byte[][] {file, plain}) {
      for (int i = 0; i < ROUNDS; i++) {
        byte[] m;
        if (rnd.nextInt(4) == 0) {
          m = Arrays.copyOf(original, rnd.nextInt(original.length));
        } else {
          m = original.clone();
          int flips = 1 + rnd.nextInt(8);
          for (int f = 0; f < flips; f++) {
            int p = FileHeader.LENGTH + rnd.nextInt(m.length - FileHeader.LENGTH);
            if (rnd.nextBoolean()) {
              m[p] ^= (byte) (1 << rnd.nextInt(8));
            } else {
              m[p] = (byte) rnd.nextInt(256);
            }
          }
        }
        check(() -> walk(m, type, key), key + " mutation " + i);
      }
    }
  }

  private static void check(Runnable r, String what) {
    try {
      r.run();
    } catch (ZarrException e) {
      // expected
    } catch (Throwable t) {
      fail(what + ": " + t, t);
    }
  }

  /** Parses a file and reads everything in it, as a reader would. */
  private static int walk(byte[] bytes, FileType type, String key) {
    IcechunkFile f = IcechunkFile.parse(bytes, type, "fuzz", key);
    int n = 0;
    switch (type) {
      case SNAPSHOT -> {
        Snapshot s = Snapshot.parse(f);
        for (Node node : s.nodes()) {
          s.node(node.path());
          node.zarrJson();
          if (node.isArray()) {
            node.array().manifestFor(new long[node.array().dimensions().size()]);
          }
          n++;
        }
      }
      case MANIFEST -> {
        Manifest m = Manifest.parse(f);
        for (ObjectId node : m.nodeIds()) {
          for (Manifest.Entry e : m.entries(node)) {
            assertEquals(e.ref().getClass(), m.find(node, e.chunk()).getClass());
            n++;
          }
          m.find(node, new long[] {1 << 20, 0});
        }
      }
      case REPO_INFO -> {
        RepoInfo r = RepoInfo.parse(f);
        for (SnapshotInfo s : r.snapshots()) {
          r.snapshot(s.id());
          n++;
        }
      }
      default -> throw new IllegalArgumentException();
    }
    return n;
  }
}
