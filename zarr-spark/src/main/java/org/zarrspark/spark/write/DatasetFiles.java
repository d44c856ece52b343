package org.zarrspark.spark.write;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.zarrspark.core.store.Store;
import org.zarrspark.spark.util.StoreLocation;

/**
 * Whole-dataset file operations of the writer (exists, delete, rename), through Hadoop's
 * FileSystem; plain paths are local files, as for {@link StoreLocation}.
 */
public final class DatasetFiles {
  private DatasetFiles() {}

  static Path path(String uri) {
    return uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") ? new Path(uri) : new Path(new File(uri).getAbsoluteFile().toURI());
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

  /** A location beside {@code uri}, for a dataset being written or one being replaced. */
  static String sibling(String uri, String tag) {
    String u = uri;
    while (u.length() > 1 && u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    int slash = u.lastIndexOf('/');
    String name = u.substring(slash + 1);
    return u.substring(0, slash + 1) + "." + name + "." + tag;
  }
}
