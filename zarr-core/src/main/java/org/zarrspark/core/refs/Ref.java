package org.zarrspark.core.refs;

/** Where one key's bytes are: inline, or a range (or the whole) of a target file. */
public sealed interface Ref {
  /** Bytes held in the reference set itself ({@code "base64:..."} or a plain string). */
  record Inline(byte[] data) implements Ref {}

  /**
   * {@code length} bytes at {@code offset} of the file at {@code url} (as written in the set:
   * remapping and relative paths are resolved by the store); length -1 is the whole file.
   */
  record Range(String url, long offset, long length) implements Ref {
    public boolean wholeFile() {
      return length < 0;
    }
  }
}
