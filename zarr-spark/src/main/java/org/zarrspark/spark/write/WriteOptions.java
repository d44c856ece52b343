package org.zarrspark.spark.write;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zarrspark.spark.OptionReader;
import org.zarrspark.spark.ZarrOptionException;

/**
 * The writer's options, parsed once (keys case-insensitive, as Spark passes them); see
 * docs/WRITING.md. A bad value is a {@link ZarrOptionException}.
 *
 * @param dimensions dimension columns in dimension order, or null when not given
 * @param chunks chunk length per dimension (or lengths: monthly chunks), or null for {@link org.zarrspark.core.write.DefaultChunks}
 * @param shards shard length per dimension (or lengths; v3 only), or null for no sharding
 * @param codec a compressor the codec registry can write (zstd, blosc, gzip, zlib) or none; null for the format's default (v3 zstd, v2 blosc)
 * @param level compression level, or null for the codec's default
 * @param appendDim the dimension appends extend, or null for the first dimension
 */
public record WriteOptions(List<String> dimensions, int zarrFormat, ChunkEdges chunks, ChunkEdges shards, String codec,
    Integer level, String appendDim) implements Serializable {

  public static final String DIMENSIONS = "dimensions";
  public static final String ZARR_FORMAT = "zarrFormat";
  public static final String CHUNKS = "chunks";
  public static final String SHARDS = "shards";
  public static final String CODEC = "codec";
  public static final String LEVEL = "level";
  public static final String APPEND_DIM = "appendDim";

  /** The codec option's value for no compression. */
  static final String NO_CODEC = "none";
  /** What the codec option accepts: the compressors zarr-core's registry can write, or none. */
  static final List<String> CODECS = codecs();

  private static List<String> codecs() {
    List<String> out = new java.util.ArrayList<>(org.zarrspark.core.codec.CodecRegistry.standard().writable());
    out.add(NO_CODEC);
    return List.copyOf(out);
  }

  public WriteOptions {
    dimensions = dimensions == null ? null : List.copyOf(dimensions);
    if (shards != null && zarrFormat != 3) {
      throw new ZarrOptionException(SHARDS, "option " + SHARDS + " needs " + ZARR_FORMAT + " 3 (v2 has no sharding)");
    }
  }

  /** Parses {@code options}; see {@link #parse}. */
  public WriteOptions(Map<String, String> options) {
    this(parse(options));
  }

  private WriteOptions(WriteOptions o) {
    this(o.dimensions, o.zarrFormat, o.chunks, o.shards, o.codec, o.level, o.appendDim);
  }

  public static WriteOptions parse(Map<String, String> options) {
    OptionReader r = new OptionReader(options);
    String codec = r.string(CODEC, null);
    String c = codec == null ? null : codec.trim().toLowerCase(Locale.ROOT);
    if (c != null && !CODECS.contains(c)) {
      throw ZarrOptionException.invalid(CODEC, codec, String.join(", ", CODECS.subList(0, CODECS.size() - 1)) + " or none");
    }
    return new WriteOptions(
        r.names(DIMENSIONS),
        Integer.parseInt(r.oneOf(ZARR_FORMAT, "3", List.of("2", "3"), "2 or 3")),
        ChunkEdges.parse(CHUNKS, r.trimmed(CHUNKS), commaForm(r, CHUNKS)),
        ChunkEdges.parse(SHARDS, r.trimmed(SHARDS), commaForm(r, SHARDS)),
        c,
        r.integer(LEVEL, null),
        r.trimmed(APPEND_DIM));
  }

  /** The comma form of a chunks option ("24,91,180"), parsed and checked; null for the JSON form. */
  private static int[] commaForm(OptionReader r, String key) {
    String v = r.trimmed(key);
    return v == null || v.startsWith("[") ? null : r.positiveInts(key);
  }
}
