package org.zarrspark.core.codec.compress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.zip.CRC32C;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.WritableCodec;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;

/**
 * CRC-32C checksum: v3 "crc32c" (always 4 little-endian bytes after the data) and numcodecs
 * "crc32c" (same layout by default; its "location" field may move the checksum to the start).
 * Decoding verifies the checksum and strips it.
 */
public final class Crc32cCodec implements BytesCodec, WritableCodec {
  /** Its names and binding: v3 "crc32c", numcodecs "crc32c". */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes("crc32c", "crc32c", (config, context) -> fromJson(config));

  private final ChecksumLocation location;

  /** The v3 codec: checksum at the end. */
  public Crc32cCodec() {
    this(ChecksumLocation.END);
  }

  public Crc32cCodec(ChecksumLocation location) {
    this.location = location == null ? ChecksumLocation.END : location;
  }

  /** From the v3 configuration (none) or {"id": "crc32c", "location": "start"|"end"} (default end). */
  public static Crc32cCodec fromJson(JsonNode config) {
    JsonConfig.requireObject("crc32c", config);
    return new Crc32cCodec(ChecksumLocation.fromJson("crc32c", config, ChecksumLocation.END));
  }

  public ChecksumLocation location() {
    return location;
  }

  @Override
  public CodecType<?> type() {
    return TYPE;
  }

  /** v3 none (the checksum is always at the end there); v2 {"location"}. */
  @Override
  public ObjectNode configuration(int zarrFormat) {
    if (zarrFormat == 3 && location == ChecksumLocation.END) {
      return null;
    }
    return JsonNodeFactory.instance.objectNode().put("location", location.json());
  }

  /** CRC-32C of a byte range. */
  public static int checksum(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  @Override
  public String name() {
    return "crc32c";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    if (encoded.length < 4) {
      throw new TruncatedChunkException("crc32c data of " + encoded.length
          + " bytes is shorter than its 4-byte checksum");
    }
    int n = encoded.length - 4;
    if (n > maxDecodedSize) {
      throw new CorruptChunkException("crc32c payload of " + n + " bytes is more than the "
          + Math.max(0, maxDecodedSize) + " this chunk can hold");
    }
    int dataOff = location == ChecksumLocation.START ? 4 : 0;
    int sumOff = location == ChecksumLocation.START ? 0 : n;
    int stored = Bytes.le32(encoded, sumOff);
    int computed = checksum(encoded, dataOff, n);
    if (stored != computed) {
      throw new ChecksumMismatchException(String.format(
          "crc32c checksum mismatch: stored %08x, computed %08x over %d bytes", stored, computed, n));
    }
    byte[] out = new byte[n];
    System.arraycopy(encoded, dataOff, out, 0, n);
    return out;
  }

  @Override
  public byte[] encode(byte[] decoded) {
    byte[] out = new byte[decoded.length + 4];
    int dataOff = location == ChecksumLocation.START ? 4 : 0;
    System.arraycopy(decoded, 0, out, dataOff, decoded.length);
    Bytes.putLe32(out, location == ChecksumLocation.START ? 0 : decoded.length,
        checksum(decoded, 0, decoded.length));
    return out;
  }

  @Override
  public String toString() {
    return "Crc32cCodec(location=" + location.json() + ")";
  }
}
