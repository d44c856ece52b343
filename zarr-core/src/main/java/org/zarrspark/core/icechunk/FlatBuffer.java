package org.zarrspark.core.icechunk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.zarrspark.core.error.IcechunkFormatException;

/**
 * A read-only, bounds-checked view of one flatbuffer (little-endian): tables through their vtables,
 * scalars, strings, byte vectors, inline structs and vectors of tables or structs. flatbuffers-java
 * has no verifier, and these buffers come from repositories written by strangers, so every offset is
 * checked against the buffer before it is followed and every vector length against the bytes that
 * remain: a corrupt buffer fails with an {@link IcechunkFormatException}, never an index error, and
 * nothing is allocated beyond what the buffer holds.
 *
 * <p>Fields are addressed by their slot: the 0-based field number in the schema, counting a union
 * as two (its type, then its value). Positions are absolute byte positions in the buffer; 0 means
 * "absent" for tables and vectors (position 0 is the root offset, never a table or vector).
 */
public final class FlatBuffer {
  private final byte[] data;
  private final String what;

  public FlatBuffer(byte[] data, String what) {
    this.data = data;
    this.what = what;
  }

  public int size() {
    return data.length;
  }

  /** The buffer's file identifier (bytes 4-8), or null when the buffer is too short. */
  public String identifier() {
    return data.length >= 8 ? new String(data, 4, 4, StandardCharsets.ISO_8859_1) : null;
  }

  IcechunkFormatException corrupt(String detail) {
    return new IcechunkFormatException("corrupt Icechunk " + what + " file: " + detail);
  }

  private void check(long pos, long len) {
    if (pos < 0 || len < 0 || pos + len > data.length) {
      throw corrupt("a field at byte " + pos + " of " + len + " bytes leaves the " + data.length + "-byte flatbuffer");
    }
  }

  private int rawU8(int pos) {
    check(pos, 1);
    return data[pos] & 0xFF;
  }

  private int rawU16(int pos) {
    check(pos, 2);
    return (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
  }

  private int rawI32(int pos) {
    check(pos, 4);
    return (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16 | (data[pos + 3] & 0xFF) << 24;
  }

  private long rawU64(int pos) {
    check(pos, 8);
    return (rawI32(pos) & 0xFFFFFFFFL) | ((long) rawI32(pos + 4)) << 32;
  }

  /** Follows the unsigned 32-bit offset stored at {@code pos}. */
  private int follow(int pos) {
    long target = pos + (rawI32(pos) & 0xFFFFFFFFL);
    if (target <= 0 || target >= data.length) {
      throw corrupt("an offset at byte " + pos + " points to " + target + ", outside the " + data.length
          + "-byte flatbuffer");
    }
    return (int) target;
  }

  /** The root table. */
  public int root() {
    if (data.length < 8) {
      throw corrupt("the flatbuffer has " + data.length + " bytes, too few for a root table");
    }
    int t = follow(0);
    checkTable(t);
    return t;
  }

  private int vtable(int table) {
    long vt = (long) table - rawI32(table);
    if (vt < 0 || vt + 4 > data.length) {
      throw corrupt("the table at byte " + table + " has its vtable outside the flatbuffer");
    }
    return (int) vt;
  }

  private void checkTable(int table) {
    int vt = vtable(table);
    int vtSize = rawU16(vt);
    int tableSize = rawU16(vt + 2);
    if (vtSize < 4 || (vtSize & 1) != 0) {
      throw corrupt("the table at byte " + table + " has a vtable of " + vtSize + " bytes");
    }
    check(vt, vtSize);
    check(table, Math.max(4, tableSize));
  }

  /** Absolute position of field {@code slot} of {@code table}, or 0 when the field is absent. */
  public int field(int table, int slot) {
    int vt = vtable(table);
    int vtSize = rawU16(vt);
    int entry = 4 + 2 * slot;
    if (entry + 2 > vtSize) {
      return 0;
    }
    int off = rawU16(vt + entry);
    if (off == 0) {
      return 0;
    }
    int tableSize = rawU16(vt + 2);
    if (off >= tableSize) {
      throw corrupt("field " + slot + " of the table at byte " + table + " lies outside its " + tableSize + " bytes");
    }
    return table + off;
  }

  public boolean has(int table, int slot) {
    return field(table, slot) != 0;
  }

  public int u8(int table, int slot, int dflt) {
    int p = field(table, slot);
    return p == 0 ? dflt : rawU8(p);
  }

  public int u16(int table, int slot, int dflt) {
    int p = field(table, slot);
    return p == 0 ? dflt : rawU16(p);
  }

  public int i32(int table, int slot, int dflt) {
    int p = field(table, slot);
    return p == 0 ? dflt : rawI32(p);
  }

  public long u32(int table, int slot, long dflt) {
    int p = field(table, slot);
    return p == 0 ? dflt : rawI32(p) & 0xFFFFFFFFL;
  }

  /** An unsigned 64-bit field as a Java long (values above 2^63 come out negative). */
  public long u64(int table, int slot, long dflt) {
    int p = field(table, slot);
    return p == 0 ? dflt : rawU64(p);
  }

  /** The table a field refers to, or 0 when absent. */
  public int table(int table, int slot) {
    int p = field(table, slot);
    if (p == 0) {
      return 0;
    }
    int t = follow(p);
    checkTable(t);
    return t;
  }

  /** The vector a field refers to (position of its length word), or 0 when absent. */
  public int vector(int table, int slot) {
    int p = field(table, slot);
    return p == 0 ? 0 : follow(p);
  }

  /** Number of elements of the vector at {@code vec}, checked against the bytes that follow it. */
  public int length(int vec, int elementSize) {
    long n = rawI32(vec) & 0xFFFFFFFFL;
    if (n * elementSize > data.length - (long) vec - 4) {
      throw corrupt("a vector at byte " + vec + " claims " + n + " elements of " + elementSize
          + " bytes, more than the flatbuffer holds");
    }
    return (int) n;
  }

  /** Element {@code i} of a vector of tables. */
  public int tableAt(int vec, int i) {
    int t = follow(vec + 4 + 4 * i);
    checkTable(t);
    return t;
  }

  /** Position of element {@code i} of a vector of structs (or scalars) of {@code size} bytes. */
  public int structAt(int vec, int i, int size) {
    int p = vec + 4 + i * size;
    check(p, size);
    return p;
  }

  public int u8At(int pos) {
    return rawU8(pos);
  }

  public int u16At(int pos) {
    return rawU16(pos);
  }

  public long u32At(int pos) {
    return rawI32(pos) & 0xFFFFFFFFL;
  }

  public long u64At(int pos) {
    return rawU64(pos);
  }

  /** {@code n} bytes from {@code pos}. */
  public byte[] bytesAt(int pos, int n) {
    check(pos, n);
    return Arrays.copyOfRange(data, pos, pos + n);
  }

  /** Compares {@code n} bytes at {@code pos} with {@code other}, unsigned. */
  public int compareBytes(int pos, byte[] other) {
    check(pos, other.length);
    return Arrays.compareUnsigned(data, pos, pos + other.length, other, 0, other.length);
  }

  /** A [ubyte] field, or null when absent. */
  public byte[] bytes(int table, int slot) {
    int vec = vector(table, slot);
    if (vec == 0) {
      return null;
    }
    return bytesAt(vec + 4, length(vec, 1));
  }

  /** A string field (UTF-8), or null when absent. */
  public String string(int table, int slot) {
    int vec = vector(table, slot);
    return vec == 0 ? null : stringAt(vec);
  }

  /** The string whose length word is at {@code vec}. */
  public String stringAt(int vec) {
    int n = length(vec, 1);
    check(vec + 4, n);
    return new String(data, vec + 4, n, StandardCharsets.UTF_8);
  }

  /** Element {@code i} of a vector of strings. */
  public String stringAt(int vec, int i) {
    return stringAt(follow(vec + 4 + 4 * i));
  }

  /** An inline struct field of {@code size} bytes (an id), or null when absent. */
  public byte[] struct(int table, int slot, int size) {
    int p = field(table, slot);
    return p == 0 ? null : bytesAt(p, size);
  }

  /** An ObjectId12 / ObjectId8 struct field, or null when absent. */
  public ObjectId id(int table, int slot, int size) {
    byte[] b = struct(table, slot, size);
    return b == null ? null : ObjectId.wrap(b);
  }

  /** A field the schema marks required: its absence is corruption. */
  public ObjectId requiredId(int table, int slot, int size, String name) {
    ObjectId id = id(table, slot, size);
    if (id == null) {
      throw corrupt("required field '" + name + "' is missing");
    }
    return id;
  }

  public String requiredString(int table, int slot, String name) {
    String s = string(table, slot);
    if (s == null) {
      throw corrupt("required field '" + name + "' is missing");
    }
    return s;
  }

  public int requiredVector(int table, int slot, String name) {
    int v = vector(table, slot);
    if (v == 0) {
      throw corrupt("required field '" + name + "' is missing");
    }
    return v;
  }

  public int requiredTable(int table, int slot, String name) {
    int t = table(table, slot);
    if (t == 0) {
      throw corrupt("required field '" + name + "' is missing");
    }
    return t;
  }
}
