package org.zarrspark.core.codec.compress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.WritableCodec;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TruncatedChunkException;

/**
 * gzip (RFC 1952): v3 "gzip" and numcodecs "gzip". Decoding accepts several members and trailing
 * zero padding (like Python's gzip module that numcodecs uses), checks each member's CRC-32 and
 * length, and stops once the output passes {@code maxDecodedSize}.
 */
public final class GzipCodec implements BytesCodec, WritableCodec {
  /** Its names and binding: v3 "gzip", numcodecs "gzip". */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes("gzip", "gzip", (config, context) -> fromJson(config)).writable(GzipCodec::forWriter);
  /** The level a writer uses when none is asked for. */
  public static final int WRITER_LEVEL = 5;

  /** numcodecs' default level. */
  public static final int DEFAULT_LEVEL = 1;

  private static final int FTEXT = 1;
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  private final int level;

  /** @param level -1 (zlib default) or 0..9 */
  public GzipCodec(int level) {
    if (level < -1 || level > 9) {
      throw new InvalidMetadataException("codec gzip: level " + level + " is outside -1..9");
    }
    this.level = level;
  }

  /** From {"id": "gzip", "level": n} (v2) or the v3 configuration {"level": n}; level defaults to 1. */
  public static GzipCodec fromJson(JsonNode config) {
    JsonConfig.requireObject("gzip", config);
    return new GzipCodec(JsonConfig.intField("gzip", config, "level", DEFAULT_LEVEL));
  }

  public int level() {
    return level;
  }

  private static WritableCodec forWriter(Integer level, int typesize, int zarrFormat) {
    return new GzipCodec(level != null ? level : WRITER_LEVEL);
  }

  @Override
  public CodecType<?> type() {
    return TYPE;
  }

  /** {"level": n} in both formats. */
  @Override
  public ObjectNode configuration(int zarrFormat) {
    return JsonNodeFactory.instance.objectNode().put("level", level);
  }

  @Override
  public String name() {
    return "gzip";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    if (encoded.length == 0) {
      throw new TruncatedChunkException("gzip data is empty");
    }
    Bytes out = new Bytes(Bytes.initialGuess(encoded.length), maxDecodedSize);
    int pos = 0;
    int members = 0;
    while (pos < encoded.length) {
      if (members > 0) {
        if (allZero(encoded, pos)) {
          break; // zero padding after the last member is allowed
        }
        if (encoded.length - pos < 2 || (encoded[pos] & 0xFF) != 0x1f || (encoded[pos + 1] & 0xFF) != 0x8b) {
          throw new CorruptChunkException("gzip data has " + (encoded.length - pos)
              + " bytes of garbage after member " + members);
        }
      }
      pos = skipHeader(encoded, pos);
      int start = out.size();
      Inflater inf = new Inflater(true);
      int remaining;
      try {
        remaining = Deflate.inflate("gzip", inf, encoded, pos, encoded.length - pos, out);
      } finally {
        inf.end();
      }
      pos = encoded.length - remaining;
      if (encoded.length - pos < 8) {
        throw new TruncatedChunkException("gzip data is truncated (the 8-byte member trailer is missing)");
      }
      CRC32 crc = new CRC32();
      crc.update(out.array(), start, out.size() - start);
      int storedCrc = Bytes.le32(encoded, pos);
      int storedSize = Bytes.le32(encoded, pos + 4);
      if ((int) crc.getValue() != storedCrc) {
        throw new ChecksumMismatchException(String.format("gzip CRC-32 mismatch: stored %08x, computed %08x",
            storedCrc, (int) crc.getValue()));
      }
      if (storedSize != out.size() - start) {
        throw new CorruptChunkException("gzip member length mismatch: trailer says "
            + Integer.toUnsignedString(storedSize) + " bytes, decoded " + (out.size() - start));
      }
      pos += 8;
      members++;
    }
    return out.toByteArray();
  }

  private static boolean allZero(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Parses a member header at {@code pos}; returns the offset of the deflate data. */
  private static int skipHeader(byte[] b, int pos) {
    int n = b.length;
    if (n - pos < 10) {
      if ((b[pos] & 0xFF) != 0x1f || (n - pos >= 2 && (b[pos + 1] & 0xFF) != 0x8b)) {
        throw new CorruptChunkException("not gzip data (bad magic bytes)");
      }
      throw new TruncatedChunkException("gzip data is truncated (header of " + (n - pos) + " bytes)");
    }
    if ((b[pos] & 0xFF) != 0x1f || (b[pos + 1] & 0xFF) != 0x8b) {
      throw new CorruptChunkException(String.format("not gzip data (magic %02x %02x, expected 1f 8b)",
          b[pos] & 0xFF, b[pos + 1] & 0xFF));
    }
    if ((b[pos + 2] & 0xFF) != 8) {
      throw new CorruptChunkException("gzip compression method " + (b[pos + 2] & 0xFF) + " is not deflate (8)");
    }
    int flags = b[pos + 3] & 0xFF;
    if ((flags & 0xE0) != 0) {
      throw new CorruptChunkException("gzip header has reserved flag bits set");
    }
    int p = pos + 10;
    if ((flags & FEXTRA) != 0) {
      if (n - p < 2) {
        throw new TruncatedChunkException("gzip data is truncated (in the header's extra field)");
      }
      int xlen = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
      p += 2;
      if (n - p < xlen) {
        throw new TruncatedChunkException("gzip data is truncated (in the header's extra field)");
      }
      p += xlen;
    }
    if ((flags & FNAME) != 0) {
      p = skipZeroTerminated(b, p);
    }
    if ((flags & FCOMMENT) != 0) {
      p = skipZeroTerminated(b, p);
    }
    if ((flags & FHCRC) != 0) {
      if (n - p < 2) {
        throw new TruncatedChunkException("gzip data is truncated (in the header CRC)");
      }
      p += 2;
    }
    return p;
  }

  private static int skipZeroTerminated(byte[] b, int p) {
    while (p < b.length && b[p] != 0) {
      p++;
    }
    if (p >= b.length) {
      throw new TruncatedChunkException("gzip data is truncated (in the header's file name or comment)");
    }
    return p + 1;
  }

  @Override
  public byte[] encode(byte[] decoded) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream(Math.max(64, decoded.length / 3 + 32));
    int xfl = level == 9 ? 2 : level == 1 ? 4 : 0;
    // magic, deflate, no flags, mtime 0, xfl, OS unknown (255)
    sink.write(0x1f);
    sink.write(0x8b);
    sink.write(8);
    sink.write(0);
    sink.write(0);
    sink.write(0);
    sink.write(0);
    sink.write(0);
    sink.write(xfl);
    sink.write(0xff);
    Deflate.deflate(decoded, level, true, sink);
    CRC32 crc = new CRC32();
    crc.update(decoded);
    byte[] trailer = new byte[8];
    Bytes.putLe32(trailer, 0, (int) crc.getValue());
    Bytes.putLe32(trailer, 4, decoded.length);
    sink.write(trailer, 0, 8);
    return sink.toByteArray();
  }

  @Override
  public String toString() {
    return "GzipCodec(level=" + level + ")";
  }
}
