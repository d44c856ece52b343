/**
 * Icechunk repositories (earth-mover/icechunk), read in pure Java: spec 1, spec 2 and spec 2.1
 * (which files say is version 2). Format only, no Spark: a later layer maps a snapshot's nodes to
 * Zarr metadata and its chunk references to chunk sources.
 *
 * <p>Entry point: {@link org.zarrspark.core.icechunk.IcechunkRepository} over any
 * {@link org.zarrspark.core.store.Store} rooted at the repository. Objects are read lazily and each
 * once: the repo info file (spec 2) or one ref file (spec 1), then a {@link
 * org.zarrspark.core.icechunk.Snapshot} per snapshot id, then a {@link
 * org.zarrspark.core.icechunk.Manifest} only when a chunk in its extents is asked for.
 *
 * <p>Files: {@link org.zarrspark.core.icechunk.FileHeader} (39 bytes) + zstd ({@code ZstdCodec})
 * + flatbuffer. The flatbuffers are read by hand through {@link
 * org.zarrspark.core.icechunk.FlatBuffer}, a bounds-checked reader (flatbuffers-java has no
 * verifier, and repositories are third-party data); no code is generated. Field slots follow
 * {@code icechunk-format/flatbuffers/*.fbs} at icechunk commit 224519be49795c91fa35c2404b04ad5cb298a065
 * (fields are only ever appended, so spec 1 files read with the same slots). FlexBuffers (spec 2
 * configuration and metadata values) come from flatbuffers-java, MessagePack (spec 1 metadata
 * values) from msgpack-core, spec 1's {@code config.yaml} from a small block-YAML reader.
 */
package org.zarrspark.core.icechunk;
