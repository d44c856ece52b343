package org.zarrspark.spark.write;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zarrspark.core.error.InvalidMetadataException;

/** The writer's options (camelCase, case-insensitive as Spark passes them); see docs/WRITING.md. */
public final class WriteOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String DIMENSIONS = "dimensions";
  public static final String ZARR_FORMAT = "zarrFormat";
  public static final String CHUNKS = "chunks";
  public static final String SHARDS = "shards";
  public static final String CODEC = "codec";
  public static final String LEVEL = "level";
  public static final String APPEND_DIM = "appendDim";

  /** Dimension columns in dimension order, or null when not given. */
  public final List<String> dimensions;
  public final int zarrFormat;
  /** Chunk length per dimension, or null for {@link org.zarrspark.core.write.DefaultChunks}. */
  public final int[] chunks;
  /** Shard length per dimension (v3 only), or null for no sharding. */
  public final int[] shards;
  /** zstd, blosc, gzip, zlib or none; null for the format's default (v3 zstd, v2 blosc). */
  public final String codec;
  /** Compression level, or null for the codec's default. */
  public final Integer level;
  /** The dimension appends extend, or null for the first dimension. */
  public final String appendDim;

  public WriteOptions(Map<String, String> options) {
    Map<String, String> raw = new HashMap<>();
    options.forEach((k, v) -> raw.put(k.toLowerCase(Locale.ROOT), v));
    this.dimensions = list(raw.get(DIMENSIONS.toLowerCase(Locale.ROOT)));
    String f = raw.getOrDefault(ZARR_FORMAT.toLowerCase(Locale.ROOT), "3").trim();
    if (!f.equals("2") && !f.equals("3")) {
      throw new InvalidMetadataException("option " + ZARR_FORMAT + " must be 2 or 3, got '" + f + "'");
    }
    this.zarrFormat = Integer.parseInt(f);
    this.chunks = ints(CHUNKS, raw.get(CHUNKS.toLowerCase(Locale.ROOT)));
    this.shards = ints(SHARDS, raw.get(SHARDS.toLowerCase(Locale.ROOT)));
    if (shards != null && zarrFormat != 3) {
      throw new InvalidMetadataException("option " + SHARDS + " needs " + ZARR_FORMAT + " 3 (v2 has no sharding)");
    }
    String c = raw.get(CODEC.toLowerCase(Locale.ROOT));
    this.codec = c == null ? null : c.trim().toLowerCase(Locale.ROOT);
    if (codec != null && !List.of("zstd", "blosc", "gzip", "zlib", "none").contains(codec)) {
      throw new InvalidMetadataException("option " + CODEC + " must be zstd, blosc, gzip, zlib or none, got '" + c + "'");
    }
    String l = raw.get(LEVEL.toLowerCase(Locale.ROOT));
    try {
      this.level = l == null ? null : Integer.valueOf(l.trim());
    } catch (NumberFormatException e) {
      throw new InvalidMetadataException("option " + LEVEL + " must be an integer, got '" + l + "'");
    }
    String a = raw.get(APPEND_DIM.toLowerCase(Locale.ROOT));
    this.appendDim = a == null || a.trim().isEmpty() ? null : a.trim();
  }

  private static List<String> list(String v) {
    if (v == null || v.trim().isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String s : v.split(",")) {
      if (!s.trim().isEmpty()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  private static int[] ints(String name, String v) {
    List<String> parts = list(v);
    if (parts == null) {
      return null;
    }
    int[] out = new int[parts.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = Integer.parseInt(parts.get(i));
      } catch (NumberFormatException e) {
        out[i] = 0;
      }
      if (out[i] <= 0) {
        throw new InvalidMetadataException("option " + name + " must be positive integers separated by commas, got '" + v + "'");
      }
    }
    return out;
  }
}
