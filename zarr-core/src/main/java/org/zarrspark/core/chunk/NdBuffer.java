package org.zarrspark.core.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.TooLargeException;

/**
 * A dense n-dimensional block of elements in C order. Fixed-size elements live in one
 * little-endian byte array (ready for bulk copies into column vectors); variable-length strings
 * in an Object array. No boxing per element on the hot path.
 */
public final class NdBuffer {
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

  private final DataType type;
  private final int[] shape;
  private final int size;
  private final byte[] bytes;
  private final Object[] objects;

  private NdBuffer(DataType type, int[] shape, byte[] bytes, Object[] objects) {
    this.type = type;
    this.shape = shape;
    this.size = elementCount(shape);
    this.bytes = bytes;
    this.objects = objects;
  }

  /** Number of elements of a shape; fails when it does not fit a Java array. */
  public static int elementCount(int[] shape) {
    long n = 1;
    for (int s : shape) {
      n *= s;
      if (n > Integer.MAX_VALUE - 8) {
        throw new TooLargeException("a block of shape " + Arrays.toString(shape)
            + " has more elements than one buffer can hold");
      }
    }
    return (int) n;
  }

  /** Size in bytes of a fixed-size block, checked against the Java array limit. */
  public static int byteCount(DataType type, int[] shape) {
    long n = (long) elementCount(shape) * type.itemSize();
    if (n > Integer.MAX_VALUE - 8) {
      throw new TooLargeException("a block of shape " + Arrays.toString(shape) + " of " + type
          + " needs " + n + " bytes, more than one buffer can hold");
    }
    return (int) n;
  }

  /** A zeroed buffer. */
  public static NdBuffer allocate(DataType type, int[] shape) {
    if (type.isVariableLength()) {
      Object[] o = new Object[elementCount(shape)];
      Arrays.fill(o, emptyValue(type));
      return new NdBuffer(type, shape.clone(), null, o);
    }
    return new NdBuffer(type, shape.clone(), new byte[byteCount(type, shape)], null);
  }

  /** Wraps little-endian element bytes (not copied). */
  public static NdBuffer wrap(DataType type, int[] shape, byte[] bytes) {
    if (bytes.length != byteCount(type, shape)) {
      throw new IllegalArgumentException("buffer of " + bytes.length + " bytes for shape "
          + Arrays.toString(shape) + " of " + type);
    }
    return new NdBuffer(type, shape.clone(), bytes, null);
  }

  /** Wraps strings (not copied). */
  public static NdBuffer wrapObjects(DataType type, int[] shape, Object[] objects) {
    if (objects.length != elementCount(shape)) {
      throw new IllegalArgumentException("object buffer of " + objects.length + " for shape "
          + Arrays.toString(shape));
    }
    return new NdBuffer(type, shape.clone(), null, objects);
  }

  /** A buffer filled with one element value ({@code fill} = little-endian bytes or a String). */
  public static NdBuffer filled(DataType type, int[] shape, Object fill) {
    NdBuffer b = allocate(type, shape);
    b.fill(fill);
    return b;
  }

  /** Sets every element to {@code fill} (element bytes, a String, or null for zeros). */
  public void fill(Object fill) {
    if (objects != null) {
      Arrays.fill(objects, fill == null ? emptyValue(type) : fill);
      return;
    }
    if (fill == null) {
      Arrays.fill(bytes, (byte) 0);
      return;
    }
    byte[] f = (byte[]) fill;
    boolean zero = true;
    for (byte x : f) {
      zero &= x == 0;
    }
    if (zero) {
      Arrays.fill(bytes, (byte) 0);
      return;
    }
    int item = f.length;
    if (bytes.length == 0) {
      return;
    }
    System.arraycopy(f, 0, bytes, 0, Math.min(item, bytes.length));
    // Doubling copies: log2(n) arraycopy calls instead of one per element.
    for (int filled = item; filled < bytes.length; filled *= 2) {
      System.arraycopy(bytes, 0, bytes, filled, Math.min(filled, bytes.length - filled));
    }
  }

  /** The empty element of a variable-length type: "" for text, no bytes for byte strings. */
  private static Object emptyValue(DataType type) {
    return type.kind() == DataType.Kind.VLEN_BYTES ? EMPTY_BYTES : "";
  }

  private static final byte[] EMPTY_BYTES = new byte[0];

  public DataType type() {
    return type;
  }

  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public int size() {
    return size;
  }

  /** The little-endian element bytes (shared, not a copy); null for strings. */
  public byte[] bytes() {
    return bytes;
  }

  /** The string elements (shared); null for fixed-size types. */
  public Object[] objects() {
    return objects;
  }

  public boolean getBoolean(int i) {
    return bytes[i] != 0;
  }

  public byte getByte(int i) {
    return bytes[i];
  }

  public short getShort(int i) {
    return (short) SHORT.get(bytes, i << 1);
  }

  public int getInt(int i) {
    return (int) INT.get(bytes, i << 2);
  }

  public long getLong(int i) {
    return (long) LONG.get(bytes, i << 3);
  }

  public float getFloat(int i) {
    return (float) FLOAT.get(bytes, i << 2);
  }

  public double getDouble(int i) {
    return (double) DOUBLE.get(bytes, i << 3);
  }

  /** Element i as the widest Java number of its kind (unsigned 64-bit as its raw long bits). */
  public double getAsDouble(int i) {
    switch (type.kind()) {
      case BOOL:
        return bytes[i] != 0 ? 1 : 0;
      case FLOAT:
        switch (type.itemSize()) {
          case 2: return Float16.toFloat(getShort(i));
          case 4: return getFloat(i);
          default: return getDouble(i);
        }
      case NARROW_FLOAT:
        return type.narrowFloat().toFloat(type.itemSize() == 1 ? bytes[i] : getShort(i));
      case UINT:
        switch (type.itemSize()) {
          case 1: return bytes[i] & 0xff;
          case 2: return getShort(i) & 0xffff;
          case 4: return getInt(i) & 0xffffffffL;
          default: {
            long v = getLong(i);
            return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
          }
        }
      default:
        return getAsLong(i);
    }
  }

  /** Element i of an integer, bool or time type, sign- or zero-extended to 64 bits. */
  public long getAsLong(int i) {
    boolean unsigned = type.kind() == DataType.Kind.UINT || type.kind() == DataType.Kind.BOOL;
    switch (type.itemSize()) {
      case 1: return unsigned ? bytes[i] & 0xff : bytes[i];
      case 2: return unsigned ? getShort(i) & 0xffff : getShort(i);
      case 4: return unsigned ? getInt(i) & 0xffffffffL : getInt(i);
      default: return getLong(i);
    }
  }

  public String getString(int i) {
    return (String) objects[i];
  }

  /** A NARROW_FLOAT element widened to float32 (exact). */
  public float getNarrowFloat(int i) {
    return type.narrowFloat().toFloat(type.itemSize() == 1 ? bytes[i] : getShort(i));
  }

  /** Copies of the raw element bytes (for BYTES/UNICODE/COMPLEX/STRUCT elements, and VLEN_BYTES values). */
  public byte[] getElementBytes(int i) {
    if (objects != null) {
      return objects[i] instanceof byte[] b ? b.clone() : ((String) objects[i]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    int item = type.itemSize();
    return Arrays.copyOfRange(bytes, i * item, (i + 1) * item);
  }
}
