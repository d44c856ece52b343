package org.zarrspark.core.refs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.InvalidReferencesException;
import org.zarrspark.core.error.UnsupportedExtensionException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.store.RangeTargets;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreUri;

/**
 * Finding and opening kerchunk reference sets. A JSON set is a file (recognised by a name ending in
 * {@code .json}, or by content: an object with {@code version}/{@code refs}, or Zarr keys at its
 * top); a Parquet set is a directory whose {@code .zmetadata} carries {@code record_size}.
 */
public final class ReferenceSets {
  private static final int MAX_DEPTH = 16;

  private ReferenceSets() {}

  public enum Kind {
    JSON, PARQUET,
    /** A NetCDF-4 / HDF5 file, its references computed when it is opened ({@link Hdf5References}). */
    HDF5
  }

  /** A reference set's location, kind, and the node path inside it a location names. */
  public record Found(String location, Kind kind, String node) {}

  /** Whether a location's last name marks it as a JSON reference file. */
  public static boolean isJsonName(String location) {
    return StoreUri.stripTrailingSlashes(location).toLowerCase(Locale.ROOT).endsWith(".json");
  }

  /**
   * The set a location names by its path: a component ending in ".json" (a JSON set) or in ".nc",
   * ".nc4", ".h5", ".hdf5" (a NetCDF-4 / HDF5 file), with the node below it; else null.
   */
  public static Found jsonByName(String location) {
    String s = StoreUri.stripTrailingSlashes(location);
    String node = "";
    for (int i = 0; i < MAX_DEPTH && !s.isEmpty(); i++) {
      if (isJsonName(s)) {
        return new Found(s, Kind.JSON, node);
      }
      if (Hdf5References.isHdf5Name(s)) {
        return new Found(s, Kind.HDF5, node);
      }
      int slash = s.lastIndexOf('/');
      if (slash <= 0) {
        return null;
      }
      node = node.isEmpty() ? s.substring(slash + 1) : s.substring(slash + 1) + "/" + node;
      s = s.substring(0, slash);
    }
    return null;
  }

  /** Whether a document is a JSON reference set (version 1, or a version-0 object of Zarr keys). */
  public static boolean looksLikeJsonReferences(byte[] doc) {
    if (doc == null || doc.length == 0 || doc.length > Json.MAX_DOCUMENT_BYTES) {
      return false;
    }
    try {
      JsonNode n = Json.parse(doc);
      if (!n.isObject()) {
        return false;
      }
      if (n.has("version") && (n.has("refs") || n.has("gen") || n.has("templates"))) {
        return true;
      }
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (k.equals(".zgroup") || k.equals(".zarray") || k.endsWith("/.zarray")) {
          return true;
        }
      }
      return false;
    } catch (InvalidMetadataException e) {
      return false;
    }
  }

  /**
   * The reference set at or above a location, or null: a JSON set named by its path, or a Parquet
   * directory (its {@code .zmetadata} with {@code record_size}) at the location or a parent, or a
   * directory of NetCDF-4 / HDF5 files. Costs one read of {@code .zmetadata} per level until one is
   * found, and a LIST of the location when none is.
   */
  public static Found locate(String location, Function<String, Store> opener) {
    Found f = locateByMetadata(location, opener);
    if (f == null) {
      f = hdf5Directory(location, opener);
    }
    if (f == null) {
      // An array inside a directory of NetCDF-4 files: DIR/tas.
      String loc = StoreUri.stripTrailingSlashes(location);
      RangeTargets.Target t = RangeTargets.split(loc);
      Found dir = t.dir().equals(loc) ? null : hdf5Directory(t.dir(), opener);
      f = dir == null ? null : new Found(dir.location(), Kind.HDF5, t.name());
    }
    return f;
  }

  private static Found locateByMetadata(String location, Function<String, Store> opener) {
    Found json = jsonByName(location);
    if (json != null) {
      return json;
    }
    String s = StoreUri.stripTrailingSlashes(location);
    String node = "";
    for (int i = 0; i < MAX_DEPTH; i++) {
      byte[] zm;
      try {
        zm = opener.apply(s).get(".zmetadata");
      } catch (RuntimeException e) {
        return null;
      }
      if (zm != null) {
        return ParquetReferences.isReferenceMetadata(zm) ? new Found(s, Kind.PARQUET, node) : null;
      }
      int slash = s.lastIndexOf('/');
      String parent = slash <= 0 ? "" : s.substring(0, slash);
      if (parent.isEmpty() || parent.endsWith(":") || parent.endsWith(":/")) {
        return null;
      }
      node = node.isEmpty() ? s.substring(slash + 1) : s.substring(slash + 1) + "/" + node;
      s = parent;
    }
    return null;
  }

  /** The directory that holds a location (relative targets are resolved against it). */
  public static String parent(String location) {
    return RangeTargets.split(StoreUri.stripTrailingSlashes(location)).dir();
  }

  /** Reads and parses a JSON reference file; errors name it. */
  public static JsonReferences readJson(String location, Function<String, Store> opener) {
    RangeTargets.Target t = RangeTargets.split(StoreUri.stripTrailingSlashes(location));
    byte[] doc;
    try {
      doc = opener.apply(t.dir()).get(t.name());
    } catch (ZarrException e) {
      throw e.at(location, null);
    }
    if (doc == null) {
      throw new InvalidReferencesException("the reference file does not exist").at(location, null);
    }
    try {
      return JsonReferences.parse(doc);
    } catch (ZarrException e) {
      throw e.at(location, null);
    }
  }

  /**
   * The references of a NetCDF-4 / HDF5 file, computed from its headers and chunk index, or of
   * the files a glob or a directory names, concatenated along their record dimension
   * ({@link Hdf5Collection}); errors name the location.
   */
  public static ListedReferences readHdf5(String location, Function<String, Store> opener) {
    String loc = StoreUri.stripTrailingSlashes(location);
    if (Hdf5Collection.isCollection(loc) || !Hdf5References.isHdf5Name(loc)) {
      return Hdf5Collection.read(loc, opener::apply);
    }
    RangeTargets.Target t = RangeTargets.split(loc);
    Store dir;
    try {
      dir = opener.apply(t.dir());
    } catch (ZarrException e) {
      throw e.at(location, null);
    }
    return Hdf5References.read(dir, t.name(), location);
  }

  /** A directory of NetCDF-4 / HDF5 files (and no Zarr metadata at its top), else null. */
  public static Found hdf5Directory(String location, Function<String, Store> opener) {
    String loc = StoreUri.stripTrailingSlashes(location);
    try {
      return Hdf5Collection.isHdf5Directory(opener.apply(loc)) ? new Found(loc, Kind.HDF5, "") : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A Parquet set's references over its record files. */
  public static ParquetReferences readParquet(String location, Store dir, RecordSource records) {
    byte[] zm = dir.get(".zmetadata");
    if (zm == null) {
      throw new InvalidReferencesException("no .zmetadata: not a Parquet reference set").at(location, ".zmetadata");
    }
    try {
      return ParquetReferences.of(zm, records);
    } catch (ZarrException e) {
      throw e.at(location, ".zmetadata");
    }
  }

  /** Opens a found set with plain stores (the command line): Parquet record files through a {@link RecordSourceProvider}. */
  public static ReferenceStore open(Found f, RangeTargets.Opener opener, Remap remap) {
    ReferenceSet set;
    if (f.kind() == Kind.JSON) {
      set = readJson(f.location(), opener);
    } else if (f.kind() == Kind.HDF5) {
      set = readHdf5(f.location(), opener);
    } else {
      RecordSourceProvider p = ServiceLoader.load(RecordSourceProvider.class).findFirst().orElseThrow(() ->
          new UnsupportedExtensionException("reading a Parquet reference set needs a Parquet reader: use the zarr-spark"
              + " connector (bin/zarr), which provides one").at(f.location(), null));
      set = readParquet(f.location(), opener.apply(f.location()), p.open(f.location()));
    }
    return new ReferenceStore(set, f.location(), parent(f.location()), remap, new RangeTargets(opener));
  }
}
