package org.zarrspark.core.refs;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.exceptions.HdfException;
import io.jhdf.nio.FileChannelFromSeekableByteChannel;
import io.jhdf.storage.HdfBackingStorage;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.zarrspark.core.codec.CodecPipeline;
import org.zarrspark.core.error.InvalidReferencesException;
import org.zarrspark.core.error.TooLargeException;

/**
 * jHDF's access to one file of a store ({@link StoreChannel}), with every read checked before a
 * buffer is allocated: jHDF believes the sizes in a file's headers (it allocates the buffer for a
 * read first, and reads past the end by re-reading the same bytes until the buffer is full), so a
 * damaged header could make it allocate and fill gigabytes.
 *
 * <ul>
 *   <li>a read must lie inside the file, and may not exceed {@link CodecPipeline#MAX_CHUNK_BYTES};
 *   <li>all reads of one file together may not exceed {@link #budget(long)} (a few times its size):
 *       B-tree nodes, heaps or headers that point back at one another are otherwise walked without
 *       end, each visit adding its chunks or children again;
 *   <li>the counts in the headers of chunk indexes, v2 B-trees and fractal heaps, which jHDF
 *       pre-sizes its lists with, must fit in the file (checked as such a header is read).
 * </ul>
 *
 * <p>The caller closes the channel. Errors are {@link InvalidReferencesException} (or
 * {@link TooLargeException}) without a location; jHDF may wrap them, {@link Hdf5References} finds
 * them in the causes and names the file.
 */
final class BoundedHdfStorage extends HdfFileChannel {
  private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final Constructor<HdfFile> IN_STORAGE;

  static {
    try {
      // HdfFile's constructor over a given storage (used by jHDF for in-memory files)
      IN_STORAGE = HdfFile.class.getDeclaredConstructor(HdfBackingStorage.class);
      IN_STORAGE.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final StoreChannel channel;
  private final long size;
  private final long base;
  private final long budget;
  private long read;

  private BoundedHdfStorage(FileChannel fc, Superblock sb, StoreChannel channel) {
    super(fc, sb);
    this.channel = channel;
    this.size = channel.size();
    this.base = sb.getBaseAddressByte();
    this.budget = budget(size);
  }

  /** What jHDF may read of a file of {@code size} bytes in all: its metadata a few times over. */
  static long budget(long size) {
    return 4 * size + (4 << 20);
  }

  /** Opens the file of a channel as jHDF's {@link HdfFile}, reading through a bounded storage. */
  static HdfFile open(StoreChannel channel) {
    FileChannel fc = new FileChannelFromSeekableByteChannel(channel);
    long offset = -1;
    // the superblock is at 0, 512, 1024, 2048, ... (after a user block), as jHDF looks for it
    for (long at = 0; at < channel.size(); at = at == 0 ? 512 : at * 2) {
      if (signatureAt(channel, at)) {
        offset = at;
        break;
      }
    }
    if (offset < 0) {
      throw new HdfException("No valid HDF5 signature found");
    }
    Superblock sb = Superblock.readSuperblock(fc, offset);
    if (sb.getBaseAddressByte() != offset) {
      throw new HdfException("Invalid superblock base address detected");
    }
    try {
      return IN_STORAGE.newInstance(new BoundedHdfStorage(fc, sb, channel));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new HdfException("Failed to open the file", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean signatureAt(StoreChannel channel, long at) {
    if (channel.size() - at < HDF5_SIGNATURE.length) {
      return false;
    }
    ByteBuffer b = ByteBuffer.allocate(HDF5_SIGNATURE.length);
    try {
      channel.position(at);
      while (b.hasRemaining() && channel.read(b) > 0) {
        // fill
      }
    } catch (IOException e) {
      throw new HdfException("Failed to read from address: " + at, e);
    }
    return Arrays.equals(HDF5_SIGNATURE, b.array());
  }

  /**
   * As jHDF's in-memory files: {@link HdfFile#close()} leaves the channel to its owner (it would
   * otherwise ask for a path this file does not have), and no external file is opened from it.
   */
  @Override
  public boolean inMemory() {
    return true;
  }

  @Override
  public ByteBuffer readBufferFromAddress(long address, int length) {
    return readNoOffset(withBase(address), length);
  }

  @Override
  public ByteBuffer map(long address, long length) {
    return readNoOffset(withBase(address), length);
  }

  /** An address in the file after its user block; an undefined (-1) or wrapping one stays negative. */
  private long withBase(long address) {
    return address < 0 || address > Long.MAX_VALUE - base ? -1 : address + base;
  }

  @Override
  public ByteBuffer mapNoOffset(long address, long length) {
    return readNoOffset(address, length);
  }

  @Override
  public ByteBuffer mapNoOffset(long address, long length, FileChannel.MapMode mode) {
    return readNoOffset(address, length);
  }

  /** How a damaged or cut-off file's errors begin: what the file is not (a cut-off file fails here first). */
  private static final String UNREADABLE = "not a readable NetCDF-4 / HDF5 file: ";

  private synchronized ByteBuffer readNoOffset(long address, long length) {
    if (address < 0 || length < 0) {
      throw new InvalidReferencesException(UNREADABLE + "a header or index claims " + length + " bytes at "
          + (address < 0 ? "an undefined offset" : "offset " + address) + " of the file (" + size + " bytes)");
    }
    if (address > size || length > size - address) {
      throw new InvalidReferencesException(UNREADABLE + "a header or index claims " + length + " bytes at offset "
          + address + ", past the end of the file (" + size + " bytes)");
    }
    if (length > CodecPipeline.MAX_CHUNK_BYTES) {
      throw new TooLargeException("a header or index of " + length + " bytes at offset " + address
          + " is larger than zarr.maxChunkBytes (" + CodecPipeline.MAX_CHUNK_BYTES + ")");
    }
    read += length;
    if (read > budget) {
      throw new InvalidReferencesException("reading the headers and chunk indexes took more than " + budget
          + " bytes of reads for a file of " + size + " bytes: its B-tree nodes, heaps or headers point back at one"
          + " another");
    }
    ByteBuffer bb = ByteBuffer.allocate((int) length);
    try {
      while (bb.hasRemaining()) {
        channel.position(address + bb.position());
        if (channel.read(bb) <= 0) {
          throw new IOException("no bytes at offset " + (address + bb.position()));
        }
      }
    } catch (IOException e) {
      throw new HdfException("Failed to read " + length + " bytes at address " + address, e);
    }
    bb.order(ByteOrder.LITTLE_ENDIAN);
    bb.flip();
    checkCounts(bb, address);
    return bb;
  }

  /**
   * The counts jHDF sizes lists with, in headers it reads whole: a fixed array's entries
   * ({@code FAHD}), an extensible array's elements ({@code EAHD}), a v2 B-tree's records
   * ({@code BTHD}), a fractal heap's root indirect block ({@code FRHP}). Each is stored in the file
   * (entries, records, block addresses), so each must fit in it.
   */
  private void checkCounts(ByteBuffer bb, long address) {
    if (bb.remaining() < 8) {
      return;
    }
    int so = getSizeOfOffsets();
    int sl = getSizeOfLengths();
    String sig = new String(bb.array(), 0, 4, StandardCharsets.US_ASCII);
    switch (sig) {
      case "FAHD" -> {
        // signature, version, client id, entry size, page bits, max entries (a length), data block address
        if (bb.remaining() >= 8 + sl) {
          fits("fixed array", unsigned(bb, 8, sl), bb.get(6) & 0xff, address);
        }
      }
      case "EAHD" -> {
        // signature, version, client id, element size, 5 one-byte parameters; then 6 lengths: secondary
        // blocks, their size, data blocks, their size, max index set, elements
        if (bb.remaining() >= 12 + 6 * sl) {
          int element = bb.get(6) & 0xff;
          fits("extensible array", unsigned(bb, 12, sl), so, address);
          fits("extensible array", unsigned(bb, 12 + 4 * sl, sl), element, address);
          fits("extensible array", unsigned(bb, 12 + 5 * sl, sl), element, address);
        }
      }
      case "BTHD" -> {
        // signature, version, type, node size (4), record size (2), depth (2), split, merge,
        // root address, records in root (2), records in the tree (a length)
        int at = 16 + so + 2;
        if (bb.remaining() >= at + sl) {
          fits("v2 B-tree", unsigned(bb, at, sl), bb.getShort(10) & 0xffff, address);
        }
      }
      case "FRHP" -> {
        // table width after 14 bytes, 10 lengths and 2 offsets; the root's current rows after 2 more
        // lengths, 2 + 2 bytes and an offset
        int width = 14 + 10 * sl + 2 * so;
        int rows = width + 2 + 2 * sl + 4 + so;
        if (bb.remaining() >= rows + 2) {
          long w = bb.getShort(width) & 0xffff;
          long r = bb.getShort(rows) & 0xffff;
          fits("fractal heap", w * r, so, address);
        }
      }
      default -> {
        // no count to check
      }
    }
  }

  private void fits(String what, long count, int bytesEach, long address) {
    long each = Math.max(1, bytesEach);
    if (count < 0 || count > size / each) {
      throw new InvalidReferencesException("the " + what + " at offset " + address + " claims "
          + Long.toUnsignedString(count) + " entries of " + each + " bytes, more than the file holds (" + size + " bytes)");
    }
  }

  private static long unsigned(ByteBuffer bb, int at, int length) {
    long v = 0;
    for (int i = length - 1; i >= 0; i--) {
      v = v << 8 | bb.get(at + i) & 0xff;
    }
    return v;
  }
}
