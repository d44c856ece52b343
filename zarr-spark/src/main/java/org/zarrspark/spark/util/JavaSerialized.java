package org.zarrspark.spark.util;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * A value that crosses Spark's data serializer (broadcasts, task results, shuffle records) in
 * Java serialization whatever that serializer is. Clusters often set
 * {@code spark.serializer=KryoSerializer}, and Kryo's field serializer cannot make Java records,
 * nor keep what {@code writeObject} methods write: wrapped, the value is written as Java
 * serialization's bytes, length first, under either serializer.
 */
public final class JavaSerialized<T extends Serializable> implements Serializable, KryoSerializable {
  private static final long serialVersionUID = 1L;

  private T value;

  /** For Kryo, which fills the value in {@link #read}. */
  private JavaSerialized() {}

  public JavaSerialized(T value) {
    this.value = value;
  }

  public T get() {
    return value;
  }

  @Override
  public void write(Kryo kryo, Output output) {
    byte[] b = bytes(value);
    output.writeInt(b.length);
    output.writeBytes(b);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void read(Kryo kryo, Input input) {
    value = (T) object(input.readBytes(input.readInt()));
  }

  /** Java serialization's bytes of a value. */
  public static byte[] bytes(Serializable v) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The value of {@link #bytes}, its classes found as Spark finds a task's (the context loader). */
  public static Object object(byte[] b) {
    try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(b))) {
      return in.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("cannot read a serialized value: " + e.getMessage(), e);
    }
  }

  /** Resolves classes with the thread's context loader (an executor's, holding the connector jar). */
  private static final class ContextObjectInputStream extends ObjectInputStream {
    ContextObjectInputStream(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      if (cl != null) {
        try {
          return Class.forName(desc.getName(), false, cl);
        } catch (ClassNotFoundException e) {
          // fall back to the default lookup (primitives, the connector's own loader)
        }
      }
      return super.resolveClass(desc);
    }
  }
}
