package org.zarrspark.spark.write;

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

/**
 * The part of one chunk (every data variable over the chunk's box) that the rows of one input
 * partition fill: dense buffers that start as the fill value, and which cells were given. Built
 * on the map side and shuffled to the chunk's owner, where the parts of a chunk are merged and
 * written: a chunk travels as its values, not as rows. On the wire a part is dense (the cells
 * given as a bitmap, then every buffer) or, when few cells are given, sparse (their indexes and
 * values only), so that a partition touching many chunks lightly does not ship empty chunks.
 */
final class PartialChunk implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Below one cell given in this many, a part travels sparse. */
  private static final int SPARSE_BELOW = 8;

  long chunk;
  private transient DatasetLayout layout;
  private transient long[] origin;
  private transient int[] shape;
  private transient int cells;
  private transient BlockBuilder[] values;
  private transient BitSet given;
  private transient int count;

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

  /** Adds a placed row (position per dimension, then the data variables) at position {@code pos}. */
  void add(InternalRow r, long[] pos) {
    int i = BlockBuilder.index(pos, origin, shape);
    if (given.get(i)) {
      throw duplicate(i);
    }
    given.set(i);
    count++;
    for (int v = 0; v < values.length; v++) {
      RowValues.set(layout.vars.get(v), block(v), i, r, PlacedRows.variableOrdinal(layout, v));
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

  // ---- wire format ----

  /** What a part read from the shuffle holds until {@link #in} gives it its layout. */
  private transient Wire wire;

  private record Wire(int[] cellsGiven, BitSet given, Object[] buffers) {
    void restore(PartialChunk p) {
      if (given != null) {
        p.given = given;
        p.count = given.cardinality();
        for (int v = 0; v < buffers.length; v++) {
          org.zarrspark.core.dtype.DataType t = p.layout.varDocs.get(v).metadata().dataType();
          NdBuffer b = buffers[v] instanceof byte[] bytes ? NdBuffer.wrap(t, p.shape, bytes)
              : NdBuffer.wrapObjects(t, p.shape, (Object[]) buffers[v]);
          p.values[v] = new BlockBuilder(b);
        }
        return;
      }
      p.count = cellsGiven.length;
      for (int c : cellsGiven) {
        p.given.set(c);
      }
      for (int v = 0; v < buffers.length; v++) {
        NdBuffer b = p.values(v);
        if (buffers[v] instanceof byte[] bytes) {
          int item = b.type().itemSize();
          for (int k = 0; k < cellsGiven.length; k++) {
            System.arraycopy(bytes, k * item, b.bytes(), cellsGiven[k] * item, item);
          }
        } else {
          Object[] o = (Object[]) buffers[v];
          for (int k = 0; k < cellsGiven.length; k++) {
            b.objects()[cellsGiven[k]] = o[k];
          }
        }
      }
    }
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.writeLong(chunk);
    boolean sparse = (long) count * SPARSE_BELOW < cells;
    out.writeBoolean(sparse);
    out.writeInt(values.length);
    int[] list = null;
    if (sparse) {
      list = new int[count];
      int k = 0;
      for (int i = given.nextSetBit(0); i >= 0; i = given.nextSetBit(i + 1)) {
        list[k++] = i;
      }
      out.writeObject(list);
    } else {
      out.writeObject(given.toLongArray());
    }
    for (int v = 0; v < values.length; v++) {
      NdBuffer b = values(v);
      if (b.objects() == null) {
        int item = b.type().itemSize();
        if (sparse) {
          byte[] packed = new byte[list.length * item];
          for (int k = 0; k < list.length; k++) {
            System.arraycopy(b.bytes(), list[k] * item, packed, k * item, item);
          }
          out.writeObject(packed);
        } else {
          out.writeObject(b.bytes());
        }
      } else if (sparse) {
        Object[] packed = new Object[list.length];
        for (int k = 0; k < list.length; k++) {
          packed[k] = b.objects()[list[k]];
        }
        out.writeObject(packed);
      } else {
        out.writeObject(b.objects());
      }
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    chunk = in.readLong();
    boolean sparse = in.readBoolean();
    int nv = in.readInt();
    int[] list = sparse ? (int[]) in.readObject() : null;
    BitSet bits = sparse ? null : BitSet.valueOf((long[]) in.readObject());
    Object[] buffers = new Object[nv];
    for (int v = 0; v < nv; v++) {
      buffers[v] = in.readObject();
    }
    wire = new Wire(list, bits, buffers);
  }
}
