package org.zarrspark.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.zarrspark.core.error.UnsupportedSchemeException;

/**
 * The table from URI scheme to {@link StoreProvider}: the one place a location becomes a store.
 * {@link #standard()} holds the built-in providers and those on the class path (ServiceLoader);
 * zarr-spark adds Hadoop's file systems that way.
 */
public final class StoreProviders {
  private final Map<String, StoreProvider> bySchemes;
  private final StoreProvider fallback;

  private StoreProviders(Map<String, StoreProvider> bySchemes, StoreProvider fallback) {
    this.bySchemes = bySchemes;
    this.fallback = fallback;
  }

  /** The built-in providers and those registered as services, loaded once. */
  public static StoreProviders standard() {
    return Standard.TABLE;
  }

  /** A table of the built-in providers followed by {@code extra}. */
  public static StoreProviders of(List<? extends StoreProvider> extra) {
    List<StoreProvider> all = new ArrayList<>(builtIn());
    all.addAll(extra);
    return table(all);
  }

  private static List<StoreProvider> builtIn() {
    return List.of(new LocalStoreProvider(), new HttpStoreProvider());
  }

  /**
   * Two providers of one scheme (or two that open any other scheme) are a packaging mistake: it
   * fails here rather than letting class path order pick one.
   */
  private static StoreProviders table(List<StoreProvider> providers) {
    Map<String, StoreProvider> bySchemes = new TreeMap<>();
    StoreProvider fallback = null;
    for (StoreProvider p : providers) {
      for (String scheme : p.schemes()) {
        StoreProvider before = bySchemes.putIfAbsent(scheme, p);
        if (before != null && before.getClass() != p.getClass()) {
          throw conflict("scheme '" + scheme + "'", before, p);
        }
      }
      if (p.opensOtherSchemes()) {
        if (fallback != null && fallback.getClass() != p.getClass()) {
          throw conflict("other schemes", fallback, p);
        }
        fallback = p;
      }
    }
    return new StoreProviders(Map.copyOf(bySchemes), fallback);
  }

  private static IllegalStateException conflict(String what, StoreProvider a, StoreProvider b) {
    return new IllegalStateException("two store providers for " + what + ": " + a.getClass().getName()
        + " and " + b.getClass().getName());
  }

  /**
   * The provider of the location's scheme.
   *
   * @throws UnsupportedSchemeException when no provider opens it
   */
  public StoreProvider providerFor(StoreUri location) {
    StoreProvider p = bySchemes.get(location.scheme());
    if (p == null) {
      p = fallback;
    }
    if (p == null) {
      throw new UnsupportedSchemeException(location.text(), location.scheme(), knownSchemes());
    }
    return p;
  }

  /** Opens the store at {@code location}; no I/O happens until a key is read. */
  public Store open(StoreUri location, StoreSettings settings) {
    return providerFor(location).open(location, settings);
  }

  /** The schemes named by a provider, sorted. */
  public List<String> knownSchemes() {
    return bySchemes.keySet().stream().sorted().toList();
  }

  /** Loaded on first use: providers are looked up with the class loader that loaded zarr-core. */
  private static final class Standard {
    static final StoreProviders TABLE = load();

    private static StoreProviders load() {
      List<StoreProvider> found = new ArrayList<>();
      ServiceLoader.load(StoreProvider.class, StoreProvider.class.getClassLoader()).forEach(found::add);
      return of(found);
    }
  }
}
