package org.zarrspark.spark.refs;

import org.apache.hadoop.conf.Configuration;
import org.zarrspark.core.refs.ParquetReferences;
import org.zarrspark.core.refs.ReferenceSets;
import org.zarrspark.core.store.RangeTargets;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreUri;
import org.zarrspark.spark.util.StoreLocation;

/**
 * Recognising a kerchunk reference set at a location: a name ending in {@code .json} (or a path
 * below such a name: the node inside), a directory whose {@code .zmetadata} carries
 * {@code record_size} (one read of it), or, when nothing else opens, a file whose content is a
 * JSON reference set.
 */
public final class ReferenceLocations {
  private ReferenceLocations() {}

  /** The set named by the location's path, or whose .zmetadata is at the location; else null. */
  public static ReferenceSets.Found at(String uri, Configuration conf) {
    ReferenceSets.Found json = ReferenceSets.jsonByName(uri);
    if (json != null) {
      return json;
    }
    String root = new StoreUri(uri).text();
    if (root.endsWith(".zarr")) {
      return null;
    }
    byte[] zm;
    try {
      zm = new StoreLocation(root, conf).open().get(".zmetadata");
    } catch (RuntimeException e) {
      return null;
    }
    return ParquetReferences.isReferenceMetadata(zm) ? new ReferenceSets.Found(root, ReferenceSets.Kind.PARQUET, "") : null;
  }

  /** A file whose content is a JSON reference set (whatever its name), else null. */
  public static ReferenceSets.Found byContent(String uri, Configuration conf) {
    RangeTargets.Target t = RangeTargets.split(new StoreUri(uri).text());
    try {
      Store dir = new StoreLocation(t.dir(), conf).open();
      long size = dir.size(t.name());
      if (size <= 0 || size > org.zarrspark.core.json.Json.MAX_DOCUMENT_BYTES) {
        return null;
      }
      byte[] head = dir.getRange(t.name(), 0, 64);
      if (head == null || !new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).trim().startsWith("{")) {
        return null;
      }
      return ReferenceSets.looksLikeJsonReferences(dir.get(t.name()))
          ? new ReferenceSets.Found(t.url(), ReferenceSets.Kind.JSON, "") : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
