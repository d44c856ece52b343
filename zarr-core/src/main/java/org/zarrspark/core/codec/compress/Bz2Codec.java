package org.zarrspark.core.codec.compress;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.error.ZarrException;

/**
 * numcodecs "bz2" (Commons Compress). Concatenated streams are decoded one after the other, like
 * Python's {@code bz2.decompress}; output is bounded by {@code maxDecodedSize} while streaming.
 */
public final class Bz2Codec implements BytesCodec {
  /** Its names and binding: numcodecs "bz2" (v3 "numcodecs.bz2"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "bz2", (config, context) -> fromJson(config));

  /** numcodecs' default level. */
  public static final int DEFAULT_LEVEL = 1;

  private final int level;

  /** @param level 1..9 (the bzip2 block size in units of 100 kB) */
  public Bz2Codec(int level) {
    if (level < 1 || level > 9) {
      throw new InvalidMetadataException("codec bz2: level " + level + " is outside 1..9");
    }
    this.level = level;
  }

  /** From {"id": "bz2", "level": n}; level defaults to 1. */
  public static Bz2Codec fromJson(JsonNode config) {
    JsonConfig.requireObject("bz2", config);
    return new Bz2Codec(JsonConfig.intField("bz2", config, "level", DEFAULT_LEVEL));
  }

  public int level() {
    return level;
  }

  @Override
  public String name() {
    return "bz2";
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    if (encoded.length == 0) {
      throw new TruncatedChunkException("bz2 data is empty");
    }
    if (encoded.length < 3 || encoded[0] != 'B' || encoded[1] != 'Z' || encoded[2] != 'h') {
      if (encoded.length < 3 && encoded[0] == 'B' && (encoded.length < 2 || encoded[1] == 'Z')) {
        throw new TruncatedChunkException("bz2 data is truncated (" + encoded.length + " bytes)");
      }
      throw new CorruptChunkException("not bz2 data (bad magic bytes)");
    }
    try (BZip2CompressorInputStream in = new BZip2CompressorInputStream(new ByteArrayInputStream(encoded), true)) {
      return Bytes.drain("bz2", in, Bytes.initialGuess(encoded.length), maxDecodedSize);
    } catch (IOException e) {
      throw Bytes.fromIo("bz2", e);
    } catch (ZarrException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CorruptChunkException("bz2 data is corrupt (" + Bytes.describe(e) + ")", e);
    }
  }

  @Override
  public byte[] encode(byte[] decoded) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream(Math.max(64, decoded.length / 3 + 64));
    try (BZip2CompressorOutputStream out = new BZip2CompressorOutputStream(sink, level)) {
      out.write(decoded);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: the sink is in memory
    }
    return sink.toByteArray();
  }

  @Override
  public String toString() {
    return "Bz2Codec(level=" + level + ")";
  }
}
