package org.zarrspark.core.icechunk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.zarrspark.core.error.IcechunkFormatException;

/**
 * The 39-byte header of every Icechunk metadata file: 12 magic bytes {@code ICE🧊CHUNK}, 24 bytes of
 * implementation name (space padded, e.g. {@code ic-2.2.2}), spec version (1 or 2; 2.1 writes 2),
 * file type ({@link FileType}) and compression (0 none, 1 zstd).
 */
public record FileHeader(String implementation, int specVersion, FileType fileType, int compression) {
  public static final int LENGTH = 39;
  public static final int COMPRESSION_NONE = 0;
  public static final int COMPRESSION_ZSTD = 1;
  static final byte[] MAGIC = "ICE\uD83E\uDDCACHUNK".getBytes(StandardCharsets.UTF_8);

  /** Whether a file starts with Icechunk's 12 magic bytes. */
  static boolean hasMagic(byte[] file) {
    return file.length >= MAGIC.length && Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /**
   * Parses the header of {@code file}, which must be of type {@code expected}; every failure is an
   * {@link IcechunkFormatException} (the caller attaches the key).
   */
  public static FileHeader parse(byte[] file, FileType expected) {
    if (file.length < LENGTH) {
      throw new IcechunkFormatException("truncated Icechunk " + name(expected) + " file: " + file.length
          + " bytes, shorter than the " + LENGTH + "-byte header");
    }
    if (!Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IcechunkFormatException("not an Icechunk " + name(expected) + " file: wrong magic bytes (expected "
          + "'ICE\uD83E\uDDCACHUNK', 49 43 45 f0 9f a7 8a 43 48 55 4e 4b)");
    }
    String impl = new String(file, 12, 24, StandardCharsets.UTF_8).stripTrailing();
    int version = file[36] & 0xFF;
    if (version != 1 && version != 2) {
      throw new IcechunkFormatException("unknown Icechunk spec version " + version + " in " + name(expected)
          + " file written by '" + impl + "' (this reader knows spec versions 1 and 2)");
    }
    int typeCode = file[37] & 0xFF;
    FileType type = FileType.of(typeCode);
    if (type != expected) {
      throw new IcechunkFormatException("Icechunk file of type " + typeCode + (type == null ? "" : " (" + name(type) + ")")
          + " where a " + name(expected) + " (type " + expected.code() + ") was expected");
    }
    int compression = file[38] & 0xFF;
    if (compression != COMPRESSION_NONE && compression != COMPRESSION_ZSTD) {
      throw new IcechunkFormatException("unknown compression " + compression + " in Icechunk " + name(expected)
          + " file (expected 0 none or 1 zstd)");
    }
    return new FileHeader(impl, version, type, compression);
  }

  static String name(FileType t) {
    return switch (t) {
      case SNAPSHOT -> "snapshot";
      case MANIFEST -> "manifest";
      case TRANSACTION_LOG -> "transaction log";
      case REPO_INFO -> "repo info";
    };
  }
}
