package org.zarrspark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.codec.CodecPipeline;
import org.zarrspark.core.codec.EndianCodec;
import org.zarrspark.core.codec.blosc.BloscCodec;
import org.zarrspark.core.dtype.DataType;

/**
 * Decoding a small part of a Blosc chunk: an ERA5-like float32 chunk of 24 x 91 x 180 (v2 Blosc
 * lz4, clevel 5, byte shuffle, automatic block size as c-blosc picks it), read whole and as the
 * boxes small queries take from it (one time step, a point series). Before partial decoding every
 * box decoded the whole chunk; now only the Blosc blocks that hold the box's bytes are decoded.
 * Single thread, CPU time, best of three windows.
 */
final class PartialDecodeBench {
  static final int[] SHAPE = {24, 91, 180};

  /** One box: blocks and bytes decoded, and microseconds per chunk read whole and in part. */
  record Result(String name, int[] origin, int[] box, long blocks, long totalBlocks, long decodedBytes, long chunkBytes,
      double wholeMicros, double partMicros) {}

  private PartialDecodeBench() {}

  static List<Result> run(double seconds) {
    byte[] raw = chunk();
    BloscCodec blosc = new BloscCodec("lz4", 5, BloscCodec.SHUFFLE, 4, 0);
    CodecPipeline p = new CodecPipeline(List.of(), new EndianCodec(ByteOrder.LITTLE_ENDIAN), List.of(blosc));
    byte[] enc = blosc.encode(raw);
    int blocksize = ByteBuffer.wrap(enc, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    long totalBlocks = (raw.length + blocksize - 1) / blocksize;
    Object[][] boxes = {
        {"one time step", new int[] {12, 0, 0}, new int[] {1, 91, 180}},
        {"point series", new int[] {0, 45, 90}, new int[] {24, 1, 1}},
        {"whole chunk", new int[] {0, 0, 0}, SHAPE},
    };
    List<Result> out = new ArrayList<>();
    for (Object[] b : boxes) {
      int[] origin = (int[]) b[1];
      int[] box = (int[]) b[2];
      long first = 0;
      long last = 0;
      for (int d = 0; d < 3; d++) {
        first = first * SHAPE[d] + origin[d];
        last = last * SHAPE[d] + origin[d] + box[d] - 1;
      }
      long blocks = (last * 4) / blocksize - (first * 4) / blocksize + 1;
      // Same values as a whole decode, checked once.
      NdBuffer whole = p.decode(enc, DataType.FLOAT32, SHAPE, null);
      NdBuffer part = p.decodeBox(enc, DataType.FLOAT32, SHAPE, null, origin, box);
      for (long i = first; i <= last; i += Math.max(1, (last - first) / 1000)) {
        if (whole.getFloat((int) i) != part.getFloat((int) i)) {
          throw new IllegalStateException("partial decode differs at " + i);
        }
      }
      double wholeUs = micros(() -> p.decode(enc, DataType.FLOAT32, SHAPE, null), seconds);
      double partUs = micros(() -> p.decodeBox(enc, DataType.FLOAT32, SHAPE, null, origin, box), seconds);
      out.add(new Result((String) b[0], origin, box, blocks, totalBlocks, Math.min(raw.length, blocks * blocksize),
          raw.length, wholeUs, partUs));
    }
    return out;
  }

  /** Best of three windows: CPU microseconds per call. */
  private static double micros(Runnable r, double seconds) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 20; i++) {
      r.run(); // warm-up (JIT)
    }
    double best = Double.MAX_VALUE;
    for (int w = 0; w < 3; w++) {
      long t0 = mx.getCurrentThreadCpuTime();
      long n = 0;
      long limit = (long) (seconds / 3 * 1e9);
      while (mx.getCurrentThreadCpuTime() - t0 < limit) {
        r.run();
        n++;
      }
      best = Math.min(best, (mx.getCurrentThreadCpuTime() - t0) / 1e3 / n);
    }
    return best;
  }

  /** ERA5-like values: a smooth field plus noise, rounded to 1/64 as ERA5 packs them. */
  static byte[] chunk() {
    ByteBuffer b = ByteBuffer.allocate(SHAPE[0] * SHAPE[1] * SHAPE[2] * 4).order(ByteOrder.LITTLE_ENDIAN);
    Random rnd = new Random(42);
    for (int t = 0; t < SHAPE[0]; t++) {
      for (int y = 0; y < SHAPE[1]; y++) {
        for (int x = 0; x < SHAPE[2]; x++) {
          double v = 250 + 30 * Math.cos(y / 30.0) + 5 * Math.sin(x / 20.0 + t / 6.0) + rnd.nextGaussian() * 0.5;
          b.putFloat((float) (Math.round(v * 64) / 64.0));
        }
      }
    }
    return b.array();
  }
}
