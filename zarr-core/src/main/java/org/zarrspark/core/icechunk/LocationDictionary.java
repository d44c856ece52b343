package org.zarrspark.core.icechunk;

import com.github.luben.zstd.Zstd;
import org.zarrspark.core.error.IcechunkFormatException;
import org.zarrspark.core.error.UnsupportedCodecException;

/**
 * Decompresses a virtual ref's {@code compressed_location} with the manifest's zstd dictionary.
 * Dictionaries need libzstd (zstd-jni, present wherever Spark runs); without it such a location is
 * an {@link UnsupportedCodecException}. Locations are URLs: the output is bounded by
 * {@link #MAX_LOCATION_BYTES}.
 */
final class LocationDictionary {
  static final int MAX_LOCATION_BYTES = 64 << 10;

  private LocationDictionary() {}

  static String decompress(byte[] compressed, byte[] dictionary) {
    if (dictionary == null || dictionary.length == 0) {
      throw new IcechunkFormatException("a virtual chunk ref has a compressed location but the manifest has no "
          + "location dictionary");
    }
    Holder h;
    try {
      h = Holder.INSTANCE;
    } catch (Throwable e) { // zstd-jni absent or its library does not load
      throw new UnsupportedCodecException("a virtual chunk ref's location is compressed with a zstd dictionary, which "
          + "needs zstd-jni (libzstd) on the class path");
    }
    return h.decode(compressed, dictionary);
  }

  /** Loads zstd-jni on first use only. */
  private static final class Holder {
    static final Holder INSTANCE = new Holder();

    Holder() {
      Zstd.defaultCompressionLevel(); // fails here when the native library does not load
    }

    String decode(byte[] compressed, byte[] dictionary) {
      byte[] out = new byte[MAX_LOCATION_BYTES];
      long n;
      try {
        n = Zstd.decompressUsingDict(out, 0, compressed, 0, compressed.length, dictionary);
      } catch (RuntimeException e) {
        throw new IcechunkFormatException("a virtual chunk ref's compressed location does not decode (" + e.getMessage()
            + ")", e);
      }
      if (Zstd.isError(n) || n < 0 || n > out.length) {
        throw new IcechunkFormatException("a virtual chunk ref's compressed location does not decode ("
            + (Zstd.isError(n) ? Zstd.getErrorName(n) : n + " bytes") + ")");
      }
      return new String(out, 0, (int) n, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
