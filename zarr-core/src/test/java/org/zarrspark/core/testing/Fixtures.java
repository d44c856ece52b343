package org.zarrspark.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the independent fixtures live: {@code -Dzarr.fixtures=DIR}, else the repository's own
 * {@code testdata/} (found by climbing from the working directory). They are part of the
 * repository, so a test that needs them fails, rather than skips, when they cannot be found.
 */
public final class Fixtures {
  private Fixtures() {}

  public static Path root() {
    String prop = System.getProperty("zarr.fixtures");
    if (prop != null && !prop.isEmpty()) {
      return Paths.get(prop).toAbsolutePath().normalize();
    }
    // Module directory is the working directory under surefire; the project root is its parent.
    Path here = Paths.get("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolve("testdata");
      if (Files.isDirectory(candidate.resolve("python"))) {
        return candidate;
      }
    }
    return here.resolve("../testdata").normalize();
  }

  /** The fixtures folder; fails the calling test when it is absent. */
  public static Path require() {
    Path r = root();
    assertTrue(Files.isDirectory(r),
        "fixtures folder " + r + " is absent: it is the repository's testdata/ (or -Dzarr.fixtures=DIR)");
    return r;
  }

  public static Path python() {
    return require().resolve("python");
  }

  /** The Zarr v3 extension stores (rectilinear grids, new data types and codecs). */
  public static Path v3ext() {
    return require().resolve("v3ext");
  }

  public static Path zarrita() {
    return require().resolve("zarrita-zarrpy2");
  }
}
