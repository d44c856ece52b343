package org.zarrspark.spark.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/** Which Hadoop needs an S3AFileStatus to skip its HEAD (the S3 tests count the requests on each line). */
class S3aStatusTest {
  @Test
  void onlyHadoopBefore335LacksTheLengthOption() {
    assertTrue(S3aStatus.olderThan335("3.3.4"));
    assertTrue(S3aStatus.olderThan335("3.3.3-amzn-1"));
    assertTrue(S3aStatus.olderThan335("3.2.4"));
    assertTrue(S3aStatus.olderThan335("2.10.2"));
    assertFalse(S3aStatus.olderThan335("3.3.5"));
    assertFalse(S3aStatus.olderThan335("3.3.6"));
    assertFalse(S3aStatus.olderThan335("3.4.1"));
    assertFalse(S3aStatus.olderThan335("3.5.0-SNAPSHOT"));
    assertFalse(S3aStatus.olderThan335("unknown"));
  }

  @Test
  void otherFileSystemsAndNewerHadoopsGetNone() throws Exception {
    FileSystem local = FileSystem.getLocal(new Configuration());
    assertNull(S3aStatus.of(local, local.makeQualified(new Path("/tmp/x")), 10));
  }
}
