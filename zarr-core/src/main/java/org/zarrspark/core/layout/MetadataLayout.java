package org.zarrspark.core.layout;

import java.util.List;
import java.util.Optional;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.GroupMetadata;

/**
 * One way a hierarchy's metadata is kept: a document per node (v3 zarr.json, v2
 * .zarray/.zgroup/.zattrs), one consolidated document (v2 .zmetadata, v3 inline
 * consolidated_metadata), or anything else that can answer these questions (an Icechunk
 * snapshot, a kerchunk reference set). {@code Hierarchy} asks only this.
 *
 * <p>Paths are normalized node paths ('/'-separated, "" for the root). Errors are
 * {@link org.zarrspark.core.error.ZarrException}s that name the store and the key they concern.
 * Implementations are thread-safe; the caller caches parsed metadata.
 */
public interface MetadataLayout {
  ZarrFormat format();

  /** Whether one document describes every node (no listing, no per-node reads). */
  boolean isConsolidated();

  /** The kind of node at the path; empty when there is none. */
  Optional<NodeKind> kind(String path);

  /** The array at the path; an error naming the key when there is none or it is a group. */
  ArrayMetadata arrayMetadata(String path);

  /** The group at the path; an error naming the key when there is none or it is an array. */
  GroupMetadata groupMetadata(String path);

  /** Names of the child nodes of a group (the caller checked it is one), sorted. */
  List<String> children(String groupPath);
}
