package org.zarrspark.core.fuzz;

import static org.zarrspark.core.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.zarrspark.core.codec.VlenBytesCodec;
import org.zarrspark.core.codec.VlenUtf8Codec;
import org.zarrspark.core.dtype.DataType;

/**
 * vlen-utf8 string chunks (and, with the same framing, vlen-bytes chunks), decoded as blocks of the item count they declare (capped) and of a
 * fixed 2x3 shape. Seeds and regression inputs:
 * {@code src/test/resources/org/zarrspark/core/fuzz/VlenUtf8FuzzTestInputs/}.
 */
class VlenUtf8FuzzTest {
  private static final VlenUtf8Codec VLEN = new VlenUtf8Codec();
  private static final VlenBytesCodec VLEN_BYTES = new VlenBytesCodec();

  @FuzzTest
  void decode(byte[] data) throws Exception {
    int declared = data.length < 4 ? 0
        : (data[0] & 0xff) | (data[1] & 0xff) << 8 | (data[2] & 0xff) << 16 | (data[3] & 0x7f) << 24;
    int n = Math.min(declared, 1 << 16);
    check(() -> VLEN.decode(data, DataType.STRING, new int[] {n}, ""));
    check(() -> VLEN.decode(data, DataType.STRING, new int[] {2, 3}, ""));
    check(() -> VLEN_BYTES.decode(data, DataType.VLEN_BYTES, new int[] {n}, new byte[0]));
    check(() -> VLEN_BYTES.decode(data, DataType.VLEN_BYTES, new int[] {2, 3}, new byte[0]));
  }
}
