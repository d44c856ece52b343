package org.zarrspark.core.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A group: its Zarr version and attributes. */
public final class GroupMetadata {
  private final int zarrFormat;
  private final ObjectNode attributes;

  public GroupMetadata(int zarrFormat, ObjectNode attributes) {
    this.zarrFormat = zarrFormat;
    this.attributes = attributes;
  }

  public int zarrFormat() {
    return zarrFormat;
  }

  public ObjectNode attributes() {
    return attributes;
  }
}
