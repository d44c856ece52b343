package org.zarrspark.core.icechunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.error.IcechunkFormatException;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.store.Store;

/** Ids, the file header and its typed errors, and the truncated-snapshot fixture. */
class IcechunkFormatTest {
  @Test
  void crockfordBase32RoundTripsAndMatchesTheSpecExample() {
    byte[] first = {0x0b, 0x1c, (byte) 0xc8, (byte) 0xd6, 0x78, 0x75, (byte) 0x80, (byte) 0xf0, (byte) 0xe3, 0x3a, 0x65, 0x34};
    assertEquals("1CECHNKREP0F1RSTCMT0", Base32.encode(first));
    assertArrayEquals(first, Base32.decode("1CECHNKREP0F1RSTCMT0", 12));
    assertArrayEquals(first, Base32.decode("1cechnkrepOf1rstcmt0", 12)); // lowercase and O as 0
    assertEquals(ObjectId.INITIAL_SNAPSHOT, ObjectId.of(first));
    Random rnd = new Random(7);
    for (int i = 0; i < 1000; i++) {
      byte[] b = new byte[i % 2 == 0 ? 12 : 8];
      rnd.nextBytes(b);
      String s = Base32.encode(b);
      assertEquals(b.length == 12 ? 20 : 13, s.length());
      assertArrayEquals(b, Base32.decode(s, b.length));
    }
    assertThrows(IcechunkFormatException.class, () -> Base32.decode("1CECHNKREP0F1RSTCMT", 12));
    assertThrows(IcechunkFormatException.class, () -> Base32.decode("1CECHNKREP0F1RSTCMTU", 12)); // U is not a digit
    assertThrows(IcechunkFormatException.class, () -> Base32.decode("1CECHNKREP0F1RSTCMT1", 12)); // padding bits
    assertTrue(ObjectId.isId12("RQ1KTE289XSRRZ66W080"));
    assertTrue(!ObjectId.isId12("main"));
  }

  @Test
  void headerIsParsed() {
    Store store = IcechunkCases.store("ic_v2_climate");
    IcechunkFile f = IcechunkFile.read(store, "snapshots/RQ1KTE289XSRRZ66W080", FileType.SNAPSHOT);
    assertEquals(new FileHeader("ic-2.2.2", 2, FileType.SNAPSHOT, 1), f.header());
    assertEquals("Ichk", f.payload().identifier());
    IcechunkFile old = IcechunkFile.read(IcechunkCases.store("up_test_repo_v1"), "snapshots/NXH3M0HJ7EEJ0699DPP0",
        FileType.SNAPSHOT);
    assertEquals(new FileHeader("ic-0.1.3", 1, FileType.SNAPSHOT, 1), old.header());
  }

  @Test
  void badHeadersAndPayloadsAreTypedErrorsNamingTheKey() {
    byte[] good = IcechunkCases.store("ic_v2_climate").get("snapshots/RQ1KTE289XSRRZ66W080");
    MemoryStore m = new MemoryStore();
    byte[] magic = good.clone();
    magic[3] = 'X';
    m.put("snapshots/A", magic);
    assertError(m, "snapshots/A", FileType.SNAPSHOT, "wrong magic");
    byte[] version = good.clone();
    version[36] = 3;
    m.put("snapshots/B", version);
    assertError(m, "snapshots/B", FileType.SNAPSHOT, "unknown Icechunk spec version 3");
    m.put("snapshots/C", good);
    assertError(m, "snapshots/C", FileType.MANIFEST, "where a manifest (type 2) was expected");
    m.put("snapshots/D", Arrays.copyOf(good, 20));
    assertError(m, "snapshots/D", FileType.SNAPSHOT, "shorter than the 39-byte header");
    m.put("snapshots/E", Arrays.copyOf(good, good.length - 10));
    assertError(m, "snapshots/E", FileType.SNAPSHOT, "zstd");
    byte[] compression = good.clone();
    compression[38] = 9;
    m.put("snapshots/F", compression);
    assertError(m, "snapshots/F", FileType.SNAPSHOT, "unknown compression 9");
    assertError(m, "snapshots/missing", FileType.SNAPSHOT, "does not exist");
  }

  private static void assertError(Store store, String key, FileType type, String mention) {
    IcechunkFormatException e = assertThrows(IcechunkFormatException.class, () -> {
      IcechunkFile f = IcechunkFile.read(store, key, type);
      if (type == FileType.SNAPSHOT) {
        Snapshot.parse(f);
      }
    });
    assertEquals(key, e.key());
    assertTrue(e.getMessage().contains(mention) && e.getMessage().contains(key), e.getMessage());
  }

  @Test
  void truncatedSnapshotFailsNamingItsKeyWhileThePreviousOneReads() {
    IcechunkRepository repo = IcechunkRepository.open(IcechunkCases.store("bad_truncated_snapshot"));
    ObjectId tip = repo.branch("main");
    assertEquals("6MQVFZMCRK8FH9AFW5Z0", tip.toString());
    IcechunkFormatException e = assertThrows(IcechunkFormatException.class, () -> repo.snapshot(tip));
    assertEquals("snapshots/6MQVFZMCRK8FH9AFW5Z0", e.key());
    assertTrue(e.getMessage().contains("snapshots/6MQVFZMCRK8FH9AFW5Z0") && e.getMessage().contains("snapshot"),
        e.getMessage());
    Snapshot previous = repo.snapshot(ObjectId.parse12("NFQH43FWKC94QE5P12SG"));
    assertEquals("initial", previous.message());
    assertTrue(previous.node("/t2m").isArray());
  }

  @Test
  void notARepositoryIsAnErrorNamingWhatWasLookedFor() {
    MemoryStore empty = new MemoryStore();
    assertTrue(!IcechunkRepository.isRepository(empty));
    IcechunkFormatException e = assertThrows(IcechunkFormatException.class,
        () -> IcechunkRepository.open(empty).specVersion());
    assertTrue(e.getMessage().contains("not an Icechunk repository"), e.getMessage());
    assertTrue(IcechunkRepository.isRepository(IcechunkCases.store("ic_v1_climate")));
    assertTrue(IcechunkRepository.isRepository(IcechunkCases.store("ic_v2_climate")));
  }

  @Test
  void compressedVirtualLocationsDecodeWithTheManifestDictionary() {
    byte[] dict = "file:///tmp/zarr-icechunk-virtual/ic_virtual/ s3://bucket/data/ .nc .h5".repeat(4)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8); // a raw-content dictionary
    String url = "file:///tmp/zarr-icechunk-virtual/ic_virtual/t2m.le.f32";
    byte[] src = url.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] dst = new byte[256];
    long n = com.github.luben.zstd.Zstd.compressUsingDict(dst, 0, src, 0, src.length, dict, 3);
    byte[] compressed = Arrays.copyOf(dst, (int) n);
    assertEquals(url, LocationDictionary.decompress(compressed, dict));
    assertThrows(IcechunkFormatException.class, () -> LocationDictionary.decompress(compressed, null));
    byte[] bad = compressed.clone();
    bad[bad.length / 2] ^= 0x55;
    try {
      LocationDictionary.decompress(bad, dict); // may decode to some other string
    } catch (org.zarrspark.core.error.ZarrException expected) {
      // or fail typed: never an untyped exception
    }
  }
}
