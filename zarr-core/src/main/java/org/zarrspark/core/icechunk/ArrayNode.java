package org.zarrspark.core.icechunk;

import java.util.ArrayList;
import java.util.List;

/**
 * What a snapshot records of an array besides its zarr.json: the shape per dimension, dimension
 * names and the manifests holding its chunk references. The authoritative chunking is the one in
 * the zarr.json ({@link Node#zarrJson()}).
 */
public record ArrayNode(List<Dimension> dimensions, List<String> dimensionNames, List<ManifestRef> manifests) {
  public ArrayNode {
    dimensions = List.copyOf(dimensions);
    dimensionNames = dimensionNames == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(dimensionNames));
    manifests = List.copyOf(manifests);
  }

  /**
   * One dimension: its length in elements, and (spec 1) the chunk length or (spec 2) the number of
   * chunks; the one a version does not store is -1.
   */
  public record Dimension(long length, long chunkLength, long numChunks) {}

  public long[] shape() {
    long[] s = new long[dimensions.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = dimensions.get(i).length();
    }
    return s;
  }

  /** The manifest whose extents hold the chunk at these grid coordinates, or null (the chunk is the fill value). */
  public ManifestRef manifestFor(long[] chunk) {
    for (ManifestRef m : manifests) {
      if (m.contains(chunk)) {
        return m;
      }
    }
    return null;
  }

  /** The manifests whose extents meet the chunk box [lo, hi) (grid coordinates, hi exclusive). */
  public List<ManifestRef> manifestsFor(long[] lo, long[] hi) {
    List<ManifestRef> out = new ArrayList<>();
    for (ManifestRef m : manifests) {
      if (m.intersects(lo, hi)) {
        out.add(m);
      }
    }
    return out;
  }
}
