package org.zarrspark.core.icechunk;

/** The file type byte of an Icechunk metadata file header. */
public enum FileType {
  SNAPSHOT(1),
  MANIFEST(2),
  TRANSACTION_LOG(4),
  REPO_INFO(6);

  private final int code;

  FileType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type of this code, or null when the specification defines none. */
  public static FileType of(int code) {
    for (FileType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
