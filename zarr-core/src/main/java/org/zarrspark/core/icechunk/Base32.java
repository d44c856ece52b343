package org.zarrspark.core.icechunk;

import org.zarrspark.core.error.IcechunkFormatException;

/**
 * Crockford base32 as Icechunk writes ids: uppercase, no padding, bits taken most significant
 * first, zero bits appended on the right when the input is not a multiple of 5 bits (12 bytes → 20
 * characters, 8 bytes → 13). Decoding accepts lowercase and Crockford's aliases (O → 0, I and L →
 * 1) and refuses anything else, a wrong length, and non-zero padding bits.
 */
public final class Base32 {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final int[] VALUES = new int[128];

  static {
    java.util.Arrays.fill(VALUES, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      VALUES[ALPHABET[i]] = i;
      VALUES[Character.toLowerCase(ALPHABET[i])] = i;
    }
    VALUES['O'] = 0;
    VALUES['o'] = 0;
    VALUES['I'] = 1;
    VALUES['i'] = 1;
    VALUES['L'] = 1;
    VALUES['l'] = 1;
  }

  private Base32() {}

  /** Number of characters the encoding of {@code bytes} bytes has. */
  public static int encodedLength(int bytes) {
    return (bytes * 8 + 4) / 5;
  }

  public static String encode(byte[] bytes) {
    StringBuilder sb = new StringBuilder(encodedLength(bytes.length));
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        sb.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(ALPHABET[(buffer << (5 - bits)) & 31]);
    }
    return sb.toString();
  }

  /** Decodes exactly {@code byteLength} bytes; anything else is an {@link IcechunkFormatException}. */
  public static byte[] decode(String text, int byteLength) {
    if (text == null || text.length() != encodedLength(byteLength)) {
      throw new IcechunkFormatException("'" + text + "' is not an id of " + byteLength + " bytes (expected "
          + encodedLength(byteLength) + " characters of Crockford base32)");
    }
    byte[] out = new byte[byteLength];
    int buffer = 0;
    int bits = 0;
    int pos = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int v = c < 128 ? VALUES[c] : -1;
      if (v < 0) {
        throw new IcechunkFormatException("'" + text + "' is not an id: '" + c + "' is not a Crockford base32 digit");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out[pos++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
      buffer &= (1 << bits) - 1;
    }
    if (buffer != 0) {
      throw new IcechunkFormatException("'" + text + "' is not a canonical id (its padding bits are not zero)");
    }
    return out;
  }
}
