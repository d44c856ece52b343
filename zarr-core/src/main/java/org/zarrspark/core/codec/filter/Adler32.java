package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.compress.ChecksumLocation;
import org.zarrspark.core.codec.compress.JsonConfig;

/**
 * numcodecs "adler32" (a Checksum32 codec): the Adler-32 (zlib.adler32, starting value 1) of the data as 4 little-endian bytes at
 * the start of the buffer (numcodecs' default) or, with {"location": "end"}, at its end. Decoding
 * verifies and strips it.
 */
public final class Adler32 implements BytesCodec {
  /** Its names and binding: numcodecs "adler32" (v3 "numcodecs.adler32"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "adler32", (config, context) -> fromJson(config));

  private final ChecksumLocation location;

  public Adler32() {
    this(ChecksumLocation.START);
  }

  public Adler32(ChecksumLocation location) {
    this.location = location == null ? ChecksumLocation.START : location;
  }

  /** From {"id": "adler32"} or {"id": "adler32", "location": "start"|"end"}. */
  public static Adler32 fromJson(JsonNode config) {
    JsonConfig.requireObject("adler32", config);
    return new Adler32(ChecksumLocation.fromJson("adler32", config, ChecksumLocation.START));
  }

  public ChecksumLocation location() {
    return location;
  }

  @Override
  public String name() {
    return "adler32";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    return Checksums.decode("adler32", java.util.zip.Adler32::new, location, encoded, maxDecodedSize);
  }

  @Override
  public byte[] encode(byte[] decoded) {
    return Checksums.encode(java.util.zip.Adler32::new, location, decoded);
  }

  @Override
  public String toString() {
    return "Adler32(location=" + location.json() + ")";
  }
}
