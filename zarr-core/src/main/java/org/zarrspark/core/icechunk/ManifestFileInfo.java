package org.zarrspark.core.icechunk;

/** A manifest file a snapshot points to: id, serialized size and number of chunk references. */
public record ManifestFileInfo(ObjectId id, long sizeBytes, long numChunkRefs) {}
