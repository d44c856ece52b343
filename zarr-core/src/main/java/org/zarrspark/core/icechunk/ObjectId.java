package org.zarrspark.core.icechunk;

import java.util.Arrays;

/**
 * An Icechunk object id: 12 bytes for snapshots, manifests and chunks ({@code ObjectId12}), 8 bytes
 * for nodes ({@code ObjectId8}). Immutable; {@link #toString} is the Crockford base32 form used in
 * keys ({@code snapshots/1CECHNKREP0F1RSTCMT0}); ordered by unsigned bytes, as manifests sort them.
 */
public final class ObjectId implements Comparable<ObjectId> {
  /** The id of the first snapshot of repositories created by icechunk 2.x. */
  public static final ObjectId INITIAL_SNAPSHOT = parse12("1CECHNKREP0F1RSTCMT0");

  private final byte[] bytes;
  private final String text;

  private ObjectId(byte[] bytes) {
    this.bytes = bytes;
    this.text = Base32.encode(bytes);
  }

  /** An id of these bytes (copied); 8 or 12 of them. */
  public static ObjectId of(byte[] bytes) {
    if (bytes.length != 8 && bytes.length != 12) {
      throw new IllegalArgumentException("an object id has 8 or 12 bytes, not " + bytes.length);
    }
    return new ObjectId(bytes.clone());
  }

  static ObjectId wrap(byte[] bytes) {
    return new ObjectId(bytes);
  }

  /** A 12-byte id from its 20 characters (snapshot, manifest, chunk ids). */
  public static ObjectId parse12(String text) {
    return new ObjectId(Base32.decode(text, 12));
  }

  /** An 8-byte id from its 13 characters (node ids). */
  public static ObjectId parse8(String text) {
    return new ObjectId(Base32.decode(text, 8));
  }

  /** True when {@code text} is a well-formed 12-byte id. */
  public static boolean isId12(String text) {
    try {
      Base32.decode(text, 12);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public int compareTo(ObjectId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectId && Arrays.equals(bytes, ((ObjectId) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return text;
  }
}
