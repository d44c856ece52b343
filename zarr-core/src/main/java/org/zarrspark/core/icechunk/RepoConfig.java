package org.zarrspark.core.icechunk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a reader needs of a repository's configuration (spec 2: FlexBuffers in the repo info file;
 * spec 1: {@code config.yaml}, absent when default): the inline chunk threshold and the virtual
 * chunk containers (their URL prefixes are what a user authorises). {@code raw} keeps the whole
 * configuration as plain values.
 *
 * @param inlineChunkThresholdBytes null when not set (Icechunk's default is 512)
 */
public record RepoConfig(Long inlineChunkThresholdBytes, List<VirtualChunkContainer> virtualChunkContainers,
    Map<String, Object> raw) {
  public static final RepoConfig DEFAULT = new RepoConfig(null, List.of(), Map.of());

  public RepoConfig {
    virtualChunkContainers = List.copyOf(virtualChunkContainers);
    raw = Collections.unmodifiableMap(raw);
  }

  /** A virtual chunk container: its name (may be null), URL prefix and store settings as configured. */
  public record VirtualChunkContainer(String name, String urlPrefix, Object store) {}

  /** The container whose prefix is the longest one {@code url} starts with, or null. */
  public VirtualChunkContainer containerFor(String url) {
    VirtualChunkContainer best = null;
    for (VirtualChunkContainer c : virtualChunkContainers) {
      if (c.urlPrefix() != null && url.startsWith(c.urlPrefix())
          && (best == null || c.urlPrefix().length() > best.urlPrefix().length())) {
        best = c;
      }
    }
    return best;
  }

  /** From the configuration as plain values (a map; anything else is refused). */
  @SuppressWarnings("unchecked")
  public static RepoConfig fromTree(Object tree) {
    if (tree == null) {
      return DEFAULT;
    }
    if (!(tree instanceof Map)) {
      throw new org.zarrspark.core.error.IcechunkFormatException("the repository configuration is not a map");
    }
    Map<String, Object> map = (Map<String, Object>) tree;
    Long threshold = map.get("inline_chunk_threshold_bytes") instanceof Number n ? n.longValue() : null;
    List<VirtualChunkContainer> containers = new ArrayList<>();
    Object vcc = map.get("virtual_chunk_containers");
    if (vcc instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        containers.add(container(String.valueOf(e.getKey()), e.getValue()));
      }
    } else if (vcc instanceof List<?> l) {
      for (Object o : l) {
        containers.add(container(null, o));
      }
    }
    return new RepoConfig(threshold, containers, map);
  }

  private static VirtualChunkContainer container(String key, Object value) {
    if (value instanceof Map<?, ?> m) {
      Object name = m.get("name");
      Object prefix = m.get("url_prefix");
      return new VirtualChunkContainer(name == null ? key : String.valueOf(name),
          prefix == null ? key : String.valueOf(prefix), m.get("store"));
    }
    return new VirtualChunkContainer(key, key, value);
  }
}
