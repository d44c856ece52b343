package org.zarrspark.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.zarrspark.core.cli.TreeCommand;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.icechunk.IcechunkRepository;
import org.zarrspark.core.icechunk.ObjectId;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.refs.ListedReferences;
import org.zarrspark.core.refs.ReferenceSets;
import org.zarrspark.core.refs.ReferenceWriter;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreUri;
import org.zarrspark.spark.icechunk.Repositories;
import org.zarrspark.spark.model.GroupModel;
import org.zarrspark.spark.model.TableModel;
import org.zarrspark.spark.refs.ReferenceLocations;
import org.zarrspark.spark.util.StoreLocation;

/** Opens a location (a store root, a group or an array, any Hadoop URI) as a {@link ZarrTable}. */
public final class ZarrTables {
  private static final int MAX_ROOT_SEARCH = 16;

  private ZarrTables() {}

  public static ZarrTable open(String uri, ZarrOptions options) {
    ZarrOptions o = options.authorizing(sessionAuthorizedPrefixes());
    Opened opened = openLocation(uri, o);
    return table(uri, opened.location(), opened.hierarchy(), opened.node(), o);
  }

  /** A location opened: its store (a plain Zarr store, or an Icechunk snapshot), hierarchy and node. */
  public record Opened(StoreLocation location, Hierarchy hierarchy, String node) {}

  /**
   * Opens the store a location is in. A plain Zarr store's root is found above the path; an
   * Icechunk repository is recognised at the location (a name ending in ".zarr" is taken as plain
   * Zarr without asking), or above it when no Zarr metadata is found or a version is asked for.
   */
  public static Opened openLocation(String uri, ZarrOptions options) {
    if (uri == null || uri.isEmpty()) {
      throw new ZarrOptionException(ZarrOptions.PATH, "no path given: use load(path) or the '" + ZarrOptions.PATH + "' option");
    }
    Configuration conf = hadoopConf(options);
    ReferenceSets.Found refs = ReferenceLocations.at(uri, conf);
    if (refs != null) {
      return openReferences(refs, conf, options);
    }
    boolean plainName = new StoreUri(uri).text().endsWith(".zarr");
    Repositories.Found repo = plainName ? null : Repositories.at(uri, conf);
    if (repo == null && options.version() != null) {
      repo = Repositories.above(uri, conf);
      if (repo == null) {
        throw new InvalidMetadataException(options.version() + " needs an Icechunk repository, and " + uri
            + " is not in one").at(uri, null);
      }
    }
    if (repo != null) {
      return openIcechunk(repo, conf, options);
    }
    try {
      return openZarr(uri, conf, options);
    } catch (ZarrException e) {
      ReferenceSets.Found byContent = options.version() == null ? ReferenceLocations.byContent(uri, conf) : null;
      if (byContent == null && options.version() == null) {
        byContent = ReferenceSets.hdf5Directory(uri, dir -> new StoreLocation(dir, conf).open());
      }
      if (byContent != null) {
        return openReferences(byContent, conf, options);
      }
      Repositories.Found above = plainName ? null : Repositories.above(uri, conf);
      if (above == null) {
        throw e;
      }
      return openIcechunk(above, conf, options);
    }
  }

  private static Opened openZarr(String uri, Configuration conf, ZarrOptions options) {
    String root = uri;
    String node = options.node() == null ? "" : options.node();
    if (options.node() == null) {
      // Find the store root above the path, so that consolidated metadata and the coordinates
      // of ancestor groups (as in DataTree) are seen.
      String[] found = findRoot(uri, conf);
      root = found[0];
      node = found[1];
    }
    StoreLocation loc = new StoreLocation(root, conf);
    return new Opened(loc, Hierarchy.open(loc.open(), true, options.zarrFormat()), node);
  }

  /** A kerchunk reference set (JSON or Parquet), seen as the Zarr v2 hierarchy it describes. */
  private static Opened openReferences(ReferenceSets.Found found, Configuration conf, ZarrOptions options) {
    if (options.version() != null) {
      throw new InvalidMetadataException(options.version() + " needs an Icechunk repository, and " + found.location()
          + " is a kerchunk reference set").at(found.location(), null);
    }
    byte[] computed = null;
    if (found.kind() == ReferenceSets.Kind.HDF5) {
      // Headers and chunk indexes are read once, here; tasks get the references as kerchunk JSON.
      ListedReferences set = ReferenceSets.readHdf5(found.location(), dir -> new StoreLocation(dir, conf).open());
      computed = ReferenceWriter.write(set.metadata(), set.chunks(), u -> u);
    }
    StoreLocation loc = new StoreLocation(found.location(), conf, null,
        new StoreLocation.References(found.kind(), options.referenceRemap(), computed));
    Hierarchy h = Hierarchy.open(loc.open(), true, 2);
    return new Opened(loc, h, options.node() != null ? options.node() : found.node());
  }

  /** A snapshot of a repository: main's tip, or the version the options name. */
  private static Opened openIcechunk(Repositories.Found found, Configuration conf, ZarrOptions options) {
    StoreLocation base = new StoreLocation(found.root(), conf);
    IcechunkRepository repo = found.repo();
    ObjectId id = Repositories.resolve(repo, options.version());
    StoreLocation loc = base.at(new StoreLocation.Snapshot(id.toString(), options.authorizedVirtual()));
    Hierarchy h = Hierarchy.open(loc.openSnapshot(repo), false, 3);
    return new Opened(loc, h, options.node() != null ? options.node() : found.node());
  }

  /** Virtual chunk prefixes the session authorises for every read ({@code spark.zarr.authorizeVirtualChunks}). */
  static java.util.List<String> sessionAuthorizedPrefixes() {
    String v = SparkSession.active().conf().get(ZarrOptions.SESSION_AUTHORIZE_VIRTUAL_CHUNKS, "");
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String p : v.split(",")) {
      if (!p.trim().isEmpty()) {
        out.add(p.trim());
      }
    }
    return out;
  }

  /** The table of a node of an open hierarchy (a group's chosen dimension set, or an array). */
  public static ZarrTable table(String name, StoreLocation loc, Hierarchy h, String node, ZarrOptions options) {
    GroupModel g = GroupModel.of(h, node);
    TableModel model = TableModel.of(g, options.dimensions(), options.variables(), options.cfDecode(), options.indexColumns());
    return new ZarrTable(name, loc, h, model, options, properties(h, node, model));
  }

  public static Configuration hadoopConf(ZarrOptions options) {
    SparkSession spark = SparkSession.active();
    Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
    options.hadoopOptions().forEach(conf::set);
    return conf;
  }

  /**
   * [store root, node path] for a location that may point inside a store. A location whose last
   * name ends in ".zarr" is taken as the root without probing its parents (each probe is a
   * request on object stores); so is a path above such a name.
   */
  private static String[] findRoot(String uri, Configuration conf) {
    String root = new StoreUri(uri).text();
    String node = "";
    for (int i = 0; i < MAX_ROOT_SEARCH && !root.endsWith(".zarr"); i++) {
      int slash = root.lastIndexOf('/');
      if (slash <= 0 || root.substring(0, slash).endsWith(":") || root.substring(0, slash).endsWith(":/")) {
        break;
      }
      String parent = root.substring(0, slash);
      Store s = new StoreLocation(parent, conf).open();
      if (!isGroup(s)) {
        break;
      }
      node = node.isEmpty() ? root.substring(slash + 1) : root.substring(slash + 1) + "/" + node;
      root = parent;
    }
    return new String[] {root, node};
  }

  private static boolean isGroup(Store s) {
    try {
      byte[] v3 = s.get("zarr.json");
      if (v3 != null) {
        return new String(v3, java.nio.charset.StandardCharsets.UTF_8).contains("\"group\"");
      }
      return s.exists(".zgroup");
    } catch (RuntimeException e) {
      return false; // outside a store, or not readable: stop climbing
    }
  }

  /** Zarr facts and attributes as table properties (zarr.*). */
  static Map<String, String> properties(Hierarchy h, String node, TableModel model) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("zarr.format", Integer.toString(h.zarrFormat()));
    p.put("zarr.node", "/" + node);
    p.put("zarr.consolidated", Boolean.toString(h.isConsolidated()));
    p.put("zarr.dimensions", String.join(",", model.dims()));
    p.put("zarr.shape", Arrays.toString(model.dimSizes()));
    if (h.kind(node) == Hierarchy.Kind.ARRAY) {
      ArrayMetadata m = h.arrayMetadata(node);
      p.put("zarr.dtype", m.dataType().toString());
      p.put("zarr.chunks", TableModel.storageGrid(m).toString());
      if (m.sharding() != null) {
        p.put("zarr.shards", m.chunkGrid().toString());
      }
      p.put("zarr.codecs", TreeCommand.codecs(m.codecs()));
    }
    if (!model.leftOut().isEmpty()) {
      p.put("zarr.variables_left_out", String.join(", ", model.leftOut()));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = h.attributes(node).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      p.put("zarr.attr." + e.getKey(), v.isTextual() ? v.textValue() : v.toString());
    }
    return p;
  }
}
