package org.zarrspark.spark.write;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.BitSet;
import org.apache.spark.sql.catalyst.InternalRow;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.write.BlockBuilder;
import org.zarrspark.spark.util.JavaSerialized;

/**
 * The part of one chunk (every data variable over the chunk's box) that the rows of one input
 * partition fill: dense buffers that start as the fill value, and which cells were given. Built
 * on the map side and shuffled to the chunk's owner, where the parts of a chunk are merged and
 * written: a chunk travels as its values, not as rows. On the wire a part is the runs of cells
 * it was given and their values only (a time slab of a chunk is one run), so that a partition
 * touching many chunks in part ships no fill values.
 */
final class PartialChunk implements Serializable, KryoSerializable {
  private static final long serialVersionUID = 1L;

  long chunk;
  private transient DatasetLayout layout;
  private transient long[] origin;
  private transient int[] shape;
  private transient int cells;
  private transient BlockBuilder[] values;
  private transient BitSet given;
  private transient int count;
  /**
   * Whether the buffers cover the whole chunk: a part read from the shuffle does, as the chunk
   * written from it must. A part built map-side ships only its given cells, so its buffers cover
   * only the window its rows reach (a shard-sized part that a partition touches in one slab would
   * otherwise allocate and fill the whole shard for nothing).
   */
  private transient boolean filled;
  /**
   * Map side: the buffers hold the chunk's cells {@code [lo, lo + span)} only, grown by doubling as
   * rows come in any order (a partition's slab of a shard costs about the slab, not the shard).
   */
  private transient int lo;
  private transient int span;

  /** For Kryo, which fills the part in {@link #read}. */
  private PartialChunk() {}

  /** An empty part of a chunk, every buffer at its fill value. */
  PartialChunk(DatasetLayout l, long chunk) {
    this.chunk = chunk;
    init(l);
    this.filled = false;
  }

  private void init(DatasetLayout l) {
    this.layout = l;
    this.origin = l.grid.boxOrigin(chunk);
    this.shape = l.grid.boxShape(chunk);
    this.cells = NdBuffer.elementCount(shape);
    this.given = new BitSet();
    this.values = new BlockBuilder[l.vars.size()];
    this.filled = true;
  }

  private BlockBuilder block(int v) {
    BlockBuilder b = values[v];
    if (b == null) {
      ArrayMetadata m = layout.varDocs.get(v).metadata();
      // A NULL leaves its cell at the fill value: map-side windows start filled too.
      b = filled ? new BlockBuilder(m.dataType(), shape, m.fillValue())
          : new BlockBuilder(NdBuffer.filled(m.dataType(), new int[] {span}, m.fillValue()), lo);
      values[v] = b;
    }
    return b;
  }

  private NdBuffer values(int v) {
    return block(v).build();
  }

  /** The element of the chunk a part's buffers start at (map side: its window). */
  private int base() {
    return filled ? 0 : lo;
  }

  /** Grows the map side's window to cell {@code i}: doubling, so rows in order copy little. */
  private void cover(int i) {
    if (span > 0 && i >= lo && i < lo + span) {
      return;
    }
    long newLo;
    long newHi;
    if (span == 0) {
      newLo = i;
      newHi = Math.min(cells, (long) i + Math.max(4096, cells / 64));
    } else if (i >= lo + span) {
      newLo = lo;
      newHi = Math.min(cells, Math.max(i + 1L, lo + 2L * span));
    } else {
      newLo = Math.max(0, Math.min(i, lo + span - 2L * span));
      newHi = lo + span;
    }
    for (int v = 0; v < values.length; v++) {
      if (values[v] == null) {
        continue;
      }
      NdBuffer old = values[v].build();
      NdBuffer grown = NdBuffer.filled(old.type(), new int[] {(int) (newHi - newLo)},
          layout.varDocs.get(v).metadata().fillValue());
      int at = (int) (lo - newLo);
      if (old.objects() != null) {
        System.arraycopy(old.objects(), 0, grown.objects(), at, span);
      } else {
        int item = old.type().itemSize();
        System.arraycopy(old.bytes(), 0, grown.bytes(), at * item, span * item);
      }
      values[v] = new BlockBuilder(grown, (int) newLo);
    }
    lo = (int) newLo;
    span = (int) (newHi - newLo);
  }

  /** Bytes this part may hold in memory, at most (for the map side's budget). */
  long memoryBytes() {
    long n = cells / 8 + 64;
    for (int v = 0; v < values.length; v++) {
      n += (long) cells * layout.varDocs.get(v).metadata().dataType().itemSize();
    }
    return n;
  }

  /** Adds a row of the input (its data variables) at grid position {@code pos}. */
  void add(InternalRow r, long[] pos) {
    int i = BlockBuilder.index(pos, origin, shape);
    if (given.get(i)) {
      throw duplicate(i);
    }
    if (!filled) {
      cover(i);
    }
    given.set(i);
    count++;
    for (int v = 0; v < values.length; v++) {
      WriteColumn c = layout.vars.get(v);
      RowValues.set(c, block(v), i, r, c.field);
    }
  }

  /**
   * Merges another part of the same chunk, as read from the shuffle, into this one: its runs of
   * cells are copied from the wire straight into this part's buffers (one chunk-sized buffer per
   * chunk and variable on the reduce side, however many parts it has), then the other part is
   * emptied.
   */
  void merge(PartialChunk o) {
    int[] runs = o.wire.runs();
    for (int k = 0; k < runs.length; k += 2) {
      int first = given.nextSetBit(runs[k]);
      if (first >= 0 && first < runs[k] + runs[k + 1]) {
        throw duplicate(first);
      }
    }
    o.wire.copyInto(this);
    o.wire = null;
  }

  /**
   * Drops the buffers of a part that has been merged or written. Java serialization keeps the
   * objects it read until its stream resets (every 100 objects), so a reduce task would otherwise
   * hold up to 100 chunk-sized parts per stream.
   */
  void release() {
    values = null;
    given = null;
  }

  /** Writes the chunk of every data variable. */
  void write(Store store) {
    for (int v = 0; v < values.length; v++) {
      layout.varDocs.get(v).writer(store).write(origin, values(v));
    }
  }

  /** Places a part read from the shuffle in its layout (the wire carries only the chunk's values). */
  PartialChunk in(DatasetLayout l) {
    if (layout == null) {
      Wire w = wire;
      init(l);
      w.restore(this);
      wire = null;
    }
    return this;
  }

  private WriteInputException duplicate(int cell) {
    long rest = cell;
    long[] p = new long[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      p[d] = origin[d] + rest % shape[d];
      rest /= shape[d];
    }
    return new WriteInputException("two rows have the same grid point " + RowValues.describe(layout, p)
        + ": a grid point holds one value per variable");
  }

  // ---- wire format: the runs of given cells, then each variable's values in those runs ----

  /** What a part read from the shuffle holds until {@link #in} gives it its layout. */
  private transient Wire wire;

  /** Runs as (start, length) pairs, and per variable the packed values of the cells in them. */
  private record Wire(int[] runs, Object[] buffers) {
    void restore(PartialChunk p) {
      boolean whole = runs.length == 2 && runs[0] == 0 && runs[1] == p.cells;
      if (!whole) {
        copyInto(p);
        return;
      }
      p.count = p.cells;
      p.given.set(0, p.cells);
      for (int v = 0; v < buffers.length; v++) {
        org.zarrspark.core.dtype.DataType t = p.layout.varDocs.get(v).metadata().dataType();
        // Every cell given: the values are the chunk's buffer as it is.
        NdBuffer b = buffers[v] instanceof byte[] bytes ? NdBuffer.wrap(t, p.shape, bytes)
            : NdBuffer.wrapObjects(t, p.shape, (Object[]) buffers[v]);
        p.values[v] = new BlockBuilder(b);
      }
    }

    /** Adds these runs' cells and values to part {@code p} (whose buffers they must not overlap). */
    void copyInto(PartialChunk p) {
      for (int k = 0; k < runs.length; k += 2) {
        p.given.set(runs[k], runs[k] + runs[k + 1]);
        p.count += runs[k + 1];
      }
      for (int v = 0; v < buffers.length; v++) {
        org.zarrspark.core.dtype.DataType t = p.layout.varDocs.get(v).metadata().dataType();
        NdBuffer b = p.values(v);
        int at = 0;
        for (int k = 0; k < runs.length; k += 2) {
          if (buffers[v] instanceof byte[] bytes) {
            int item = t.itemSize();
            System.arraycopy(bytes, at * item, b.bytes(), runs[k] * item, runs[k + 1] * item);
          } else {
            System.arraycopy((Object[]) buffers[v], at, b.objects(), runs[k], runs[k + 1]);
          }
          at += runs[k + 1];
        }
      }
    }
  }

  /** The given cells as (start, length) runs: a slab of a chunk is one run, a whole chunk one. */
  private int[] runs() {
    int[] out = new int[16];
    int n = 0;
    for (int i = given.nextSetBit(0); i >= 0; ) {
      int end = given.nextClearBit(i);
      if (n + 2 > out.length) {
        out = java.util.Arrays.copyOf(out, out.length * 2);
      }
      out[n++] = i;
      out[n++] = end - i;
      i = end >= cells ? -1 : given.nextSetBit(end);
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.writeLong(chunk);
    out.writeInt(values.length);
    int[] runs = runs();
    out.writeUnshared(runs);
    for (int v = 0; v < values.length; v++) {
      NdBuffer b = values(v);
      boolean whole = runs.length == 2 && runs[1] == cells;
      if (whole) {
        out.writeUnshared(b.objects() == null ? b.bytes() : b.objects());
        continue;
      }
      int base = base();
      if (b.objects() == null) {
        int item = b.type().itemSize();
        byte[] packed = new byte[count * item];
        int at = 0;
        for (int k = 0; k < runs.length; k += 2) {
          System.arraycopy(b.bytes(), (runs[k] - base) * item, packed, at, runs[k + 1] * item);
          at += runs[k + 1] * item;
        }
        out.writeUnshared(packed);
      } else {
        Object[] packed = new Object[count];
        int at = 0;
        for (int k = 0; k < runs.length; k += 2) {
          System.arraycopy(b.objects(), runs[k] - base, packed, at, runs[k + 1]);
          at += runs[k + 1];
        }
        out.writeUnshared(packed);
      }
    }
    // A part is written once, to the shuffle, and never used again; but Java serialization keeps
    // every object it wrote (until it resets, every 100 objects per stream), and a map task's
    // streams would so hold all its parts' chunk-sized buffers: at 10x the bench's size that was
    // an OutOfMemoryError. The buffers go now, and the arrays above were written unshared.
    release();
  }

  /** Under Kryo (a cluster's spark.serializer) the part travels in its Java form, length first. */
  @Override
  public void write(Kryo kryo, Output output) {
    byte[] b = JavaSerialized.bytes(this);
    output.writeInt(b.length);
    output.writeBytes(b);
  }

  @Override
  public void read(Kryo kryo, Input input) {
    PartialChunk p = (PartialChunk) JavaSerialized.object(input.readBytes(input.readInt()));
    chunk = p.chunk;
    wire = p.wire;
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    chunk = in.readLong();
    int nv = in.readInt();
    int[] runs = (int[]) in.readUnshared();
    Object[] buffers = new Object[nv];
    for (int v = 0; v < nv; v++) {
      buffers[v] = in.readUnshared();
    }
    wire = new Wire(runs, buffers);
  }
}
