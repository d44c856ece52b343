package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.compress.JsonConfig;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;

/**
 * numcodecs "fletcher32": the HDF5/netCDF Fletcher-32 of the data, over big-endian 16-bit words
 * (an odd last byte counts as a word with a zero low byte), appended as 4 little-endian bytes.
 */
public final class Fletcher32 implements BytesCodec {
  /** Its names and binding: numcodecs "fletcher32" (v3 "numcodecs.fletcher32"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "fletcher32", (config, context) -> fromJson(config));

  public Fletcher32() {}

  /** From {"id": "fletcher32"}. */
  public static Fletcher32 fromJson(JsonNode config) {
    JsonConfig.requireObject("fletcher32", config);
    return new Fletcher32();
  }

  /** The checksum of {@code data[off..off+len)} as numcodecs (and H5checksum.c) computes it. */
  public static int checksum(byte[] data, int off, int len) {
    int sum1 = 0;
    int sum2 = 0;
    int words = len / 2;
    int p = off;
    while (words > 0) {
      int tlen = Math.min(words, 360);
      words -= tlen;
      do {
        sum1 += ((data[p] & 0xFF) << 8) | (data[p + 1] & 0xFF);
        p += 2;
        sum2 += sum1;
      } while (--tlen > 0);
      sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
      sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
    }
    if ((len & 1) != 0) {
      sum1 += (data[p] & 0xFF) << 8;
      sum2 += sum1;
      sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
      sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
    }
    sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
    sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
    return (sum2 << 16) | sum1;
  }

  @Override
  public String name() {
    return "fletcher32";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    if (encoded.length < 4) {
      throw new TruncatedChunkException("codec fletcher32: " + encoded.length
          + " bytes are too short to contain the 4-byte checksum");
    }
    int n = encoded.length - 4;
    if (n > maxDecodedSize) {
      throw new CorruptChunkException("codec fletcher32: payload of " + n + " bytes is more than the "
          + Math.max(0, maxDecodedSize) + " this chunk can hold");
    }
    int stored = Checksums.le32(encoded, n);
    int computed = checksum(encoded, 0, n);
    if (stored != computed) {
      throw new ChecksumMismatchException(String.format(
          "fletcher32 checksum mismatch: stored %08x, computed %08x", stored, computed));
    }
    byte[] out = new byte[n];
    System.arraycopy(encoded, 0, out, 0, n);
    return out;
  }

  @Override
  public byte[] encode(byte[] decoded) {
    byte[] out = new byte[decoded.length + 4];
    System.arraycopy(decoded, 0, out, 0, decoded.length);
    Checksums.putLe32(out, decoded.length, checksum(decoded, 0, decoded.length));
    return out;
  }

  @Override
  public String toString() {
    return "Fletcher32()";
  }
}
