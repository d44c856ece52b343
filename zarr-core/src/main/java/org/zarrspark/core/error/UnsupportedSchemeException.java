package org.zarrspark.core.error;

import java.util.List;

/** A location whose URI scheme no store provider opens. */
public class UnsupportedSchemeException extends StoreException {
  private final String scheme;
  private final List<String> knownSchemes;

  public UnsupportedSchemeException(String location, String scheme, List<String> knownSchemes) {
    super("no store for scheme '" + scheme + "' in '" + location + "'; known schemes: "
        + String.join(", ", knownSchemes)
        + " (other schemes, e.g. s3a:// or hdfs://, need Hadoop: the zarr-spark connector)");
    this.scheme = scheme;
    this.knownSchemes = List.copyOf(knownSchemes);
  }

  public String scheme() {
    return scheme;
  }

  /** The schemes that can be opened, sorted. */
  public List<String> knownSchemes() {
    return knownSchemes;
  }

  @Override
  public String kind() {
    return "unsupported-scheme";
  }
}
