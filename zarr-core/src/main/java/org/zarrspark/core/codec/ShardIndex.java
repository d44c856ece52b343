package org.zarrspark.core.codec;

import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptShardException;
import org.zarrspark.core.error.ZarrException;

/** The decoded index of one shard: (offset, length) of each inner chunk, or empty. */
public final class ShardIndex {
  /** Offset and length of an inner chunk that is not stored (all bits set). */
  public static final long EMPTY = -1L;

  private final long[] entries;

  private ShardIndex(long[] entries) {
    this.entries = entries;
  }

  public int count() {
    return entries.length / 2;
  }

  public boolean isEmpty(int chunk) {
    return entries[2 * chunk] == EMPTY && entries[2 * chunk + 1] == EMPTY;
  }

  public long offset(int chunk) {
    return entries[2 * chunk];
  }

  public long length(int chunk) {
    return entries[2 * chunk + 1];
  }

  /**
   * Decodes index bytes and checks every entry against the shard: offsets and lengths inside
   * {@code [dataStart, dataEnd)} of a shard of {@code shardSize} bytes.
   */
  public static ShardIndex decode(byte[] bytes, CodecPipeline codecs, int[] chunksPerShard,
      long shardSize) {
    int[] shape = new int[chunksPerShard.length + 1];
    System.arraycopy(chunksPerShard, 0, shape, 0, chunksPerShard.length);
    shape[chunksPerShard.length] = 2;
    NdBuffer nd;
    try {
      nd = codecs.decode(bytes, DataType.UINT64, shape, null);
    } catch (CorruptShardException e) {
      throw e;
    } catch (ZarrException e) {
      if (e.kind().equals("checksum-mismatch")) {
        throw e;
      }
      throw new CorruptShardException("unreadable shard index: " + e.detail(), e);
    }
    long[] entries = new long[nd.size()];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = nd.getLong(i);
    }
    for (int c = 0; c < entries.length / 2; c++) {
      long off = entries[2 * c];
      long len = entries[2 * c + 1];
      if (off == EMPTY && len == EMPTY) {
        continue;
      }
      if (off < 0 || len < 0 || off > shardSize || len > shardSize - off) {
        throw new CorruptShardException("shard index entry " + c + " (offset " + Long.toUnsignedString(off)
            + ", length " + Long.toUnsignedString(len) + ") points outside the shard of " + shardSize + " bytes");
      }
    }
    return new ShardIndex(entries);
  }

  /** Builds an index from offsets and lengths (EMPTY for missing chunks). */
  public static byte[] encode(long[] entries, CodecPipeline codecs, int[] chunksPerShard) {
    int[] shape = new int[chunksPerShard.length + 1];
    System.arraycopy(chunksPerShard, 0, shape, 0, chunksPerShard.length);
    shape[chunksPerShard.length] = 2;
    byte[] b = new byte[entries.length * 8];
    for (int i = 0; i < entries.length; i++) {
      long v = entries[i];
      for (int k = 0; k < 8; k++) {
        b[i * 8 + k] = (byte) (v >>> (8 * k));
      }
    }
    return codecs.encode(NdBuffer.wrap(DataType.UINT64, shape, b), null);
  }
}
