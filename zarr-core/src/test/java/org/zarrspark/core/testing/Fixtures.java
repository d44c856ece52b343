package org.zarrspark.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the independent fixtures live: {@code -Dzarr.fixtures=DIR}, else {@code ../shared/fixtures}
 * from the project root. Tests that need them are skipped, with a message, where they are absent.
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
      Path candidate = p.resolve("../shared/fixtures").normalize();
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return here.resolve("../../shared/fixtures").normalize();
  }

  /** The fixtures folder, or skips the calling test when it is absent. */
  public static Path require() {
    Path r = root();
    assumeTrue(Files.isDirectory(r),
        "fixtures folder " + r + " is absent (set -Dzarr.fixtures=DIR): skipping fixture tests");
    return r;
  }

  public static Path python() {
    return require().resolve("python");
  }

  public static Path zarrita() {
    return require().resolve("zarrita-zarrpy2");
  }
}
