package org.zarrspark.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.StoreKeys;
import org.zarrspark.core.icechunk.IcechunkRepository;
import org.zarrspark.spark.icechunk.HistoryTable;
import org.zarrspark.spark.icechunk.Repositories;
import org.zarrspark.spark.model.GroupModel;
import org.zarrspark.spark.util.StoreLocation;
import org.zarrspark.spark.write.DatasetFiles;
import org.zarrspark.spark.write.ZarrWriteTable;

/**
 * A catalog of Zarr stores: read-only, except that path-named datasets can be created (CTAS) and
 * written (INSERT INTO / INSERT OVERWRITE).
 *
 * <p>Without a root it is the path catalog: {@code SELECT ... FROM zarr.`s3a://bucket/era5.zarr`}
 * loads the location the identifier names (Spark 4 resolves {@code format.`path`} only for V1
 * file sources). One line configures it: {@code spark.sql.catalog.zarr=org.zarrspark.spark.ZarrCatalog}.
 *
 * <p>With {@code spark.sql.catalog.NAME.root=<uri>} it exposes one store: groups are (nested)
 * namespaces; each array is a table, and so is each dimension set of a group's data variables
 * (named by its dimensions joined with '_', e.g. {@code time_lat_lon}); a group's own name
 * reads its default table. Other catalog options are reader options for every table.
 *
 * <p>(Over 300 lines: Spark's TableCatalog and SupportsNamespaces for the path and the mounted catalog, time travel included.)
 */
public class ZarrCatalog implements TableCatalog, SupportsNamespaces {
  public static final String ROOT = "root";

  private String name;
  private Map<String, String> options = new HashMap<>();
  private String root;
  private StoreLocation location;
  private Hierarchy hierarchy;

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.name = name;
    this.options = new HashMap<>(options.asCaseSensitiveMap());
    this.root = options.get(ROOT);
    this.options.remove(ROOT);
  }

  @Override
  public String name() {
    return name;
  }

  /** The mounted store, opened on first use (one read with consolidated metadata). */
  private synchronized Hierarchy hierarchy() {
    if (hierarchy == null) {
      ZarrTables.Opened opened = ZarrTables.openLocation(root, new ZarrOptions(options));
      location = opened.location();
      hierarchy = opened.hierarchy();
    }
    return hierarchy;
  }

  /** The location an identifier names: its namespace parts and name joined by '/'. */
  static String location(Identifier ident) {
    StringBuilder sb = new StringBuilder();
    for (String n : ident.namespace()) {
      sb.append(n).append('/');
    }
    return sb.append(ident.name()).toString();
  }

  private static boolean isPath(Identifier ident) {
    return ident.name().contains("/") || ident.name().contains(":") || ident.name().contains("\\");
  }

  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    return load(ident, null);
  }

  /** {@code VERSION AS OF 'X'}: X is a tag, a branch or a snapshot id of an Icechunk repository. */
  @Override
  public Table loadTable(Identifier ident, String version) throws NoSuchTableException {
    return load(ident, new Version(Version.Kind.ANY, version));
  }

  /** {@code TIMESTAMP AS OF}: the newest snapshot of main flushed at or before the instant (microseconds). */
  @Override
  public Table loadTable(Identifier ident, long timestamp) throws NoSuchTableException {
    return load(ident, new Version(Version.Kind.TIMESTAMP, Long.toString(timestamp)));
  }

  private Table load(Identifier ident, Version version) throws NoSuchTableException {
    try {
      if (root == null || isPath(ident)) {
        Table history = history(ident, version);
        if (history != null) {
          return history;
        }
        String path = location(ident);
        Map<String, String> o = new HashMap<>(options);
        o.put(ZarrOptions.PATH, path);
        ZarrOptions opts = new ZarrOptions(o);
        return ZarrTables.open(path, version == null ? opts : opts.at(version));
      }
      if (version != null) {
        return mountedAt(ident, version);
      }
      Hierarchy h = hierarchy();
      String group = String.join("/", ident.namespace());
      if (!group.isEmpty() && h.kind(group) != Hierarchy.Kind.GROUP) {
        throw new NoSuchTableException(ident);
      }
      String node = StoreKeys.join(group, ident.name());
      String display = name + "." + String.join(".", ident.namespace()) + (group.isEmpty() ? "" : ".") + ident.name();
      Hierarchy.Kind kind = safeKind(h, node);
      if (kind != null) {
        return ZarrTables.table(display, location, h, node, new ZarrOptions(options));
      }
      List<String> dims = dimensionSets(h, group).get(ident.name());
      if (dims == null) {
        throw new NoSuchTableException(ident);
      }
      Map<String, String> o = new HashMap<>(options);
      o.put(ZarrOptions.DIMENSIONS, String.join(",", dims));
      return ZarrTables.table(display, location, h, group, new ZarrOptions(o));
    } catch (ZarrException e) {
      if (e.getMessage().contains("no Zarr array or group")) {
        throw new NoSuchTableException(ident);
      }
      throw e;
    }
  }

  /**
   * {@code zarr.`REPO`.snapshots}: the history of the Icechunk repository at REPO, or null when the
   * identifier is not that (REPO is no repository root, or the name is another).
   */
  private Table history(Identifier ident, Version version) {
    if (!ident.name().equals(HistoryTable.NAME) || ident.namespace().length == 0) {
      return null;
    }
    String repo = String.join("/", ident.namespace());
    ZarrOptions o = new ZarrOptions(options);
    Repositories.Found found = Repositories.at(repo, ZarrTables.hadoopConf(o));
    if (found == null) {
      return null;
    }
    if (version != null) {
      throw new ZarrOptionException(ZarrOptions.PATH, "the history of " + repo + " has no versions: query "
          + HistoryTable.NAME + " without VERSION AS OF / TIMESTAMP AS OF");
    }
    return new HistoryTable(repo + "." + HistoryTable.NAME, found.repo());
  }

  /** A table of the mounted repository at another version: the same node, opened at that snapshot. */
  private Table mountedAt(Identifier ident, Version version) throws NoSuchTableException {
    String group = String.join("/", ident.namespace());
    String node = StoreKeys.join(group, ident.name());
    Map<String, String> o = new HashMap<>(options);
    Hierarchy.Kind kind = safeKind(hierarchy(), node);
    if (kind == null) {
      List<String> dims = dimensionSets(hierarchy(), group).get(ident.name());
      if (dims == null) {
        throw new NoSuchTableException(ident);
      }
      o.put(ZarrOptions.DIMENSIONS, String.join(",", dims));
      node = group;
    }
    o.put(ZarrOptions.NODE, node);
    return ZarrTables.open(root, new ZarrOptions(o).at(version));
  }

  private static Hierarchy.Kind safeKind(Hierarchy h, String node) {
    try {
      return h.kind(node);
    } catch (ZarrException e) {
      return null;
    }
  }

  /** Table name of each dimension set of a group's data variables. */
  static Map<String, List<String>> dimensionSets(Hierarchy h, String group) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (List<String> dims : GroupModel.of(h, group).dimensionSets()) {
      out.put(String.join("_", dims), dims);
    }
    return out;
  }

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    if (root == null) {
      return new Identifier[0];
    }
    Hierarchy h = hierarchy();
    String group = String.join("/", namespace);
    if (h.kind(group) != Hierarchy.Kind.GROUP) {
      throw new NoSuchNamespaceException(namespace);
    }
    List<Identifier> out = new ArrayList<>();
    for (String child : h.children(group)) {
      if (h.kind(StoreKeys.join(group, child)) == Hierarchy.Kind.ARRAY) {
        out.add(Identifier.of(namespace, child));
      }
    }
    for (String t : dimensionSets(h, group).keySet()) {
      if (out.stream().noneMatch(i -> i.name().equals(t))) {
        out.add(Identifier.of(namespace, t));
      }
    }
    return out.toArray(new Identifier[0]);
  }

  @Override
  public String[][] listNamespaces() {
    return listNamespaces(new String[0]);
  }

  @Override
  public String[][] listNamespaces(String[] namespace) {
    if (root == null) {
      return new String[0][];
    }
    Hierarchy h = hierarchy();
    String group = String.join("/", namespace);
    List<String[]> out = new ArrayList<>();
    for (String child : h.children(group)) {
      if (h.kind(StoreKeys.join(group, child)) == Hierarchy.Kind.GROUP) {
        String[] ns = Arrays.copyOf(namespace, namespace.length + 1);
        ns[namespace.length] = child;
        out.add(ns);
      }
    }
    return out.toArray(new String[0][]);
  }

  @Override
  public boolean namespaceExists(String[] namespace) {
    return root != null && hierarchy().kind(String.join("/", namespace)) == Hierarchy.Kind.GROUP;
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(String[] namespace) throws NoSuchNamespaceException {
    if (!namespaceExists(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
    Hierarchy h = hierarchy();
    String group = String.join("/", namespace);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("zarr.format", Integer.toString(h.zarrFormat()));
    p.put("zarr.node", "/" + group);
    p.put("zarr.tables", String.join(",", dimensionSets(h, group).keySet()));
    h.groupMetadata(group).attributes().fields().forEachRemaining(e ->
        p.put("zarr.attr." + e.getKey(), e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString()));
    return p;
  }

  @Override
  public void createNamespace(String[] namespace, Map<String, String> metadata) {
    throw readOnly("create namespace", String.join(".", namespace));
  }

  @Override
  public void alterNamespace(String[] namespace, NamespaceChange... changes) {
    throw readOnly("alter namespace", String.join(".", namespace));
  }

  @Override
  public boolean dropNamespace(String[] namespace, boolean cascade) {
    throw readOnly("drop namespace", String.join(".", namespace));
  }

  /**
   * {@code CREATE TABLE zarr.`uri` OPTIONS (...) AS SELECT ...}: a path-named dataset to be
   * written by the statement (nothing is written here; the metadata comes last, with the data).
   */
  @Override
  public Table createTable(Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties) {
    if (root != null && !isPath(ident)) {
      throw readOnly("create table", ident.toString());
    }
    Map<String, String> o = new HashMap<>(options);
    properties.forEach((k, v) -> {
      if (k.startsWith(TableCatalog.OPTION_PREFIX)) {
        o.put(k.substring(TableCatalog.OPTION_PREFIX.length()), v);
      }
    });
    String path = location(ident);
    o.put(ZarrOptions.PATH, path);
    return new ZarrWriteTable(path, schema, o);
  }

  @Override
  public Table alterTable(Identifier ident, TableChange... changes) {
    throw readOnly("alter table", ident.toString());
  }

  /** Refused, except for a path with no dataset (what a failed CTAS asks to drop: its write already cleaned up). */
  @Override
  public boolean dropTable(Identifier ident) {
    if ((root == null || isPath(ident)) && !DatasetFiles.isZarr(new StoreLocation(location(ident),
        ZarrTables.hadoopConf(new ZarrOptions(options))))) {
      return false;
    }
    throw readOnly("drop table", ident.toString());
  }

  @Override
  public void renameTable(Identifier oldIdent, Identifier newIdent) {
    throw readOnly("rename table", oldIdent.toString());
  }

  static UnsupportedOperationException readOnly(String what, String target) {
    return new UnsupportedOperationException("the zarr catalog is read-only: cannot " + what + " " + target);
  }
}
