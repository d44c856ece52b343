package org.zarrspark.bench;

import com.github.luben.zstd.Zstd;
import com.scalableminds.bloscjava.Blosc;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.DecodeBuffers;
import org.zarrspark.core.codec.blosc.BloscCodec;
import org.zarrspark.core.codec.compress.GzipCodec;
import org.zarrspark.core.codec.compress.ZstdCodec;

/**
 * Single-thread chunk decode throughput (MB/s of decoded data) of our pure-Java codecs against
 * native C on the same encoded chunks: c-blosc 1.21.4 through blosc-java (JNI), libzstd through
 * zstd-jni, the JDK's zlib ({@link Inflater}) for gzip. Chunks are the dataset's own t2m and u10
 * chunks; they are encoded the way Python writers would (c-blosc, libzstd), or with our encoders
 * when the native library is missing. Every decoder's output is checked against the raw chunk
 * once, then each is warmed up (JIT) and timed over the corpus in three windows alternating with
 * the other side, a few seconds of CPU time in all; the best window counts. On a
 * shared machine CPU time is the fair clock: wall time also counts the time other processes ran.
 */
final class DecodeBench {
  /** A decoder under test: encoded chunk and its decoded size in, decoded bytes out. */
  interface Decoder {
    byte[] decode(byte[] encoded, int size) throws Exception;
  }

  /**
   * One codec's measurements, in MB decoded per second of the thread's CPU time (what the decoder
   * costs, whatever else runs on the machine) and per second of wall time; the native figures are
   * NaN when the native library is unavailable.
   */
  record Result(String codec, String nativeImpl, String encodedBy, int chunks, long decodedBytes, long encodedBytes,
      double oursMBps, double nativeMBps, double oursWallMBps, double nativeWallMBps, String note) {
    double ratio() {
      return oursMBps / nativeMBps;
    }
  }

  /** Throughput of one decoder: MB per CPU-second and per wall-second. */
  private record Speed(double cpu, double wall) {
    Speed best(Speed o) {
      return new Speed(Math.max(cpu, o.cpu), Math.max(wall, o.wall));
    }
  }

  static final String BLOSC_NATIVE = "c-blosc 1.21.4 (blosc-java 0.1-1.21.4, JNI)";
  static final String ZSTD_NATIVE = "libzstd (zstd-jni " + zstdVersion() + ")";
  static final String ZLIB_NATIVE = "zlib (JDK java.util.zip.Inflater)";

  private final List<byte[]> raw;
  private final double warmupSeconds;
  private final double seconds;

  DecodeBench(List<byte[]> raw, double warmupSeconds, double seconds) {
    this.raw = raw;
    this.warmupSeconds = warmupSeconds;
    this.seconds = seconds;
  }

  /** Why the bundled c-blosc cannot be used here, or null when it works. */
  static String bloscProblem() {
    try {
      byte[] probe = new byte[4096];
      return Arrays.equals(Blosc.decompress(Blosc.compress(probe, 4, Blosc.Compressor.LZ4, 5,
          Blosc.Shuffle.BYTE_SHUFFLE)), probe) ? null : "c-blosc round trip failed";
    } catch (Throwable t) { // UnsatisfiedLinkError, a missing class, a crash of the loader
      return "c-blosc unavailable: " + t;
    }
  }

  static String zstdProblem() {
    try {
      byte[] probe = new byte[4096];
      return Arrays.equals(Zstd.decompress(Zstd.compress(probe, 3), probe.length), probe) ? null
          : "zstd-jni round trip failed";
    } catch (Throwable t) {
      return "zstd-jni unavailable: " + t;
    }
  }

  List<Result> run() throws Exception {
    String blosc = bloscProblem();
    String zstd = zstdProblem();
    List<Result> out = new ArrayList<>();
    for (String cname : new String[] {"lz4", "zstd", "blosclz"}) {
      out.add(blosc("blosc-" + cname, cname, 5, blosc, true));
    }
    out.add(blosc("blosc-lz4, fresh arrays", "lz4", 5, blosc, false));
    BytesCodec ourZstd = new ZstdCodec(3, false);
    out.add(measure("zstd", ZSTD_NATIVE, zstd,
        zstd == null ? "libzstd level 3" : "ours (aircompressor level 3)",
        b -> zstd == null ? Zstd.compress(b, 3) : ourZstd.encode(b),
        ourZstd::decode, Zstd::decompress,
        "ours: ZstdCodec, which decodes through the zstd-jni Spark ships once its own frame walk has bounded the output"));
    BytesCodec pureZstd = ZstdCodec.pureJava(3, false);
    out.add(measure("zstd (pure Java)", ZSTD_NATIVE, zstd,
        zstd == null ? "libzstd level 3" : "ours (aircompressor level 3)",
        b -> zstd == null ? Zstd.compress(b, 3) : pureZstd.encode(b),
        pureZstd::decode, Zstd::decompress, "ours without zstd-jni: aircompressor's decoder"));
    BytesCodec gzip = new GzipCodec(1);
    out.add(measure("gzip", ZLIB_NATIVE, null, "ours (JDK Deflater level 1)", gzip::encode,
        gzip::decode, DecodeBench::inflateGzip, "both sides run the JDK's zlib; the gap is our framing and checks"));
    out.add(blosc("uncompressed", "lz4", 0, blosc, false));
    return out;
  }

  /**
   * One Blosc row. {@code recycled}: ours decodes as the scan does, each chunk into the array of
   * the chunk before once that one is read ({@link DecodeBuffers}); else into a fresh array each.
   */
  private Result blosc(String label, String cname, int clevel, String problem, boolean recycled) throws Exception {
    BloscCodec ours = new BloscCodec(cname, clevel, BloscCodec.SHUFFLE, 4, 0);
    Blosc.Compressor c = Blosc.Compressor.fromString(cname);
    String note = clevel == 0 ? "Blosc clevel 0: memcpy frames, the copy ceiling"
        : "clevel 5, byte shuffle, typesize 4; ours into " + (recycled ? "recycled arrays, as the scan decodes"
            : "a fresh (zeroed) array per chunk");
    return measure(label, BLOSC_NATIVE, problem, problem == null ? "c-blosc" : "ours",
        b -> problem == null ? Blosc.compress(b, 4, c, clevel, Blosc.Shuffle.BYTE_SHUFFLE) : ours.encode(b),
        recycled ? recycling(ours) : ours::decode, (e, n) -> Blosc.decompress(e, 1), note);
  }

  /** Decodes as the scan reader does: into the array of the chunk decoded before, given back. */
  private static Decoder recycling(BloscCodec ours) {
    DecodeBuffers buffers = new DecodeBuffers();
    byte[][] last = new byte[1][];
    return (e, n) -> {
      if (last[0] != null) {
        buffers.give(last[0]);
      }
      last[0] = ours.decodeRange(e, n, 0, Long.MAX_VALUE, buffers);
      return last[0];
    };
  }

  private interface Encoder {
    byte[] encode(byte[] raw) throws Exception;
  }

  private Result measure(String codec, String nativeImpl, String nativeProblem, String encodedBy, Encoder enc,
      Decoder ours, Decoder nat, String note) throws Exception {
    List<byte[]> encoded = new ArrayList<>();
    long encodedBytes = 0;
    long decodedBytes = 0;
    for (byte[] r : raw) {
      byte[] e = enc.encode(r);
      encoded.add(e);
      encodedBytes += e.length;
      decodedBytes += r.length;
    }
    check(codec, "ours", ours, encoded);
    boolean hasNative = nativeProblem == null;
    if (hasNative) {
      check(codec, nativeImpl, nat, encoded);
    } else {
      note = (note.isEmpty() ? "" : note + "; ") + nativeProblem;
    }
    // Warm both up, then alternate three windows each and keep each side's best: drift and other
    // load on the machine then hit both sides alike.
    window(ours, encoded, decodedBytes, warmupSeconds);
    if (hasNative) {
      window(nat, encoded, decodedBytes, warmupSeconds);
    }
    Speed o = new Speed(0, 0);
    Speed n = hasNative ? new Speed(0, 0) : new Speed(Double.NaN, Double.NaN);
    for (int k = 0; k < 3; k++) {
      o = o.best(window(ours, encoded, decodedBytes, seconds / 3));
      if (hasNative) {
        n = n.best(window(nat, encoded, decodedBytes, seconds / 3));
      }
    }
    Result r = new Result(codec, nativeImpl, encodedBy, raw.size(), decodedBytes, encodedBytes, o.cpu(), n.cpu(),
        o.wall(), n.wall(), note);
    System.err.printf("bench: decode %-13s ours %6.0f MB/s  native %6.0f MB/s  (%.2fx; wall %.0f vs %.0f)%n", codec,
        o.cpu(), n.cpu(), r.ratio(), o.wall(), n.wall());
    return r;
  }

  private void check(String codec, String who, Decoder d, List<byte[]> encoded) throws Exception {
    for (int i = 0; i < encoded.size(); i++) {
      if (!Arrays.equals(d.decode(encoded.get(i), raw.get(i).length), raw.get(i))) {
        throw new IllegalStateException(codec + ": " + who + " decodes chunk " + i + " wrongly");
      }
    }
  }

  /** Decodes the corpus round after round for {@code seconds} of this thread's CPU time. */
  private Speed window(Decoder d, List<byte[]> encoded, long decodedPerRound, double seconds) throws Exception {
    long[] r = loop(d, encoded, (long) (seconds * 1e9));
    if (r[2] == 42) {
      System.err.print(""); // keeps the decoded bytes observable, so the JIT cannot drop the work
    }
    double mb = r[3] * (double) decodedPerRound / 1e6;
    return new Speed(mb / (r[0] / 1e9), mb / (r[1] / 1e9));
  }

  /** Returns {cpu ns, wall ns, checksum, rounds}. Whole rounds only, so every chunk counts alike. */
  private long[] loop(Decoder d, List<byte[]> encoded, long budgetCpuNanos) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    long rounds = 0;
    long c0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    long cpu;
    do {
      for (int i = 0; i < encoded.size(); i++) {
        byte[] out = d.decode(encoded.get(i), raw.get(i).length);
        sink += out[out.length - 1];
      }
      rounds++;
      cpu = threads.getCurrentThreadCpuTime() - c0;
    } while (cpu < budgetCpuNanos);
    return new long[] {cpu, System.nanoTime() - t0, sink, rounds};
  }

  /** Plain JDK gzip decoding: skip the 10-byte header (our encoder writes no optional fields), inflate. */
  private static byte[] inflateGzip(byte[] gz, int size) throws DataFormatException {
    Inflater inf = new Inflater(true);
    try {
      inf.setInput(gz, 10, gz.length - 18);
      byte[] out = new byte[size];
      int n = inf.inflate(out);
      if (n != size) {
        throw new DataFormatException("gzip: " + n + " bytes, expected " + size);
      }
      return out;
    } finally {
      inf.end();
    }
  }

  private static String zstdVersion() {
    try {
      return com.github.luben.zstd.util.ZstdVersion.VERSION;
    } catch (Throwable t) {
      return "?";
    }
  }
}
