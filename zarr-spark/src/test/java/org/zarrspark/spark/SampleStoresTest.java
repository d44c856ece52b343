package org.zarrspark.spark;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.zarrspark.cli.SampleStore;
import org.zarrspark.core.store.LocalStore;

/** A Spark test over the built-in sample written as Zarr v2 ({@code dir/v2.zarr}) and v3 ({@code dir/v3.zarr}). */
abstract class SampleStoresTest extends SparkTestBase {
  @TempDir
  static Path dir;

  @BeforeAll
  static void writeSampleStores() {
    SampleStore.write(new LocalStore(dir.resolve("v2.zarr")), 2);
    SampleStore.write(new LocalStore(dir.resolve("v3.zarr")), 3);
  }
}
