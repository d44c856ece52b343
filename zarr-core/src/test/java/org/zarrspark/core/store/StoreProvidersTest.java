package org.zarrspark.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.error.UnsupportedSchemeException;

class StoreProvidersTest {
  /** Opens {@code mem://NAME} as a memory store holding its own location and one setting. */
  private static final class MemProvider implements StoreProvider {
    private final Set<String> schemes;
    private final boolean others;

    MemProvider(Set<String> schemes, boolean others) {
      this.schemes = schemes;
      this.others = others;
    }

    @Override
    public Set<String> schemes() {
      return schemes;
    }

    @Override
    public boolean opensOtherSchemes() {
      return others;
    }

    @Override
    public Store open(StoreUri location, StoreSettings settings) {
      MemoryStore s = new MemoryStore();
      s.put("location", location.text().getBytes(StandardCharsets.UTF_8));
      String v = settings.get("k");
      s.put("k", (v == null ? "" : v).getBytes(StandardCharsets.UTF_8));
      return s;
    }
  }

  private static String read(Store s, String key) {
    return new String(s.get(key), StandardCharsets.UTF_8);
  }

  @Test
  void theStandardTableOfPlainZarrCoreHasNoHadoop() {
    assertEquals(List.of("file", "http", "https", "ipfs"), StoreProviders.standard().knownSchemes());
    assertThrows(UnsupportedSchemeException.class, () -> Stores.open("s3a://bucket/x.zarr"));
  }

  @Test
  void builtInsOpenLocalAndHttp() {
    StoreProviders t = StoreProviders.of(List.of());
    assertInstanceOf(LocalStore.class, t.open(new StoreUri("/tmp/x.zarr"), StoreSettings.NONE));
    assertInstanceOf(LocalStore.class, t.open(new StoreUri("file:/tmp/x.zarr"), StoreSettings.NONE));
    assertInstanceOf(HttpStore.class, t.open(new StoreUri("https://host/x.zarr"), StoreSettings.NONE));
    assertInstanceOf(HttpStore.class, t.open(new StoreUri("HTTP://host/x.zarr"), StoreSettings.NONE));
    assertInstanceOf(HttpStore.class, t.open(new StoreUri("ipfs://bafy/x.zarr"), StoreSettings.NONE));
    assertFalse(t.providerFor(new StoreUri("x.zarr")).needsSettings(), "local stores read no settings");
    assertTrue(t.providerFor(new StoreUri("http://h/x")).needsSettings());
  }

  @Test
  void unknownSchemeNamesItAndTheKnownOnes() {
    StoreProviders t = StoreProviders.of(List.of());
    UnsupportedSchemeException e = assertThrows(UnsupportedSchemeException.class,
        () -> t.open(new StoreUri("S3A://bucket/x.zarr"), StoreSettings.NONE));
    assertEquals("s3a", e.scheme());
    assertEquals(List.of("file", "http", "https", "ipfs"), e.knownSchemes());
    assertTrue(e.getMessage().contains("'s3a'"), e.getMessage());
    assertTrue(e.getMessage().contains("file, http, https, ipfs"), e.getMessage());
    assertEquals("unsupported-scheme", e.kind());
  }

  @Test
  void aRegisteredProviderOpensItsScheme() {
    StoreProviders t = StoreProviders.of(List.of(new MemProvider(Set.of("mem"), false)));
    Store s = t.open(new StoreUri("mem://a/"), key -> key.equals("k") ? "v" : null);
    assertEquals("mem://a", read(s, "location"));
    assertEquals("v", read(s, "k"), "settings reach the provider");
    assertTrue(t.knownSchemes().contains("mem"));
    assertThrows(UnsupportedSchemeException.class, () -> t.open(new StoreUri("other://a"), StoreSettings.NONE));
  }

  @Test
  void aFallbackOpensUnnamedSchemesButNotNamedOnes() {
    MemProvider any = new MemProvider(Set.of("hdfs"), true);
    StoreProviders t = StoreProviders.of(List.of(any));
    assertSame(any, t.providerFor(new StoreUri("whatever://x")));
    assertSame(any, t.providerFor(new StoreUri("hdfs://x")));
    assertInstanceOf(HttpStore.class, t.open(new StoreUri("http://h/x"), StoreSettings.NONE));
  }

  @Test
  void twoProvidersOfOneSchemeAreRefused() {
    StoreProvider other = new StoreProvider() {
      @Override
      public Set<String> schemes() {
        return Set.of("https");
      }

      @Override
      public Store open(StoreUri location, StoreSettings settings) {
        return new MemoryStore();
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> StoreProviders.of(List.of(other)));
    assertTrue(e.getMessage().contains("'https'"), e.getMessage());
  }
}
