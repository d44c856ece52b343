package org.zarrspark.core.layout;

import java.util.Objects;
import java.util.Optional;

/**
 * How to open a hierarchy.
 *
 * @param useConsolidated read consolidated metadata when there is some (false re-reads every
 *     node's own documents, to re-consolidate, say)
 * @param format the format when known: it saves a request on object stores, since a v2 open
 *     otherwise first looks for a v3 zarr.json
 */
public record OpenOptions(boolean useConsolidated, Optional<ZarrFormat> format) {
  /** Consolidated metadata when present, format found out. */
  public static final OpenOptions DEFAULT = new OpenOptions(true, Optional.empty());

  public OpenOptions {
    Objects.requireNonNull(format, "format");
  }

  public OpenOptions withFormat(ZarrFormat f) {
    return new OpenOptions(useConsolidated, Optional.of(f));
  }

  public OpenOptions ignoringConsolidated() {
    return new OpenOptions(false, format);
  }
}
