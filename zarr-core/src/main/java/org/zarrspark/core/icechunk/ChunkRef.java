package org.zarrspark.core.icechunk;

import java.time.Instant;

/**
 * Where a chunk's encoded bytes are (the bytes the array's codec pipeline decodes). No reference at
 * all means the chunk is the fill value.
 */
public sealed interface ChunkRef permits ChunkRef.Inline, ChunkRef.Native, ChunkRef.Virtual {
  /** The bytes are in the manifest. */
  record Inline(byte[] data) implements ChunkRef {}

  /** {@code length} bytes at {@code offset} of the repository's object {@code chunks/ID}. */
  record Native(ObjectId chunkId, long offset, long length) implements ChunkRef {
    /** The object's key, relative to the repository root. */
    public String key() {
      return "chunks/" + chunkId;
    }
  }

  /**
   * {@code length} bytes at {@code offset} of an object outside the repository, named by an
   * absolute URL; the target must still have this etag or last-modified time (both null when the
   * writer recorded no checksum).
   */
  record Virtual(String location, long offset, long length, String etag, Instant lastModified) implements ChunkRef {}
}
