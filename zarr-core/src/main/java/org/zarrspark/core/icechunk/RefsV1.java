package org.zarrspark.core.icechunk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.zarrspark.core.error.IcechunkFormatException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.store.Store;

/**
 * Spec 1 references: {@code refs/branch.NAME/ref.json} and {@code refs/tag.NAME/ref.json}, each
 * {@code {"snapshot": "ID"}}; a deleted tag keeps its ref file beside a {@code ref.json.deleted}
 * tombstone. One ref costs one GET (a tag one more existence check for its tombstone); all of them
 * one listing of {@code refs/} and then those reads.
 */
final class RefsV1 {
  private RefsV1() {}

  /** The snapshot a ref file names, or null when the file does not exist. */
  static ObjectId read(Store store, String key) {
    byte[] bytes = store.get(key);
    if (bytes == null) {
      return null;
    }
    try {
      JsonNode doc = Json.parse(bytes);
      JsonNode id = doc.get("snapshot");
      if (id == null || !id.isTextual()) {
        throw new IcechunkFormatException("ref file is not {\"snapshot\": \"ID\"}");
      }
      return ObjectId.parse12(id.asText());
    } catch (ZarrException e) {
      throw new IcechunkFormatException("invalid Icechunk ref file: " + e.detail(), e).at(store.describe(), key);
    }
  }

  static boolean tagDeleted(Store store, String name) {
    return store.exists(RepoKeys.deletedTagV1(name));
  }

  static Refs list(Store store) {
    TreeMap<String, ObjectId> branches = new TreeMap<>();
    TreeMap<String, ObjectId> tags = new TreeMap<>();
    List<String> deleted = new ArrayList<>();
    for (String entry : store.listChildren(RepoKeys.REFS_V1)) {
      String child = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
      if (child.startsWith("branch.")) {
        String name = child.substring("branch.".length());
        ObjectId id = read(store, RepoKeys.branchV1(name));
        if (id != null) {
          branches.put(name, id);
        }
      } else if (child.startsWith("tag.")) {
        String name = child.substring("tag.".length());
        if (tagDeleted(store, name)) {
          deleted.add(name);
          continue;
        }
        ObjectId id = read(store, RepoKeys.tagV1(name));
        if (id != null) {
          tags.put(name, id);
        }
      }
    }
    return new Refs(branches, tags, deleted);
  }
}
