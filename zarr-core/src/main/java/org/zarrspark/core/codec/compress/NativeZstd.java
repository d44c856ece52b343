package org.zarrspark.core.codec.compress;

import com.github.luben.zstd.Zstd;

/**
 * libzstd through zstd-jni, when it is on the class path (Spark ships it, with its native library
 * inside the jar) and its library loads. It decodes about twice as fast as the pure-Java decoder.
 * Frames reach it only after {@link ZstdCodec} has walked them and bounded their output, and it
 * writes into a buffer of exactly that bound, so a lying header cannot make it allocate.
 * {@code -Dzarr.zstd.native=false} turns it off.
 */
final class NativeZstd {
  static final boolean AVAILABLE = probe();

  private NativeZstd() {}

  private static boolean probe() {
    if ("false".equalsIgnoreCase(System.getProperty("zarr.zstd.native"))) {
      return false;
    }
    try {
      byte[] frame = Zstd.compress(new byte[] {1, 2, 3});
      byte[] out = new byte[3];
      return Zstd.decompressByteArray(out, 0, 3, frame, 0, frame.length) == 3 && out[2] == 3;
    } catch (Throwable e) { // absent class, or a native library that does not load here
      return false;
    }
  }

  /**
   * Decodes one frame into {@code out[pos, pos + room)} and returns the number of bytes written.
   * libzstd's errors come out as {@link Failure} with its message ("Restored data doesn't match
   * checksum", "Destination buffer is too small", ...). zstd-jni's own exception class is not
   * named here, so that this class loads without zstd-jni.
   */
  static int decompress(byte[] src, int start, int length, byte[] out, int pos, int room) {
    try {
      return (int) Zstd.decompressByteArray(out, pos, room, src, start, length);
    } catch (RuntimeException e) {
      throw new Failure(String.valueOf(e.getMessage()), e);
    }
  }

  /** A frame libzstd refused. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
