package org.zarrspark.core.error;

/**
 * A version asked of an Icechunk repository that it does not have (no such branch, tag or
 * snapshot), or a name that is both a branch and a tag. The message names the repository and the
 * version, and lists what exists when the list is short.
 */
public class UnknownRefException extends ZarrException {
  public UnknownRefException(String detail) {
    super(detail);
  }

  @Override
  public String kind() {
    return "unknown-ref";
  }
}
