package org.zarrspark.spark.icechunk;

import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.icechunk.IcechunkRepository;
import org.zarrspark.core.icechunk.ObjectId;
import org.zarrspark.core.store.StoreUri;
import org.zarrspark.spark.Version;
import org.zarrspark.spark.util.StoreLocation;

/**
 * Finding an Icechunk repository behind a location, and the snapshot a version names. A location
 * may be a repository's root or a group/array path inside it (which exists in no file system: its
 * nodes are in the snapshot). Recognising a root reads what opening it reads anyway: its
 * {@code repo} object (spec 2), else {@code refs/branch.main/ref.json} (spec 1).
 */
public final class Repositories {
  private static final int MAX_DEPTH = 16;

  private Repositories() {}

  /** A repository root, the node path under it, and the repository (its refs already read). */
  public record Found(String root, String node, IcechunkRepository repo) {}

  /** The repository whose root is the location itself, or null. */
  public static Found at(String uri, Configuration conf) {
    String root = new StoreUri(uri).text();
    IcechunkRepository repo = IcechunkRepository.probe(new StoreLocation(root, conf).open());
    return repo == null ? null : new Found(root, "", repo);
  }

  /** The repository the location is in (its root, or a parent's), or null. */
  public static Found above(String uri, Configuration conf) {
    String path = new StoreUri(uri).text();
    String node = "";
    for (int i = 0; i < MAX_DEPTH; i++) {
      IcechunkRepository repo = IcechunkRepository.probe(new StoreLocation(path, conf).open());
      if (repo != null) {
        return new Found(path, node, repo);
      }
      int slash = path.lastIndexOf('/');
      String parent = slash <= 0 ? "" : path.substring(0, slash);
      if (parent.isEmpty() || parent.endsWith(":") || parent.endsWith(":/")) {
        return null;
      }
      node = node.isEmpty() ? path.substring(slash + 1) : path.substring(slash + 1) + "/" + node;
      path = parent;
    }
    return null;
  }

  /** The snapshot a version names (null: the tip of main). */
  public static ObjectId resolve(IcechunkRepository repo, Version v) {
    if (v == null) {
      return repo.branch("main");
    }
    switch (v.kind()) {
      case BRANCH:
        return repo.branch(v.value());
      case TAG:
        return repo.tag(v.value());
      case SNAPSHOT:
        if (!ObjectId.isId12(v.value())) {
          throw new InvalidMetadataException("snapshot '" + v.value() + "' is not an Icechunk snapshot id (20 characters"
              + " of Crockford base32)").at(repo.store().describe(), null);
        }
        return repo.resolve(v.value());
      case TIMESTAMP:
        long micros = Long.parseLong(v.value());
        Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        return repo.snapshotAt("main", at).id();
      default:
        return repo.resolve(v.value());
    }
  }
}
