package org.zarrspark.core.refs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.zarrspark.core.error.StoreException;
import org.zarrspark.core.store.Store;

/**
 * A file of a store as a read-only {@link SeekableByteChannel}, read in 64 KiB blocks (the last
 * 64 blocks kept): what an HDF5 reader needs to walk a file's headers and chunk index with ranged
 * reads of any store (local, S3, HTTP, ...) instead of the whole file. A read never goes past
 * the size the store gave for the file (there it returns -1, as at the end of any channel), and
 * each block must come back whole (else a {@link StoreException}). jHDF reads it through
 * {@link BoundedHdfStorage}, which checks every structure's offset and length against that size
 * first.
 */
final class StoreChannel implements SeekableByteChannel {
  static final int BLOCK = 1 << 16;
  private static final int KEPT = 64;

  private final int block;

  private final Store store;
  private final String key;
  private final long size;
  private long position;
  private boolean open = true;
  private final Map<Long, byte[]> blocks = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, byte[]> e) {
      return size() > KEPT;
    }
  };

  StoreChannel(Store store, String key, long size) {
    this(store, key, size, BLOCK);
  }

  StoreChannel(Store store, String key, long size, int block) {
    this.block = block;
    this.store = store;
    this.key = key;
    this.size = size;
  }

  private byte[] block(long index) throws IOException {
    byte[] b = blocks.get(index);
    if (b == null) {
      long start = index * block;
      if (start < 0 || start >= size) {
        throw new IOException(key + ": offset " + start + " is outside the file (" + size + " bytes)");
      }
      int len = (int) Math.min(block, size - start);
      b = store.getRange(key, start, len);
      if (b == null || b.length < len) {
        throw new StoreException(key + ": short read at offset " + start + " (" + (b == null ? "no" : b.length)
            + " of " + len + " bytes: the file changed, or its store gives a wrong size)");
      }
      if (b.length > len) {
        b = Arrays.copyOf(b, len); // never past the size
      }
      blocks.put(index, b);
    }
    return b;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    if (position >= size) {
      return -1;
    }
    int n = 0;
    while (dst.hasRemaining() && position < size) {
      byte[] b = block(position / block);
      int in = (int) (position % block);
      int len = Math.min(dst.remaining(), b.length - in);
      dst.put(b, in, len);
      position += len;
      n += len;
    }
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public SeekableByteChannel position(long p) {
    if (p < 0) {
      throw new IllegalArgumentException("negative position " + p);
    }
    position = p;
    return this;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public SeekableByteChannel truncate(long s) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
    blocks.clear();
  }
}
