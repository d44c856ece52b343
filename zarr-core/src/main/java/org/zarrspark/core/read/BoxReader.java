package org.zarrspark.core.read;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.core.chunk.GridWalk;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.chunk.Strides;
import org.zarrspark.core.codec.DecodeBuffers;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.ZarrException;

/**
 * Reads boxes of arrays for one reader (one thread): each chunk a box meets is fetched and decoded
 * once, and a chunk that cannot be read either fails the read or is flagged in the result's mask,
 * as the {@link FailurePolicy} says. A box inside one chunk comes back as that chunk's decoded
 * buffer; the reader's {@link ShardIndexCache} lets boxes of one shard fetch its index once.
 */
public final class BoxReader {
  private static final byte[] ONE = {1};

  private final FailurePolicy policy;
  private final ShardIndexCache indexes;
  /** Arrays this reader decodes chunks into, given back by {@link #recycle}. */
  private final DecodeBuffers buffers = new DecodeBuffers();

  /** {@code indexes} may be null: every box then fetches its shards' indexes itself. */
  public BoxReader(FailurePolicy policy, ShardIndexCache indexes) {
    this.policy = policy;
    this.indexes = indexes;
  }

  /** The box {@code origin + shape} of {@code array}. */
  public BoxResult read(ZarrArray array, long[] origin, int[] shape) {
    LongAdder decoded = new LongAdder();
    ChunkGrid cs = array.chunkGrid();
    if (policy == FailurePolicy.FAIL_FAST && insideOneChunk(origin, shape, cs)) {
      // The usual box is one chunk: its decoded buffer as it is, no copy. (Marking needs a box of
      // its own, where an unreadable chunk's elements are left as they were allocated.)
      NdBuffer one = array.readChunkBox(chunkOf(origin, cs), offsetIn(origin, cs), shape, decoded, indexes, buffers);
      return new BoxResult(one, null, decoded.sum(), List.of());
    }
    NdBuffer out = NdBuffer.allocate(array.metadata().dataType(), shape);
    Unreadable marks = new Unreadable(shape);
    GridWalk.forEach(origin, shape, cs, (chunk, inChunk, inBox, extent) -> {
      try {
        array.readChunkBoxInto(chunk, inChunk, extent, out, inBox, decoded, buffers);
      } catch (ZarrException e) {
        if (policy == FailurePolicy.FAIL_FAST) {
          throw e;
        }
        marks.add(e, inBox, extent);
      }
    });
    return new BoxResult(out, marks.mask, decoded.sum(), marks.failures);
  }

  /**
   * Gives back the data of a box this reader returned, once nothing reads it any more: its array
   * may then hold the next chunk decoded (only arrays a decode took are reused).
   */
  public void recycle(NdBuffer data) {
    if (data != null && data.objects() == null) {
      buffers.give(data.bytes());
    }
  }

  /** The unreadable chunks of one box: mask and errors, allocated at the first failure. */
  private static final class Unreadable {
    private final int[] boxShape;
    NdBuffer mask;
    List<ZarrException> failures = List.of();

    Unreadable(int[] boxShape) {
      this.boxShape = boxShape;
    }

    void add(ZarrException e, int[] inBox, int[] extent) {
      if (mask == null) {
        mask = NdBuffer.allocate(DataType.BOOL, boxShape);
        failures = new ArrayList<>();
      }
      failures.add(e);
      Strides.copyBox(NdBuffer.filled(DataType.BOOL, extent, ONE), new int[extent.length], mask, inBox, extent);
    }
  }

  static boolean insideOneChunk(long[] o, int[] s, ChunkGrid cs) {
    for (int i = 0; i < o.length; i++) {
      if (s[i] == 0 || cs.indexOf(i, o[i]) != cs.indexOf(i, o[i] + s[i] - 1)) {
        return false;
      }
    }
    return true;
  }

  private static long[] chunkOf(long[] o, ChunkGrid cs) {
    long[] c = new long[o.length];
    for (int i = 0; i < o.length; i++) {
      c[i] = cs.indexOf(i, o[i]);
    }
    return c;
  }

  private static int[] offsetIn(long[] o, ChunkGrid cs) {
    int[] r = new int[o.length];
    for (int i = 0; i < o.length; i++) {
      r[i] = (int) (o[i] - cs.start(i, cs.indexOf(i, o[i])));
    }
    return r;
  }
}
