package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.compress.ChecksumLocation;
import org.zarrspark.core.codec.compress.JsonConfig;

/**
 * numcodecs "crc32" (a Checksum32 codec): the CRC-32 (zlib.crc32) of the data as 4 little-endian bytes at
 * the start of the buffer (numcodecs' default) or, with {"location": "end"}, at its end. Decoding
 * verifies and strips it.
 */
public final class Crc32 implements BytesCodec {
  /** Its names and binding: numcodecs "crc32" (v3 "numcodecs.crc32"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "crc32", (config, context) -> fromJson(config));

  private final ChecksumLocation location;

  public Crc32() {
    this(ChecksumLocation.START);
  }

  public Crc32(ChecksumLocation location) {
    this.location = location == null ? ChecksumLocation.START : location;
  }

  /** From {"id": "crc32"} or {"id": "crc32", "location": "start"|"end"}. */
  public static Crc32 fromJson(JsonNode config) {
    JsonConfig.requireObject("crc32", config);
    return new Crc32(ChecksumLocation.fromJson("crc32", config, ChecksumLocation.START));
  }

  public ChecksumLocation location() {
    return location;
  }

  @Override
  public String name() {
    return "crc32";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    return Checksums.decode("crc32", java.util.zip.CRC32::new, location, encoded, maxDecodedSize);
  }

  @Override
  public byte[] encode(byte[] decoded) {
    return Checksums.encode(java.util.zip.CRC32::new, location, decoded);
  }

  @Override
  public String toString() {
    return "Crc32(location=" + location.json() + ")";
  }
}
