package org.zarrspark.core.store;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.zarrspark.core.error.InvalidMetadataException;

/**
 * Where a store lives, as the user wrote it: a plain path or a URI ({@code file:},
 * {@code s3a://bucket/x.zarr}, ...), without trailing slashes. The one place that tells a scheme
 * from a path, so that every caller picks the same store for the same text.
 *
 * @param text the location, trailing slashes removed (a root such as {@code /} or
 *     {@code s3a://} keeps its own)
 */
public record StoreUri(String text) implements Serializable {
  /** RFC 3986 scheme followed by ':'; anything else is a plain path. */
  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):.*");

  /** The scheme plain paths are opened with. */
  public static final String FILE = "file";

  public StoreUri {
    text = stripTrailingSlashes(Objects.requireNonNull(text, "store location"));
  }

  /**
   * The scheme in lower case (schemes are case-insensitive); {@value #FILE} for a plain path.
   */
  public String scheme() {
    var m = SCHEME.matcher(text);
    return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : FILE;
  }

  /** Whether the location is a path without a scheme (relative or absolute). */
  public boolean isPlainPath() {
    return !SCHEME.matcher(text).matches();
  }

  /** The local path of a plain path or a {@code file:} URI. */
  public Path localPath() {
    if (isPlainPath()) {
      return Paths.get(text);
    }
    if (!scheme().equals(FILE)) {
      throw new InvalidMetadataException("'" + text + "' is not a local path");
    }
    return Paths.get(URI.create(text));
  }

  /**
   * {@code s} without its trailing slashes, except a lone "/" and the "//" right after a scheme
   * (stripping those would turn a root into something else).
   */
  public static String stripTrailingSlashes(String s) {
    String t = s;
    while (t.length() > 1 && t.endsWith("/") && !t.endsWith("://")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  @Override
  public String toString() {
    return text;
  }
}
