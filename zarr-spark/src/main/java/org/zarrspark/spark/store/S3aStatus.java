package org.zarrspark.spark.store;

import java.lang.reflect.Constructor;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.VersionInfo;

/**
 * The one difference between Hadoop lines the connector has to bridge: S3A before Hadoop 3.3.5
 * (Spark 3.5 ships 3.3.4) has no {@code fs.option.openfile.length}, and skips the HEAD of an open
 * only when given an {@code S3AFileStatus}. That class is the cluster's hadoop-aws, not a
 * dependency of ours, so it is made by reflection, and only where the option is missing.
 */
final class S3aStatus {
  private static final String S3A_FS = "org.apache.hadoop.fs.s3a.S3AFileSystem";
  private static final String S3A_STATUS = "org.apache.hadoop.fs.s3a.S3AFileStatus";
  private static final boolean NEEDED = olderThan335(VersionInfo.getVersion());

  private static final ClassValue<Constructor<?>> CONSTRUCTORS = new ClassValue<>() {
    @Override
    protected Constructor<?> computeValue(Class<?> fsClass) {
      try {
        Class<?> c = Class.forName(S3A_STATUS, false, fsClass.getClassLoader());
        // (length, modification time, path, block size, owner, eTag, versionId): 3.3.x and later.
        return c.getConstructor(long.class, long.class, Path.class, long.class, String.class, String.class,
            String.class);
      } catch (ReflectiveOperationException | LinkageError e) {
        return null;
      }
    }
  };

  private S3aStatus() {}

  /** A status of {@code length} bytes for an open on an old S3A, or null where none is needed. */
  static FileStatus of(FileSystem fs, Path qualified, long length) {
    if (!NEEDED || !fs.getClass().getName().equals(S3A_FS)) {
      return null;
    }
    Constructor<?> c = CONSTRUCTORS.get(fs.getClass());
    if (c == null) {
      return null;
    }
    try {
      return (FileStatus) c.newInstance(length, 0L, qualified, 0L, null, null, null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // S3A then looks the object up itself: one more request, same bytes
    }
  }

  /** Whether a Hadoop version ("3.3.4", "3.4.1-amzn-0") predates openFile's length option. */
  static boolean olderThan335(String version) {
    String[] p = version.split("[.-]");
    try {
      int major = Integer.parseInt(p[0]);
      int minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
      int patch = p.length > 2 ? Integer.parseInt(p[2]) : 0;
      return major < 3 || (major == 3 && (minor < 3 || (minor == 3 && patch < 5)));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
