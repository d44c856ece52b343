package org.zarrspark.core.icechunk;

/** Object keys of a repository, relative to its root. */
public final class RepoKeys {
  public static final String REPO_INFO = "repo";
  public static final String CONFIG_V1 = "config.yaml";
  public static final String REFS_V1 = "refs";

  private RepoKeys() {}

  public static String snapshot(ObjectId id) {
    return "snapshots/" + id;
  }

  public static String manifest(ObjectId id) {
    return "manifests/" + id;
  }

  public static String chunk(ObjectId id) {
    return "chunks/" + id;
  }

  public static String transactionLog(ObjectId id) {
    return "transactions/" + id;
  }

  /** Spec 1: the ref file of a branch. */
  public static String branchV1(String name) {
    return "refs/branch." + name + "/ref.json";
  }

  /** Spec 1: the ref file of a tag. */
  public static String tagV1(String name) {
    return "refs/tag." + name + "/ref.json";
  }

  /** Spec 1: the tombstone of a deleted tag. */
  public static String deletedTagV1(String name) {
    return "refs/tag." + name + "/ref.json.deleted";
  }
}
