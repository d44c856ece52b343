package org.zarrspark.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.core.error.StoreException;
import org.zarrspark.core.read.Hierarchy;

/**
 * Symbolic links in a local store: followed while they stay inside the store's real root, refused
 * (naming the key and where the link leads) when they lead out of it. The root may itself be a link.
 */
class LocalStoreLinksTest {
  @TempDir Path tmp;

  /** An int32 v2 array "a" of 4 elements in chunks of 2, no compressor: chunk i holds i*10, i*10+1. */
  private Path store() throws Exception {
    Path s = Files.createDirectories(tmp.resolve("s.zarr"));
    Files.writeString(s.resolve(".zgroup"), "{\"zarr_format\":2}");
    Path a = Files.createDirectories(s.resolve("a"));
    Files.writeString(a.resolve(".zarray"), "{\"zarr_format\":2,\"shape\":[4],\"chunks\":[2],\"dtype\":\"<i4\","
        + "\"fill_value\":-1,\"order\":\"C\",\"compressor\":null,\"filters\":null}");
    Files.write(a.resolve("0"), ints(0, 1));
    Files.write(a.resolve("1"), ints(10, 11));
    return s;
  }

  private static byte[] ints(int... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int x : v) {
      b.putInt(x);
    }
    return b.array();
  }

  private static int[] readA(Path root) {
    var data = Hierarchy.open(new LocalStore(root)).array("a").readAll();
    int[] out = new int[data.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = data.getInt(i);
    }
    return out;
  }

  @Test
  void aLinkInsideTheStoreIsFollowed() throws Exception {
    Path s = store();
    Files.delete(s.resolve("a/1"));
    Files.createSymbolicLink(s.resolve("a/1"), s.resolve("a/0")); // chunk 1 is chunk 0's bytes
    assertArrayEquals(new int[] {0, 1, 0, 1}, readA(s));
  }

  @Test
  void theRootMayBeALink() throws Exception {
    Path s = store();
    Path link = Files.createSymbolicLink(tmp.resolve("link.zarr"), s);
    assertArrayEquals(new int[] {0, 1, 10, 11}, readA(link));
  }

  @Test
  void aChunkLinkedToAFileOutsideIsRefused() throws Exception {
    Path s = store();
    Path secret = Files.write(tmp.resolve("secret.bin"), ints(42, 43));
    Files.delete(s.resolve("a/1"));
    Files.createSymbolicLink(s.resolve("a/1"), secret);
    StoreException e = assertThrows(StoreException.class, () -> readA(s));
    assertEquals("a/1", e.key());
    assertTrue(e.getMessage().contains(secret.toRealPath().toString()), e.getMessage());
    assertTrue(e.getMessage().contains(s.toString()), e.getMessage());
  }

  @Test
  void aDirectoryLinkedOutsideIsRefusedForReadsListingsAndWrites() throws Exception {
    Path s = store();
    Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.write(outside.resolve("0"), ints(7, 8));
    Files.createSymbolicLink(s.resolve("b"), outside);
    LocalStore store = new LocalStore(s);
    assertThrows(StoreException.class, () -> store.get("b/0"));
    assertThrows(StoreException.class, () -> store.getRange("b/0", 0, 4));
    assertThrows(StoreException.class, () -> store.listChildren("b"));
    assertThrows(StoreException.class, () -> store.put("b/new", new byte[] {1}));
    assertTrue(Files.notExists(outside.resolve("new")), "nothing written outside the store");
    // the rest of the store still reads
    assertArrayEquals("{\"zarr_format\":2}".getBytes(StandardCharsets.UTF_8), store.get(".zgroup"));
  }

  @Test
  void aDanglingLinkReadsAsAMissingChunk() throws Exception {
    Path s = store();
    Files.delete(s.resolve("a/1"));
    Files.createSymbolicLink(s.resolve("a/1"), tmp.resolve("nowhere"));
    assertNull(new LocalStore(s).get("a/1"));
    assertArrayEquals(new int[] {0, 1, -1, -1}, readA(s));
  }

  /** A key under a file (the store root is a file, say a reference set probed for "repo") is missing. */
  @Test
  void aKeyUnderAFileIsMissing() throws Exception {
    Path file = Files.write(tmp.resolve("refs"), new byte[] {'{', '}'});
    LocalStore store = new LocalStore(file);
    assertNull(store.get("repo"));
    assertEquals(-1, store.size("repo"));
  }
}
