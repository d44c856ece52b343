package org.zarrspark.core.refs;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.error.MissingTargetException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.RangeTargets;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreUri;

/**
 * NetCDF-4 / HDF5 files named together: a glob in the last name ({@code /data/tas_*.nc}) or a
 * directory of such files, read in name order and concatenated along their record dimension
 * ({@link ConcatenatedReferences}). One LIST of the directory finds the files; each file's headers
 * and chunk index are read once ({@link Hdf5References}).
 */
public final class Hdf5Collection {
  private Hdf5Collection() {}

  /** Whether a name is a glob pattern ({@code *}, {@code ?} or {@code [...]}). */
  public static boolean isPattern(String name) {
    return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0;
  }

  /** Whether a location names several files: a glob pattern in its last name. */
  public static boolean isCollection(String location) {
    return isPattern(RangeTargets.split(StoreUri.stripTrailingSlashes(location)).name());
  }

  /** Whether a directory holds NetCDF-4 / HDF5 files (by name) and no Zarr metadata at its top. */
  public static boolean isHdf5Directory(Store dir) {
    boolean any = false;
    for (String c : dir.listChildren("")) {
      if (c.equals(".zgroup") || c.equals(".zarray") || c.equals("zarr.json") || c.equals(".zmetadata")) {
        return false;
      }
      any |= Hdf5References.isHdf5Name(c);
    }
    return any;
  }

  /**
   * The references of the files a glob or directory names, concatenated. A directory's files get
   * URLs {@code <dirname>/<file>} (relative to the directory that holds it), a glob's files their
   * names (relative to the glob's own directory).
   */
  public static ConcatenatedReferences read(String location, RangeTargets.Opener opener) {
    String loc = StoreUri.stripTrailingSlashes(location);
    RangeTargets.Target t = RangeTargets.split(loc);
    boolean glob = isPattern(t.name());
    String dirLocation = glob ? t.dir() : loc;
    Store dir;
    List<String> names = new ArrayList<>();
    try {
      dir = opener.apply(dirLocation);
      PathMatcher m = glob ? FileSystems.getDefault().getPathMatcher("glob:" + t.name()) : null;
      for (String c : dir.listChildren("")) {
        if (glob ? m.matches(Path.of(c)) : Hdf5References.isHdf5Name(c)) {
          names.add(c);
        }
      }
    } catch (ZarrException e) {
      throw e.at(location, null);
    } catch (RuntimeException e) {
      throw new MissingTargetException("cannot list the files of " + dirLocation + ": " + e.getMessage()).at(location, null);
    }
    if (names.isEmpty()) {
      throw new MissingTargetException(glob ? "no file matches " + t.name() + " in " + dirLocation
          : "the directory holds no NetCDF-4 / HDF5 file (.nc, .nc4, .h5, .hdf5)").at(location, null);
    }
    names.sort(null);
    String prefix = glob ? "" : t.name() + "/";
    List<ConcatenatedReferences.Part> parts = new ArrayList<>();
    for (String name : names) {
      parts.add(part(dir, dirLocation, name, prefix, opener));
    }
    return ConcatenatedReferences.of(parts, location);
  }

  /**
   * The references of files given one by one (each a path or URL, in the order given),
   * concatenated; their URLs are the files' own locations as given.
   */
  public static ConcatenatedReferences ofFiles(List<String> files, RangeTargets.Opener opener) {
    List<ConcatenatedReferences.Part> parts = new ArrayList<>();
    for (String f : files) {
      RangeTargets.Target t = RangeTargets.split(StoreUri.stripTrailingSlashes(f));
      Store dir;
      try {
        dir = opener.apply(t.dir());
      } catch (ZarrException e) {
        throw e.at(f, null);
      }
      String prefix = t.dir().endsWith("/") ? t.dir() : t.dir() + "/";
      parts.add(part(dir, t.dir(), t.name(), prefix, opener));
    }
    return ConcatenatedReferences.of(parts, String.join(" ", files));
  }

  private static ConcatenatedReferences.Part part(Store dir, String dirLocation, String name, String prefix,
      RangeTargets.Opener opener) {
    String fileLocation = dirLocation.endsWith("/") ? dirLocation + name : dirLocation + "/" + name;
    Hdf5References refs = Hdf5References.read(dir, name, fileLocation);
    return new ConcatenatedReferences.Part(fileLocation, refs, prefix, values(refs, fileLocation, dirLocation, opener));
  }

  /** Reads an array of one file whole, through its own references. */
  private static Function<String, NdBuffer> values(Hdf5References refs, String file, String dir, RangeTargets.Opener opener) {
    return array -> {
      ReferenceStore store = new ReferenceStore(refs, file, dir, Remap.NONE, new RangeTargets(opener));
      return Hierarchy.open(store, true, 2).array(array).readAll();
    };
  }
}
