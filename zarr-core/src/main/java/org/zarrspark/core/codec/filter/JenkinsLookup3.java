package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.compress.JsonConfig;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TruncatedChunkException;

/**
 * numcodecs "jenkins_lookup3": Bob Jenkins' lookup3 {@code hashlittle} (as in HDF5's H5checksum.c)
 * of {@code prefix + data}, seeded with {@code initval}, appended to the data as 4 little-endian
 * bytes. Unlike crc32/adler32 the place is fixed (the end) and there is no "location" field.
 */
public final class JenkinsLookup3 implements BytesCodec {
  /** Its names and binding: numcodecs "jenkins_lookup3" (v3 "numcodecs.jenkins_lookup3"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "jenkins_lookup3", (config, context) -> fromJson(config));

  private final int initval;
  private final byte[] prefix;

  public JenkinsLookup3() {
    this(0, null);
  }

  /** {@code initval} is an unsigned 32-bit seed; {@code prefix} (may be null) is hashed before the data. */
  public JenkinsLookup3(int initval, byte[] prefix) {
    this.initval = initval;
    this.prefix = prefix == null ? new byte[0] : prefix.clone();
  }

  /**
   * From {"id": "jenkins_lookup3", "initval": 0, "prefix": null}. numcodecs keeps the prefix as a
   * uint8 array, so a non-null prefix is read as a JSON list of byte values 0..255.
   */
  public static JenkinsLookup3 fromJson(JsonNode config) {
    String c = "jenkins_lookup3";
    JsonConfig.requireObject(c, config);
    long seed = JsonConfig.longField(c, config, "initval", 0);
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new InvalidMetadataException("codec " + c + ": initval " + seed + " is not an unsigned 32-bit value");
    }
    return new JenkinsLookup3((int) seed, prefix(config.get("prefix")));
  }

  private static byte[] prefix(JsonNode p) {
    if (p == null || p.isNull()) {
      return null;
    }
    if (!p.isArray()) {
      throw new InvalidMetadataException("codec jenkins_lookup3: prefix must be null or a list of byte values, got "
          + p);
    }
    byte[] out = new byte[p.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = p.get(i);
      if (!v.isIntegralNumber() || v.longValue() < 0 || v.longValue() > 255) {
        throw new InvalidMetadataException("codec jenkins_lookup3: prefix " + p + " must hold integers 0..255");
      }
      out[i] = (byte) v.intValue();
    }
    return out;
  }

  public int initval() {
    return initval;
  }

  public byte[] prefix() {
    return prefix.clone();
  }

  /**
   * lookup3 {@code hashlittle} of {@code k[off..off+len)} seeded with {@code seed}. Words are put
   * together byte by byte, so neither alignment nor host byte order matters.
   */
  public static int hash(int seed, byte[] k, int off, int len) {
    int a = 0xdeadbeef + len + seed;
    int b = a;
    int c = a;
    if (len == 0) {
      return c; // hashlittle returns the seeded state for an empty key, without the final mix
    }
    int p = off;
    int rest = len;
    while (rest > 12) { // every block but the last is mixed; the last one (1..12 bytes) goes to the final mix
      a += le32(k, p);
      b += le32(k, p + 4);
      c += le32(k, p + 8);
      a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
      b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
      c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
      a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
      b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
      c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
      p += 12;
      rest -= 12;
    }
    byte[] last = new byte[12]; // zero-padded, so the missing bytes add nothing
    System.arraycopy(k, p, last, 0, rest);
    a += le32(last, 0);
    b += le32(last, 4);
    c += le32(last, 8);
    c ^= b; c -= Integer.rotateLeft(b, 14);
    a ^= c; a -= Integer.rotateLeft(c, 11);
    b ^= a; b -= Integer.rotateLeft(a, 25);
    c ^= b; c -= Integer.rotateLeft(b, 16);
    a ^= c; a -= Integer.rotateLeft(c, 4);
    b ^= a; b -= Integer.rotateLeft(a, 14);
    c ^= b; c -= Integer.rotateLeft(b, 24);
    return c;
  }

  private static int le32(byte[] k, int p) {
    return Checksums.le32(k, p);
  }

  /** The checksum numcodecs stores: the hash of prefix + data (copied together only when there is a prefix). */
  private int checksum(byte[] data, int len) {
    if (prefix.length == 0) {
      return hash(initval, data, 0, len);
    }
    byte[] joined = new byte[prefix.length + len];
    System.arraycopy(prefix, 0, joined, 0, prefix.length);
    System.arraycopy(data, 0, joined, prefix.length, len);
    return hash(initval, joined, 0, joined.length);
  }

  @Override
  public String name() {
    return "jenkins_lookup3";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    if (encoded.length < 4) {
      throw new TruncatedChunkException("codec jenkins_lookup3: " + encoded.length
          + " bytes are too short to contain the 4-byte checksum");
    }
    int n = encoded.length - 4;
    if (n > maxDecodedSize) {
      throw new CorruptChunkException("codec jenkins_lookup3: payload of " + n + " bytes is more than the "
          + Math.max(0, maxDecodedSize) + " this chunk can hold");
    }
    int stored = Checksums.le32(encoded, n);
    int computed = checksum(encoded, n);
    if (stored != computed) {
      throw new ChecksumMismatchException(String.format(
          "jenkins_lookup3 checksum mismatch: stored %08x, computed %08x", stored, computed));
    }
    return Arrays.copyOf(encoded, n);
  }

  @Override
  public byte[] encode(byte[] decoded) {
    byte[] out = Arrays.copyOf(decoded, decoded.length + 4);
    Checksums.putLe32(out, decoded.length, checksum(decoded, decoded.length));
    return out;
  }

  @Override
  public String toString() {
    return "JenkinsLookup3(initval=" + Integer.toUnsignedString(initval) + ", prefix=" + prefix.length + " bytes)";
  }
}
