package org.zarrspark.core.layout;

import java.util.Optional;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.store.Store;

/**
 * Finds how a store keeps its metadata, in the fewest requests: the root zarr.json (v3, its
 * consolidated metadata inline), then .zmetadata (consolidated v2), then the root's
 * .zarray/.zgroup, then an implicit root group. A known format skips the other's probes. A new
 * way of keeping metadata is one more {@link MetadataLayout} and, if it can be detected, one
 * more step here.
 */
public final class LayoutProbe {
  private LayoutProbe() {}

  public static MetadataLayout open(Store store, OpenOptions options) {
    Optional<ZarrFormat> wanted = options.format();
    if (wanted.isEmpty() || wanted.get() == ZarrFormat.V3) {
      Optional<MetadataLayout> v3 = v3(store, options);
      if (v3.isPresent()) {
        return v3.get();
      }
      if (wanted.isPresent()) {
        throw new InvalidMetadataException("no zarr.json: not a Zarr v3 node (zarr format 3 was given)")
            .at(store.describe(), "zarr.json");
      }
    }
    byte[] zmetadata = options.useConsolidated() ? store.get(ConsolidatedV2Layout.KEY) : null;
    if (zmetadata != null) {
      return ConsolidatedV2Layout.of(store, zmetadata);
    }
    V2Layout v2 = new V2Layout(store);
    if (v2.kind("").isPresent()) {
      return v2;
    }
    return ImplicitRoot.find(store, wanted).orElseThrow(() -> new InvalidMetadataException(wanted.isPresent()
        ? "no Zarr v2 array or group here (no .zmetadata, .zarray or .zgroup; zarr format 2 was given)"
        : "no Zarr array or group here (no zarr.json, .zarray or .zgroup)").at(store.describe(), ""));
  }

  private static Optional<MetadataLayout> v3(Store store, OpenOptions options) {
    byte[] bytes = store.get("zarr.json");
    if (bytes == null) {
      return Optional.empty();
    }
    NodeDocs root = NodeDocs.v3(store, "zarr.json", Located.json(store, "zarr.json", bytes));
    if (options.useConsolidated()) {
      Optional<ConsolidatedV3Layout> consolidated = ConsolidatedV3Layout.of(store, root);
      if (consolidated.isPresent()) {
        return Optional.of(consolidated.get());
      }
    }
    return Optional.of(new V3Layout(store, root));
  }
}
