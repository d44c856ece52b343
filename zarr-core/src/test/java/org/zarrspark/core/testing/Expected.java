package org.zarrspark.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.dtype.DataType;

/** Loads the fixtures' expected values and compares decoded buffers with them. */
public final class Expected {
  private Expected() {}

  public static byte[] bin(Path file) throws IOException {
    if (file.toString().endsWith(".gz")) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        return in.readAllBytes();
      }
    }
    return Files.readAllBytes(file);
  }

  /**
   * Compares element bytes: exactly, except that floats compare bit for bit with any NaN
   * matching any NaN. {@code binItem} is the element size of the expected file.
   */
  public static void assertSameElements(String what, byte[] expected, NdBuffer got) {
    DataType t = got.type();
    byte[] b = got.bytes();
    assertEquals(expected.length, b.length, what + ": byte count");
    if (t.kind() != DataType.Kind.FLOAT) {
      for (int i = 0; i < b.length; i++) {
        if (b[i] != expected[i]) {
          fail(what + ": first difference at element " + i / Math.max(1, t.itemSize()));
        }
      }
      return;
    }
    NdBuffer want = NdBuffer.wrap(t, got.shape(), expected);
    for (int i = 0; i < got.size(); i++) {
      double x = got.getAsDouble(i);
      double y = want.getAsDouble(i);
      boolean same = Double.isNaN(x) ? Double.isNaN(y)
          : Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
      if (!same) {
        fail(what + ": element " + i + " is " + x + ", expected " + y);
      }
    }
  }
}
