package org.zarrspark.core.error;

/** A chunk reference (kerchunk reference, Icechunk virtual chunk) whose target file does not exist. */
public class MissingTargetException extends CorruptChunkException {
  public MissingTargetException(String detail) {
    super(detail);
  }

  @Override
  public String kind() {
    return "missing-target";
  }
}
