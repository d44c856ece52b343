package org.zarrspark.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.error.InvalidMetadataException;

class StoreUriTest {
  @Test
  void plainPathsAreFileWithoutScheme() {
    for (String p : new String[] {"/data/era5.zarr", "data/era5.zarr", "era5.zarr", "./a:b", ""}) {
      StoreUri u = new StoreUri(p);
      assertTrue(u.isPlainPath(), p);
      assertEquals("file", u.scheme(), p);
    }
    assertEquals(Paths.get("/data/era5.zarr"), new StoreUri("/data/era5.zarr/").localPath());
  }

  @Test
  void schemesAreParsedAndLowerCased() {
    assertEquals("s3a", new StoreUri("s3a://bucket/x.zarr").scheme());
    assertEquals("https", new StoreUri("HTTPS://host/x").scheme());
    assertEquals("ipfs", new StoreUri("ipfs://bafy/x").scheme());
    assertEquals("x-y.z+w", new StoreUri("x-y.z+w:rest").scheme());
    assertFalse(new StoreUri("s3a://bucket").isPlainPath());
    // a scheme starts with a letter
    assertTrue(new StoreUri("1ab://x").isPlainPath());
  }

  @Test
  void fileUrisAreLocalPaths() {
    assertEquals("file", new StoreUri("file:/tmp/a.zarr").scheme());
    assertEquals(Paths.get("/tmp/a.zarr"), new StoreUri("file:/tmp/a.zarr/").localPath());
    assertEquals(Paths.get("/tmp/a.zarr"), new StoreUri("file:///tmp/a.zarr").localPath());
    assertThrows(InvalidMetadataException.class, () -> new StoreUri("s3a://b/a.zarr").localPath());
  }

  @Test
  void trailingSlashesGoButRootsStay() {
    assertEquals("s3a://bucket/x.zarr", new StoreUri("s3a://bucket/x.zarr///").text());
    assertEquals("/data", new StoreUri("/data/").text());
    assertEquals("/", new StoreUri("/").text());
    assertEquals("/", new StoreUri("///").text());
    assertEquals("s3a://", new StoreUri("s3a://").text());
    assertEquals("s3a://", new StoreUri("s3a:///").text());
    assertEquals("a", StoreUri.stripTrailingSlashes("a//"));
    assertEquals(new StoreUri("http://h/a"), new StoreUri("http://h/a/"), "a value: equal by text");
    assertEquals("http://h/a", new StoreUri("http://h/a/").toString());
  }
}
