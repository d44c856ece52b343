package org.zarrspark.core.icechunk;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.zarrspark.core.json.Json;

/**
 * A group or array of a snapshot: its stable node id (8 bytes), absolute path ({@code /} for the
 * root, {@code /a/b} below), its Zarr v3 metadata document (the zarr.json, as stored) and, for an
 * array, its {@link ArrayNode}.
 */
public record Node(ObjectId id, String path, Kind kind, byte[] userData, ArrayNode array) {
  public enum Kind { GROUP, ARRAY }

  public boolean isArray() {
    return kind == Kind.ARRAY;
  }

  /** The zarr.json document of this node (bounded parse; errors are InvalidMetadataException). */
  public JsonNode zarrJson() {
    return Json.parse(userData);
  }

  /** The zarr.json as text. */
  public String zarrJsonText() {
    return new String(userData, StandardCharsets.UTF_8);
  }

  /** The node's name (last path segment; "" for the root). */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The path without its leading '/', as a store-relative key prefix ("" for the root). */
  public String relativePath() {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  @Override
  public String toString() {
    return "Node[" + kind + " " + path + " " + id + "]";
  }
}
