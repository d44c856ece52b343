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

  /** For Kryo, which fills the part in {@link #read}. */
  private PartialChunk() {}

  /** An empty part of a chunk, every buffer at its fill value. */
  PartialChunk(DatasetLayout l, long chunk) {
    this.chunk = chunk;
    init(l);
  }

  private void init(DatasetLayout l) {
    this.layout = l;
    this.origin = l.grid.boxOrigin(chunk);
    this.shape = l.grid.boxShape(chunk);
    this.cells = NdBuffer.elementCount(shape);
    this.given = new BitSet();
    this.values = new BlockBuilder[l.vars.size()];
  }

  private BlockBuilder block(int v) {
    BlockBuilder b = values[v];
    if (b == null) {
      ArrayMetadata m = layout.varDocs.get(v).metadata();
      b = new BlockBuilder(m.dataType(), shape, m.fillValue());
      values[v] = b;
    }
    return b;
  }

  private NdBuffer values(int v) {
    return block(v).build();
  }

  /** Bytes this part holds in memory (for the map side's budget). */
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
    given.set(i);
    count++;
    for (int v = 0; v < values.length; v++) {
      WriteColumn c = layout.vars.get(v);
      RowValues.set(c, block(v), i, r, c.field);
    }
  }

  /** Merges another part of the same chunk into this one. */
  void merge(PartialChunk o) {
    for (int i = o.given.nextSetBit(0); i >= 0; i = o.given.nextSetBit(i + 1)) {
      if (given.get(i)) {
        throw duplicate(i);
      }
    }
    for (int v = 0; v < values.length; v++) {
      NdBuffer src = o.values(v);
      NdBuffer dst = values(v);
      int item = src.type().itemSize();
      for (int i = o.given.nextSetBit(0); i >= 0; i = o.given.nextSetBit(i + 1)) {
        if (src.objects() != null) {
          dst.objects()[i] = src.objects()[i];
        } else {
          System.arraycopy(src.bytes(), i * item, dst.bytes(), i * item, item);
        }
      }
    }
    given.or(o.given);
    count += o.count;
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
      int given = 0;
      for (int k = 1; k < runs.length; k += 2) {
        given += runs[k];
      }
      p.count = given;
      for (int k = 0; k < runs.length; k += 2) {
        p.given.set(runs[k], runs[k] + runs[k + 1]);
      }
      boolean whole = runs.length == 2 && runs[0] == 0 && runs[1] == p.cells;
      for (int v = 0; v < buffers.length; v++) {
        org.zarrspark.core.dtype.DataType t = p.layout.varDocs.get(v).metadata().dataType();
        if (whole) {
          // Every cell given: the values are the chunk's buffer as it is.
          NdBuffer b = buffers[v] instanceof byte[] bytes ? NdBuffer.wrap(t, p.shape, bytes)
              : NdBuffer.wrapObjects(t, p.shape, (Object[]) buffers[v]);
          p.values[v] = new BlockBuilder(b);
          continue;
        }
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
      if (b.objects() == null) {
        int item = b.type().itemSize();
        byte[] packed = new byte[count * item];
        int at = 0;
        for (int k = 0; k < runs.length; k += 2) {
          System.arraycopy(b.bytes(), runs[k] * item, packed, at, runs[k + 1] * item);
          at += runs[k + 1] * item;
        }
        out.writeUnshared(packed);
      } else {
        Object[] packed = new Object[count];
        int at = 0;
        for (int k = 0; k < runs.length; k += 2) {
          System.arraycopy(b.objects(), runs[k], packed, at, runs[k + 1]);
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
