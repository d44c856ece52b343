package org.zarrspark.core.codec;

import org.zarrspark.core.dtype.DataType;

/** The sub-byte integers (int2/int4/uint2/uint4) held one per byte: the value in the low bits, extended. */
final class SubByteInts {
  private SubByteInts() {}

  static boolean is(DataType t) {
    return t.isInteger() && t.bits() < 8;
  }

  /** The value of the low {@code bits} of {@code raw}, sign-extended for signed types, as an int. */
  static int extend(int raw, int bits, boolean signed) {
    int shift = 32 - bits;
    return signed ? (raw << shift) >> shift : (raw << shift) >>> shift;
  }

  /**
   * Rewrites each byte from its low bits (the registry: "the upper bits are ignored" on read), so
   * that the bytes in memory are the int8 / uint8 values of the elements.
   */
  static void normalize(byte[] b, DataType t) {
    int bits = t.bits();
    boolean signed = t.kind() == DataType.Kind.INT;
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) extend(b[i], bits, signed);
    }
  }
}
