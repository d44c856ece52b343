package org.zarrspark.core.icechunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.UnauthorizedVirtualChunkException;
import org.zarrspark.core.store.Stores;

/**
 * Virtual chunk targets on a local disk: read only under an authorised prefix, and refused (naming
 * the chunk and the target) when modified after the reference recorded them.
 */
class VirtualChunksTest {
  @TempDir Path tmp;

  private VirtualChunks chunks(String... authorized) {
    return new VirtualChunks(List.of(authorized), Stores::open, () -> RepoConfig.DEFAULT);
  }

  private Path target() throws Exception {
    Path f = Files.write(tmp.resolve("t.bin"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    return f;
  }

  @Test
  void anAuthorisedTargetReadsItsRange() throws Exception {
    String url = target().toUri().toString();
    ChunkRef.Virtual ref = new ChunkRef.Virtual(url, 2, 5, null, Instant.parse("2026-01-01T00:00:00Z"));
    assertArrayEquals(new byte[] {3, 4, 5}, chunks(tmp.toUri().toString()).read(ref, 1, 3, "a/c/0"));
  }

  @Test
  void anUnauthorisedTargetIsRefusedNamingItsContainerAndTheOption() throws Exception {
    String url = target().toUri().toString();
    ChunkRef.Virtual ref = new ChunkRef.Virtual(url, 0, 4, null, null);
    UnauthorizedVirtualChunkException e = assertThrows(UnauthorizedVirtualChunkException.class,
        () -> chunks("file:///elsewhere/").read(ref, 0, 4, "a/c/0"));
    assertTrue(e.getMessage().contains("authorizeVirtualChunks") && e.getMessage().contains("a/c/0"), e.getMessage());
  }

  @Test
  void aTargetModifiedAfterTheReferenceIsAnErrorEveryTime() throws Exception {
    String url = target().toUri().toString();
    ChunkRef.Virtual stale = new ChunkRef.Virtual(url, 0, 4, null, Instant.parse("2025-06-01T00:00:00Z"));
    VirtualChunks v = chunks(tmp.toUri().toString());
    for (int i = 0; i < 2; i++) {
      ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> v.read(stale, 0, 4, "a/c/1"));
      assertTrue(e.getMessage().contains("a/c/1") && e.getMessage().contains(url), e.getMessage());
      assertEquals("t.bin", e.key());
    }
  }
}
