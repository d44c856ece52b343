package org.zarrspark.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zarrspark.core.error.InvalidMetadataException;

/**
 * The reader's options (camelCase, case-insensitive as Spark passes them). Every option is
 * documented in docs/USAGE.md with its default.
 */
public final class ZarrOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String PATH = "path";
  public static final String NODE = "node";
  public static final String VARIABLES = "variables";
  public static final String DIMENSIONS = "dimensions";
  public static final String CF_DECODE = "cfDecode";
  public static final String TARGET_PARTITION_BYTES = "targetPartitionBytes";
  public static final String INDEX_COLUMNS = "indexColumns";
  public static final String BATCH_ROWS = "batchRows";
  public static final String MODE = "mode";
  public static final String ZARR_FORMAT = "zarrFormat";
  public static final String AGGREGATE_PUSHDOWN = "aggregatePushdown";

  public final String path;
  /** Node inside the store, or null to find the store root above the path. */
  public final String node;
  public final List<String> variables;
  public final List<String> dimensions;
  public final boolean cfDecode;
  public final long targetPartitionBytes;
  public final boolean indexColumns;
  public final int batchRows;
  /** PERMISSIVE: rows of unreadable chunks are NULL (and counted); FAILFAST: the query fails. */
  public final boolean permissive;
  /** 2 or 3 when the user says which, else 0 (found out by looking, one request more for v2). */
  public final int zarrFormat;
  /** MIN/MAX/SUM/COUNT computed by the tasks (partial aggregates), not row by row in Spark. */
  public final boolean aggregatePushdown;
  private final Map<String, String> raw;

  public ZarrOptions(Map<String, String> options) {
    this.raw = lower(options);
    this.path = get(PATH, null);
    this.node = get(NODE, null);
    this.variables = list(get(VARIABLES, null));
    this.dimensions = list(get(DIMENSIONS, null));
    this.cfDecode = bool(CF_DECODE, true);
    this.targetPartitionBytes = bytes(get(TARGET_PARTITION_BYTES, "128m"));
    this.indexColumns = bool(INDEX_COLUMNS, false);
    this.batchRows = (int) Math.max(1, Math.min(1 << 20, Long.parseLong(get(BATCH_ROWS, "16384"))));
    String mode = get(MODE, "FAILFAST").trim().toUpperCase(Locale.ROOT);
    if (!mode.equals("FAILFAST") && !mode.equals("PERMISSIVE")) {
      throw new InvalidMetadataException("option " + MODE + " must be FAILFAST or PERMISSIVE, got '" + mode + "'");
    }
    this.permissive = mode.equals("PERMISSIVE");
    String format = get(ZARR_FORMAT, "0").trim();
    if (!format.equals("0") && !format.equals("2") && !format.equals("3")) {
      throw new InvalidMetadataException("option " + ZARR_FORMAT + " must be 2 or 3, got '" + format + "'");
    }
    this.zarrFormat = Integer.parseInt(format);
    this.aggregatePushdown = bool(AGGREGATE_PUSHDOWN, true);
  }

  private static Map<String, String> lower(Map<String, String> m) {
    Map<String, String> out = new java.util.HashMap<>();
    m.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    return out;
  }

  /** Every option as given (keys lower-cased), for the writer. */
  public Map<String, String> all() {
    return new java.util.HashMap<>(raw);
  }

  private String get(String key, String def) {
    String v = raw.get(key.toLowerCase(Locale.ROOT));
    return v == null ? def : v;
  }

  /**
   * Options that configure the store, passed on as Hadoop settings: Hadoop filesystems ("fs.*",
   * or "spark.hadoop.fs.*") and the HTTP/IPFS store ("zarr.http.*", "zarr.ipfs.gateway").
   */
  public Map<String, String> hadoopOptions() {
    Map<String, String> out = new java.util.HashMap<>();
    raw.forEach((k, v) -> {
      if (k.startsWith("fs.") || k.startsWith("zarr.")) {
        out.put(k, v);
      } else if (k.startsWith("spark.hadoop.")) {
        out.put(k.substring("spark.hadoop.".length()), v);
      }
    });
    return out;
  }

  private boolean bool(String key, boolean def) {
    String v = get(key, null);
    if (v == null) {
      return def;
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true": return true;
      case "false": return false;
      default: throw new InvalidMetadataException("option " + key + " must be true or false, got '" + v + "'");
    }
  }

  private static List<String> list(String v) {
    if (v == null || v.trim().isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String s : Arrays.asList(v.split(","))) {
      if (!s.trim().isEmpty()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  /** Sizes like 134217728, 128m, 1g. */
  static long bytes(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    long mult = 1;
    if (s.endsWith("b")) {
      s = s.substring(0, s.length() - 1);
    }
    switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
      case 'k': mult = 1L << 10; break;
      case 'm': mult = 1L << 20; break;
      case 'g': mult = 1L << 30; break;
      default: break;
    }
    if (mult > 1) {
      s = s.substring(0, s.length() - 1);
    }
    try {
      return Math.max(1, Long.parseLong(s.trim()) * mult);
    } catch (NumberFormatException e) {
      throw new InvalidMetadataException("option " + TARGET_PARTITION_BYTES + " must be a size like 128m, got '" + v + "'");
    }
  }
}
