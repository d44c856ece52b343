package org.zarrspark.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reader's options, parsed once (keys case-insensitive, as Spark passes them). Every option
 * is documented in docs/USAGE.md with its default; a bad value is a {@link ZarrOptionException}.
 *
 * @param node node inside the store, or null to find the store root above the path
 * @param variables data variables to include, or null for all
 * @param dimensions the table's dimension set (and order), or null to choose one
 * @param permissive PERMISSIVE: rows of unreadable chunks are NULL (and counted); FAILFAST: the query fails
 * @param zarrFormat 2 or 3 when the user says which, else 0 (found out by looking, one request more for v2)
 * @param aggregatePushdown MIN/MAX/SUM/COUNT computed by the tasks (partial aggregates), not row by row in Spark
 * @param given every option as given, keys lower-cased (store settings, and the writer's options)
 */
public record ZarrOptions(String path, String node, List<String> variables, List<String> dimensions, boolean cfDecode,
    long targetPartitionBytes, boolean indexColumns, int batchRows, boolean permissive, int zarrFormat,
    boolean aggregatePushdown, Map<String, String> given) implements Serializable {

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

  public ZarrOptions {
    variables = variables == null ? null : List.copyOf(variables);
    dimensions = dimensions == null ? null : List.copyOf(dimensions);
    given = java.util.Collections.unmodifiableMap(new HashMap<>(given));
  }

  /** Parses {@code options}; see {@link #parse}. */
  public ZarrOptions(Map<String, String> options) {
    this(parse(options));
  }

  private ZarrOptions(ZarrOptions o) {
    this(o.path, o.node, o.variables, o.dimensions, o.cfDecode, o.targetPartitionBytes, o.indexColumns, o.batchRows,
        o.permissive, o.zarrFormat, o.aggregatePushdown, o.given);
  }

  public static ZarrOptions parse(Map<String, String> options) {
    OptionReader r = new OptionReader(options);
    String mode = r.string(MODE, "FAILFAST").trim().toUpperCase(Locale.ROOT);
    if (!mode.equals("FAILFAST") && !mode.equals("PERMISSIVE")) {
      throw ZarrOptionException.invalid(MODE, r.string(MODE, null), "FAILFAST or PERMISSIVE");
    }
    Map<String, String> given = new HashMap<>();
    r.map().forEach(given::put); // CaseInsensitiveStringMap's keys are lower-cased
    return new ZarrOptions(
        r.string(PATH, null),
        r.string(NODE, null),
        r.names(VARIABLES),
        r.names(DIMENSIONS),
        r.bool(CF_DECODE, true),
        r.size(TARGET_PARTITION_BYTES, 128L << 20),
        r.bool(INDEX_COLUMNS, false),
        (int) Math.max(1, Math.min(1 << 20, r.longValue(BATCH_ROWS, 16384))),
        mode.equals("PERMISSIVE"),
        Integer.parseInt(r.oneOf(ZARR_FORMAT, "0", List.of("0", "2", "3"), "2 or 3")),
        r.bool(AGGREGATE_PUSHDOWN, true),
        given);
  }

  /** Every option as given (keys lower-cased), for the writer. */
  public Map<String, String> all() {
    return new HashMap<>(given);
  }

  /**
   * Options that configure the store, passed on as Hadoop settings: Hadoop filesystems ("fs.*",
   * or "spark.hadoop.fs.*") and the HTTP/IPFS store ("zarr.http.*", "zarr.ipfs.gateway").
   */
  public Map<String, String> hadoopOptions() {
    Map<String, String> out = new HashMap<>();
    given.forEach((k, v) -> {
      if (k.startsWith("fs.") || k.startsWith("zarr.")) {
        out.put(k, v);
      } else if (k.startsWith("spark.hadoop.")) {
        out.put(k.substring("spark.hadoop.".length()), v);
      }
    });
    return out;
  }
}
