package org.zarrspark.core.icechunk;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The branches and tags of a repository (names → snapshot ids) and the names of deleted tags. */
public record Refs(SortedMap<String, ObjectId> branches, SortedMap<String, ObjectId> tags, List<String> deletedTags) {
  public Refs {
    branches = Collections.unmodifiableSortedMap(new TreeMap<>(branches));
    tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    deletedTags = List.copyOf(deletedTags);
  }

  public static Refs of(Map<String, ObjectId> branches, Map<String, ObjectId> tags, List<String> deletedTags) {
    return new Refs(new TreeMap<>(branches), new TreeMap<>(tags), deletedTags);
  }
}
