package org.zarrspark.core.icechunk;

import com.google.flatbuffers.FlexBuffers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.zarrspark.core.error.IcechunkFormatException;

/**
 * JSON-like values stored in Icechunk files, as plain Java values: null, Boolean, Long (or
 * {@link java.math.BigInteger} above 2^63), Double, String, byte[] (blobs, msgpack binary and
 * extensions), {@code List<Object>} and {@code Map<String, Object>} (insertion ordered).
 * Spec 2 stores them as FlexBuffers (metadata values, the repository configuration), spec 1 as
 * MessagePack (metadata values). Decoding is bounded: nesting depth 64, and no more values than the
 * buffer has bytes (FlexBuffers may share a value between parents, which must not multiply work).
 */
public final class Values {
  static final int MAX_DEPTH = 64;

  private Values() {}

  /** A FlexBuffers value (spec 2 metadata values, the repo info's configuration). */
  public static Object fromFlexBuffer(byte[] bytes) {
    if (bytes.length < 3) {
      throw new IcechunkFormatException("a FlexBuffers value of " + bytes.length + " bytes is too short");
    }
    Budget budget = new Budget(Math.max(1024, bytes.length));
    try {
      return flex(FlexBuffers.getRoot(ByteBuffer.wrap(bytes)), 0, budget, bytes.length);
    } catch (IcechunkFormatException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new IcechunkFormatException("corrupt FlexBuffers value (" + e + ")", e);
    }
  }

  private static final class Budget {
    long left;

    Budget(long left) {
      this.left = left;
    }

    void take() {
      if (--left < 0) {
        throw new IcechunkFormatException("FlexBuffers value holds more values than its bytes allow");
      }
    }
  }

  private static Object flex(FlexBuffers.Reference r, int depth, Budget budget, int limit) {
    budget.take();
    if (depth > MAX_DEPTH) {
      throw new IcechunkFormatException("FlexBuffers value nested deeper than " + MAX_DEPTH);
    }
    if (r.isNull()) {
      return null;
    }
    if (r.isBoolean()) {
      return r.asBoolean();
    }
    if (r.isUInt()) {
      long v = r.asUInt();
      return v >= 0 ? (Object) v : new java.math.BigInteger(Long.toUnsignedString(v));
    }
    if (r.isInt()) {
      return r.asLong();
    }
    if (r.isFloat()) {
      return r.asFloat();
    }
    if (r.isString() || r.isKey()) {
      return r.asString();
    }
    if (r.isBlob()) {
      FlexBuffers.Blob b = r.asBlob();
      if (b.size() < 0 || b.size() > limit) {
        throw new IcechunkFormatException("FlexBuffers blob of " + b.size() + " bytes in a " + limit + "-byte value");
      }
      return b.getBytes();
    }
    if (r.isMap()) {
      FlexBuffers.Map m = r.asMap();
      int n = bounded(m.size(), limit);
      FlexBuffers.KeyVector keys = m.keys();
      FlexBuffers.Vector values = m.values();
      Map<String, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        out.put(keys.get(i).toString(), flex(values.get(i), depth + 1, budget, limit));
      }
      return out;
    }
    if (r.isVector() || r.isTypedVector()) {
      FlexBuffers.Vector v = r.asVector();
      int n = bounded(v.size(), limit);
      List<Object> out = new ArrayList<>(Math.min(n, 1024));
      for (int i = 0; i < n; i++) {
        out.add(flex(v.get(i), depth + 1, budget, limit));
      }
      return out;
    }
    throw new IcechunkFormatException("FlexBuffers value of unsupported type " + r.getType());
  }

  private static int bounded(int n, int limit) {
    if (n < 0 || n > limit) {
      throw new IcechunkFormatException("FlexBuffers container of " + n + " elements in a " + limit + "-byte value");
    }
    return n;
  }

  /** A MessagePack value (spec 1 metadata values). */
  public static Object fromMsgPack(byte[] bytes) {
    try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
      Object v = msgpack(u, 0, bytes.length);
      if (u.hasNext()) {
        throw new IcechunkFormatException("MessagePack value has trailing bytes");
      }
      return v;
    } catch (IcechunkFormatException e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      throw new IcechunkFormatException("corrupt MessagePack value (" + e + ")", e);
    }
  }

  private static Object msgpack(MessageUnpacker u, int depth, int total) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IcechunkFormatException("MessagePack value nested deeper than " + MAX_DEPTH);
    }
    MessageFormat f = u.getNextFormat();
    switch (f.getValueType()) {
      case NIL:
        u.unpackNil();
        return null;
      case BOOLEAN:
        return u.unpackBoolean();
      case INTEGER:
        if (f == MessageFormat.UINT64) {
          java.math.BigInteger b = u.unpackBigInteger();
          return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        return u.unpackLong();
      case FLOAT:
        return u.unpackDouble();
      case STRING: {
        int n = u.unpackRawStringHeader();
        return new String(payload(u, n, total), StandardCharsets.UTF_8);
      }
      case BINARY:
        return payload(u, u.unpackBinaryHeader(), total);
      case EXTENSION:
        return payload(u, u.unpackExtensionTypeHeader().getLength(), total);
      case ARRAY: {
        int n = u.unpackArrayHeader();
        remaining(u, n, total);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(msgpack(u, depth + 1, total));
        }
        return out;
      }
      case MAP: {
        int n = u.unpackMapHeader();
        remaining(u, 2L * n, total);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          Object k = msgpack(u, depth + 1, total);
          out.put(String.valueOf(k), msgpack(u, depth + 1, total));
        }
        return out;
      }
      default:
        throw new IcechunkFormatException("MessagePack value of unknown format " + f);
    }
  }

  private static void remaining(MessageUnpacker u, long n, int total) {
    if (n < 0 || n > total - u.getTotalReadBytes()) {
      throw new IcechunkFormatException("MessagePack value claims " + n + " bytes or elements, more than the "
          + (total - u.getTotalReadBytes()) + " bytes left");
    }
  }

  private static byte[] payload(MessageUnpacker u, int n, int total) throws IOException {
    remaining(u, n, total);
    return u.readPayload(n);
  }
}
