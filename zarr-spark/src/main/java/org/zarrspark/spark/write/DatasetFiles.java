package org.zarrspark.spark.write;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreUri;
import org.zarrspark.spark.util.StoreLocation;

/**
 * Whole-dataset file operations of the writer (exists, delete, rename), through Hadoop's
 * FileSystem; plain paths are local files, as for {@link StoreLocation}.
 */
public final class DatasetFiles {
  private DatasetFiles() {}

  static Path path(String uri) {
    return new StoreUri(uri).isPlainPath() ? new Path(new File(uri).getAbsoluteFile().toURI()) : new Path(uri);
  }

  private static FileSystem fs(Path p, Configuration conf) throws IOException {
    return p.getFileSystem(conf);
  }

  /** Whether the location holds a Zarr group or array (its root metadata). */
  public static boolean isZarr(StoreLocation loc) {
    Store s = loc.open();
    return s.exists("zarr.json") || s.exists(".zgroup") || s.exists(".zarray");
  }

  /** Whether anything (a file, or a folder with entries) is at the location. */
  static boolean hasContent(StoreLocation loc) {
    Path p = path(loc.uri());
    try {
      FileSystem fs = fs(p, loc.conf());
      if (!fs.exists(p)) {
        return false;
      }
      FileStatus st = fs.getFileStatus(p);
      return !st.isDirectory() || fs.listStatus(p).length > 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect " + loc.uri() + ": " + e.getMessage(), e);
    }
  }

  static void delete(String uri, Configuration conf) {
    Path p = path(uri);
    try {
      fs(p, conf).delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + uri + ": " + e.getMessage(), e);
    }
  }

  static void rename(String from, String to, Configuration conf) {
    Path a = path(from);
    Path b = path(to);
    try {
      if (!fs(a, conf).rename(a, b)) {
        throw new IOException("rename returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  /** Whether renaming a folder is one atomic step: local disks and HDFS; object stores copy. */
  static boolean atomicRename(String uri, Configuration conf) {
    String scheme = path(uri).toUri().getScheme();
    return scheme == null || ATOMIC_RENAME.contains(scheme.toLowerCase(java.util.Locale.ROOT));
  }

  private static final java.util.Set<String> ATOMIC_RENAME = java.util.Set.of("file", "hdfs", "viewfs");

  /**
   * A dataset's root metadata, in the order a swap publishes it: readers open the consolidated
   * document ({@code zarr.json}, {@code .zmetadata}), so it comes last.
   */
  static final java.util.List<String> ROOT_METADATA = java.util.List.of(".zattrs", ".zgroup", "zarr.json", ".zmetadata");

  /**
   * Replaces the dataset at {@code target} by the complete one at {@code staging} where renames
   * copy (object stores): hides the old dataset (its root metadata first), deletes it, moves the
   * new one's arrays in, then its root metadata, last. New readers see the old dataset, then no
   * dataset, then the new one, never a mix; a query already reading the old dataset may find its
   * chunks gone (read as the fill value) or replaced.
   */
  static void replaceByMoves(String staging, String target, Configuration conf) {
    Path from = path(staging);
    Path to = path(target);
    try {
      FileSystem fs = fs(to, conf);
      for (int i = ROOT_METADATA.size() - 1; i >= 0; i--) {
        fs.delete(new Path(to, ROOT_METADATA.get(i)), false);
      }
      fs.delete(to, true);
      FileStatus[] entries = fs.listStatus(from);
      for (FileStatus e : entries) {
        if (!ROOT_METADATA.contains(e.getPath().getName())) {
          move(fs, e.getPath(), new Path(to, e.getPath().getName()));
        }
      }
      for (String name : ROOT_METADATA) {
        Path m = new Path(from, name);
        if (fs.exists(m)) {
          move(fs, m, new Path(to, name));
        }
      }
      fs.delete(from, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the new dataset from " + staging + " to " + target
          + " (the old one is deleted; what was not moved is still at " + staging + "): " + e.getMessage(), e);
    }
  }

  private static void move(FileSystem fs, Path a, Path b) throws IOException {
    if (!fs.rename(a, b)) {
      throw new IOException("rename of " + a + " to " + b + " returned false");
    }
  }

  /** A location beside {@code uri}, for a dataset being written or one being replaced. */
  static String sibling(String uri, String tag) {
    String u = new StoreUri(uri).text();
    int slash = u.lastIndexOf('/');
    String name = u.substring(slash + 1);
    return u.substring(0, slash + 1) + "." + name + "." + tag;
  }
}
