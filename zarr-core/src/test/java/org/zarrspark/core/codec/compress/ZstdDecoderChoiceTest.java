package org.zarrspark.core.codec.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.luben.zstd.Zstd;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which zstd decoder runs, and that libzstd's output is decoded to the same bytes either way. */
class ZstdDecoderChoiceTest {
  @Test
  void nativeDecoderIsUsedUnlessTurnedOff() {
    boolean off = "false".equalsIgnoreCase(System.getProperty("zarr.zstd.native"));
    assertEquals(!off, NativeZstd.AVAILABLE, "zstd-jni is on the test class path");
  }

  @Test
  void framesFromLibzstdDecodeToTheirBytes() {
    Random rnd = new Random(5);
    byte[] data = new byte[3 << 20];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (rnd.nextInt(16) + (i >> 12)); // compressible, not trivial
    }
    for (int level : new int[] {1, 3, 19}) {
      byte[] frame = Zstd.compress(data, level);
      assertArrayEquals(data, new ZstdCodec(level, false).decode(frame, data.length), "level " + level);
      assertArrayEquals(data, ZstdCodec.pureJava(level, false).decode(frame, data.length), "pure Java, level " + level);
    }
  }
}
