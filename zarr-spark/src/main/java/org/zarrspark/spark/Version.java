package org.zarrspark.spark;

import java.io.Serializable;

/**
 * Which version of an Icechunk repository a read sees: a branch, a tag or a snapshot id (options
 * of those names), any of the three (VERSION AS OF), or the newest snapshot of main at an instant
 * (TIMESTAMP AS OF, {@code value} in microseconds since the epoch).
 */
public record Version(Kind kind, String value) implements Serializable {
  public enum Kind {
    BRANCH("branch"), TAG("tag"), SNAPSHOT("snapshot"), ANY("VERSION AS OF"), TIMESTAMP("TIMESTAMP AS OF");

    private final String option;

    Kind(String option) {
      this.option = option;
    }

    /** The option (or SQL clause) that names this kind. */
    public String option() {
      return option;
    }
  }

  @Override
  public String toString() {
    return kind.option() + " '" + value + "'";
  }
}
