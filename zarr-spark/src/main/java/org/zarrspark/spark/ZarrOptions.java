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
 * @param version the Icechunk version to read (option branch, tag or snapshot; VERSION/TIMESTAMP AS OF), or null for main
 * @param authorizedVirtual URL prefixes under which Icechunk virtual chunks may be read
 * @param given every option as given, keys lower-cased (store settings, and the writer's options)
 */
public record ZarrOptions(String path, String node, List<String> variables, List<String> dimensions, boolean cfDecode,
    long targetPartitionBytes, boolean indexColumns, int batchRows, boolean permissive, int zarrFormat,
    boolean aggregatePushdown, Version version, List<String> authorizedVirtual, Map<String, String> given)
    implements Serializable {

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
  public static final String BRANCH = "branch";
  public static final String TAG = "tag";
  public static final String SNAPSHOT = "snapshot";
  public static final String AUTHORIZE_VIRTUAL_CHUNKS = "authorizeVirtualChunks";
  /** Target URL prefixes a kerchunk reference set's references are remapped by. */
  public static final String REFERENCE_REMAP = "referenceRemap";
  /** The session setting that authorises virtual chunk prefixes for every read. */
  public static final String SESSION_AUTHORIZE_VIRTUAL_CHUNKS = "spark.zarr.authorizeVirtualChunks";

  public ZarrOptions {
    variables = variables == null ? null : List.copyOf(variables);
    dimensions = dimensions == null ? null : List.copyOf(dimensions);
    authorizedVirtual = authorizedVirtual == null ? List.of() : List.copyOf(authorizedVirtual);
    given = java.util.Collections.unmodifiableMap(new HashMap<>(given));
  }

  /** Parses {@code options}; see {@link #parse}. */
  public ZarrOptions(Map<String, String> options) {
    this(parse(options));
  }

  private ZarrOptions(ZarrOptions o) {
    this(o.path, o.node, o.variables, o.dimensions, o.cfDecode, o.targetPartitionBytes, o.indexColumns, o.batchRows,
        o.permissive, o.zarrFormat, o.aggregatePushdown, o.version, o.authorizedVirtual, o.given);
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
        version(r),
        r.names(AUTHORIZE_VIRTUAL_CHUNKS),
        given);
  }

  /** At most one of branch, tag and snapshot. */
  private static Version version(OptionReader r) {
    Version v = null;
    for (Version.Kind k : List.of(Version.Kind.BRANCH, Version.Kind.TAG, Version.Kind.SNAPSHOT)) {
      String value = r.string(k.option(), null);
      if (value != null) {
        if (v != null) {
          throw ZarrOptionException.invalid(k.option(), value, "at most one of branch, tag and snapshot (also "
              + v.kind().option() + " '" + v.value() + "' is given)");
        }
        v = new Version(k, value);
      }
    }
    return v;
  }

  /** The same options reading another version (VERSION AS OF / TIMESTAMP AS OF). */
  public ZarrOptions at(Version v) {
    return new ZarrOptions(path, node, variables, dimensions, cfDecode, targetPartitionBytes, indexColumns, batchRows,
        permissive, zarrFormat, aggregatePushdown, v, authorizedVirtual, given);
  }

  /** The same options with more authorised virtual chunk prefixes (the session's). */
  public ZarrOptions authorizing(List<String> prefixes) {
    if (prefixes.isEmpty()) {
      return this;
    }
    List<String> all = new java.util.ArrayList<>(authorizedVirtual);
    all.addAll(prefixes);
    return new ZarrOptions(path, node, variables, dimensions, cfDecode, targetPartitionBytes, indexColumns, batchRows,
        permissive, zarrFormat, aggregatePushdown, version, all, given);
  }

  /** Target URL prefixes to replace in a kerchunk reference set ({@code oldPrefix=newPrefix,...}), or null. */
  public String referenceRemap() {
    return given.get(REFERENCE_REMAP.toLowerCase(Locale.ROOT));
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
