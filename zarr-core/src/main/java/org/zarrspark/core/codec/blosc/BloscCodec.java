package org.zarrspark.core.codec.blosc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecContext;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.DecodeBuffers;
import org.zarrspark.core.codec.WritableCodec;
import org.zarrspark.core.codec.compress.JsonConfig;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedCodecException;
import org.zarrspark.core.error.ZarrException;

/**
 * The Blosc1 codec (zarr v2 {@code "id": "blosc"}, zarr v3 {@code "blosc"}), in pure Java.
 *
 * <p>Decoding reads everything from the frame header — typesize, shuffle, inner codec, block
 * layout — so it reads any c-blosc 1.x frame whatever the configuration says (numcodecs.js, for
 * one, always writes typesize 4). Inner codecs: blosclz, lz4, lz4hc, snappy, zlib, zstd.
 *
 * <p>Encoding uses the configuration: {@code cname} (lz4hc writes plain LZ4 streams, which is
 * valid LZ4HC data), {@code clevel} 0-9 (0 stores the data uncompressed), {@code shuffle} 0 none,
 * 1 byte, 2 bit, -1 auto (bit for typesize 1, else byte), {@code typesize} (0 means 1) and
 * {@code blocksize} (0 = automatic, as c-blosc computes it).
 *
 * <p>Immutable and thread-safe: every call works on its own buffers.
 */
public final class BloscCodec implements BytesCodec, WritableCodec {
  public static final int AUTOSHUFFLE = -1;
  public static final int NOSHUFFLE = 0;
  public static final int SHUFFLE = 1;
  public static final int BITSHUFFLE = 2;
  /** v3 names of shuffle modes 0, 1, 2. */
  private static final String[] SHUFFLE_NAMES = {"noshuffle", "shuffle", "bitshuffle"};

  /** v3 "blosc" and numcodecs "blosc"; the two spellings take different defaults. */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes("blosc", "blosc", BloscCodec::bind).writable(BloscCodec::forWriter);

  private final BloscCompressor compressor;
  private final int clevel;
  private final int shuffle;
  private final int typesize;
  private final int blocksize;

  public BloscCodec(String cname, int clevel, int shuffle, int typesize, int blocksize) {
    BloscCompressor c = BloscCompressor.forName(cname);
    if (c == null) {
      throw new UnsupportedCodecException("blosc: unknown cname '" + cname
          + "' (supported: blosclz, lz4, lz4hc, snappy, zlib, zstd)");
    }
    if (clevel < 0 || clevel > 9) {
      throw new InvalidMetadataException("blosc: clevel must be 0-9, got " + clevel);
    }
    if (shuffle < AUTOSHUFFLE || shuffle > BITSHUFFLE) {
      throw new InvalidMetadataException(
          "blosc: shuffle must be -1 (auto), 0, 1 or 2, got " + shuffle);
    }
    if (typesize < 0) {
      throw new InvalidMetadataException("blosc: typesize must not be negative, got " + typesize);
    }
    if (blocksize < 0) {
      throw new InvalidMetadataException(
          "blosc: blocksize must not be negative, got " + blocksize);
    }
    this.compressor = c;
    this.clevel = clevel;
    this.shuffle = shuffle;
    this.typesize = typesize;
    this.blocksize = blocksize;
  }

  private static BloscCodec bind(JsonNode config, CodecContext context) {
    return context.numcodecsSpelling() ? fromNumcodecs(config, context.type()) : fromV3(config, context.type());
  }

  /** v3 configuration: shuffle by name (default noshuffle), typesize defaults to the element size. */
  public static BloscCodec fromV3(JsonNode conf, DataType type) {
    return new BloscCodec(conf.path("cname").asText("lz4"), conf.path("clevel").asInt(5),
        shuffleCode(conf.path("shuffle").asText("noshuffle")),
        conf.path("typesize").asInt(Math.max(1, type.itemSize())), conf.path("blocksize").asInt(0));
  }

  /**
   * numcodecs object: shuffle 0-2 or -1 (default 1), or a v3 shuffle name; typesize defaults to the
   * element size ({@code type} may be null: 1).
   */
  public static BloscCodec fromNumcodecs(JsonNode o, DataType type) {
    String c = "blosc";
    JsonNode s = o.get("shuffle");
    int shuffle = s != null && s.isTextual() ? shuffleCode(s.textValue()) : JsonConfig.intField(c, o, "shuffle", SHUFFLE);
    int defaultTypesize = type == null ? 1 : Math.max(1, type.itemSize());
    return new BloscCodec(JsonConfig.textField(c, o, "cname", "lz4"), JsonConfig.intField(c, o, "clevel", 5),
        shuffle, JsonConfig.intField(c, o, "typesize", defaultTypesize), JsonConfig.intField(c, o, "blocksize", 0));
  }

  /** The shuffle mode of a v3 name: noshuffle 0, shuffle 1, bitshuffle 2. */
  public static int shuffleCode(String name) {
    for (int i = 0; i < SHUFFLE_NAMES.length; i++) {
      if (SHUFFLE_NAMES[i].equals(name)) {
        return i;
      }
    }
    throw new InvalidMetadataException("codec blosc: shuffle '" + name + "' must be noshuffle, shuffle or bitshuffle");
  }

  /** The v3 name of a shuffle mode; auto (-1) is resolved as encoding resolves it. */
  public static String shuffleName(int shuffle, int typesize) {
    int s = shuffle != AUTOSHUFFLE ? shuffle : Math.max(1, typesize) == 1 ? BITSHUFFLE : SHUFFLE;
    return SHUFFLE_NAMES[s];
  }

  /** What a writer gets: lz4 at level 5 unless asked, bit shuffle for 1-byte elements, else byte shuffle. */
  private static WritableCodec forWriter(Integer level, int typesize, int zarrFormat) {
    return new BloscCodec("lz4", level != null ? level : 5, typesize == 1 ? BITSHUFFLE : SHUFFLE, typesize, 0);
  }

  @Override
  public CodecType<?> type() {
    return TYPE;
  }

  /** v2 {cname, clevel, shuffle (a number), blocksize}; v3 {typesize, cname, clevel, shuffle (a name), blocksize}. */
  @Override
  public ObjectNode configuration(int zarrFormat) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (zarrFormat == 3) {
      return o.put("typesize", typesize).put("cname", compressor.cname).put("clevel", clevel)
          .put("shuffle", shuffleName(shuffle, typesize)).put("blocksize", blocksize);
    }
    return o.put("cname", compressor.cname).put("clevel", clevel).put("shuffle", shuffle).put("blocksize", blocksize);
  }

  @Override
  public String name() {
    return "blosc";
  }

  public String cname() {
    return compressor.cname;
  }

  public int clevel() {
    return clevel;
  }

  public int shuffle() {
    return shuffle;
  }

  public int typesize() {
    return typesize;
  }

  public int blocksize() {
    return blocksize;
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    return decodeRange(encoded, maxDecodedSize, 0, Long.MAX_VALUE);
  }

  /** Decodes only the Blosc blocks that hold the decoded bytes {@code [from, to)}. */
  @Override
  public byte[] decodeRange(byte[] encoded, int maxDecodedSize, long from, long to) {
    return decodeRange(encoded, maxDecodedSize, from, to, null);
  }

  @Override
  public byte[] decodeRange(byte[] encoded, int maxDecodedSize, long from, long to, DecodeBuffers buffers) {
    try {
      return BloscDecoder.decode(encoded, maxDecodedSize, from, to, buffers);
    } catch (ZarrException e) {
      throw e;
    } catch (RuntimeException | AssertionError e) {
      // Explicit checks catch what we know of; this is the net for inner codec libraries,
      // which report malformed streams with their own runtime exceptions.
      throw new CorruptChunkException("blosc: malformed chunk: " + e, e);
    }
  }

  @Override
  public byte[] encode(byte[] decoded) {
    return BloscEncoder.encode(decoded, compressor, clevel, shuffle, typesize, blocksize);
  }

  @Override
  public String toString() {
    return "BloscCodec[cname=" + compressor.cname + ", clevel=" + clevel + ", shuffle=" + shuffle
        + ", typesize=" + typesize + ", blocksize=" + blocksize + "]";
  }
}
