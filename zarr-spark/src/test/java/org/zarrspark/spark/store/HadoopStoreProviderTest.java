package org.zarrspark.spark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.store.HttpStore;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.store.StoreProviders;
import org.zarrspark.core.store.StoreUri;
import org.zarrspark.core.store.Stores;
import org.zarrspark.core.testing.Fixtures;
import org.zarrspark.spark.util.StoreLocation;

/** The Hadoop provider joins zarr-core's table from this module's META-INF/services. No I/O. */
class HadoopStoreProviderTest {
  @Test
  void hadoopSchemesOpenThroughTheCoreTable() {
    assertInstanceOf(HadoopStore.class, Stores.open("s3a://bucket/x.zarr/"));
    assertEquals("s3a://bucket/x.zarr", Stores.open("s3a://bucket/x.zarr/").describe());
    // Hadoop's schemes are configured at run time: any scheme without a provider of its own
    assertInstanceOf(HadoopStore.class, Stores.open("somefs://host/x.zarr"));
    assertInstanceOf(LocalStore.class, Stores.open("/tmp/x.zarr"));
    assertInstanceOf(HttpStore.class, Stores.open("http://host/x.zarr"));
    assertTrue(StoreProviders.standard().knownSchemes().containsAll(java.util.List.of("s3a", "hdfs", "file", "http")));
  }

  @Test
  void settingsHandTheWholeConfigurationToHadoop() {
    Configuration conf = new Configuration(false);
    conf.set("zarr.http.attempts", "3");
    HadoopSettings s = new HadoopSettings(conf);
    assertEquals("3", s.get("zarr.http.attempts"));
    assertNull(s.get("missing"));
    assertSame(conf, s.unwrap(Configuration.class));
    assertNull(s.unwrap(String.class));
  }

  @Test
  void localLocationsTravelWithoutTheConfiguration() throws Exception {
    Configuration conf = new Configuration(false);
    for (int i = 0; i < 200; i++) {
      conf.set("some.key." + i, "a value that makes the configuration big");
    }
    String local = Fixtures.python().resolve("xr_climate_v3/store.zarr").toString() + "/";
    StoreLocation l = roundTrip(new StoreLocation(local, conf));
    StoreLocation r = roundTrip(new StoreLocation("s3a://bucket/x.zarr", conf));
    assertEquals(new StoreUri(local).text(), l.uri());
    assertInstanceOf(LocalStore.class, l.open());
    assertTrue(l.open().exists("zarr.json"));
    assertNull(l.conf().get("some.key.1"), "left behind");
    assertEquals("a value that makes the configuration big", r.conf().get("some.key.1"));
    assertInstanceOf(HadoopStore.class, r.open());
    assertTrue(size(new StoreLocation(local, conf)) * 10 < size(new StoreLocation("s3a://b/x", conf)));
  }

  private static int size(Object o) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(o);
    }
    return b.size();
  }

  private static StoreLocation roundTrip(StoreLocation loc) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(loc);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
      return (StoreLocation) in.readObject();
    }
  }
}
