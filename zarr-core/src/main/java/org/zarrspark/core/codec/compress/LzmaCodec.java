package org.zarrspark.core.codec.compress;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.tukaani.xz.ARM64Options;
import org.tukaani.xz.ARMOptions;
import org.tukaani.xz.ARMThumbOptions;
import org.tukaani.xz.DeltaOptions;
import org.tukaani.xz.FilterOptions;
import org.tukaani.xz.FinishableOutputStream;
import org.tukaani.xz.FinishableWrapperOutputStream;
import org.tukaani.xz.IA64Options;
import org.tukaani.xz.LZMA2InputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.MemoryLimitException;
import org.tukaani.xz.PowerPCOptions;
import org.tukaani.xz.RISCVOptions;
import org.tukaani.xz.SPARCOptions;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.X86Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TooLargeException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.error.ZarrException;

/**
 * numcodecs "lzma" (Python's lzma module) with org.tukaani:xz. Fields as numcodecs writes them:
 * {@code format} (0 auto-detect when decoding, 1 xz = default, 2 alone/.lzma, 3 raw),
 * {@code check} (-1 default = CRC64 for xz, 0 none, 1 CRC32, 4 CRC64, 10 SHA-256), {@code preset}
 * (0..9, optionally with the extreme flag 0x80000000; null = 6) and {@code filters} (a list of
 * filter objects {"id": n, ...} with Python's option names: LZMA1 0x4000000000000001 and LZMA2 0x21
 * with preset, dict_size, lc, lp, pb, mode, nice_len, mf, depth; delta 3 with dist; the BCJ filters
 * x86 4, powerpc 5, ia64 6, arm 7, armthumb 8, sparc 9, arm64 10, riscv 11 with start_offset).
 * The raw format needs filters; its chain must end with LZMA1 or LZMA2.
 *
 * <p>Decoding bounds the output by {@code maxDecodedSize} while streaming and refuses streams whose
 * decoder would need more than {@value #MEMORY_LIMIT_MIB} MiB (their dictionary) with a
 * {@link TooLargeException}; for xz, whose decoder allocates the dictionary the stream names, more
 * than 64 MiB plus the chunk's size. .lzma and raw dictionaries are cut to the output size. Encoding without explicit filters shrinks the dictionary to the data
 * size (never below 4 KiB), which changes nothing for the reader but saves memory on both sides.
 *
 * <p>(Over 300 lines: numcodecs' whole lzma configuration — formats, checks, presets, filter chains — is one codec and is kept together.)
 */
public final class LzmaCodec implements BytesCodec {
  /** Its names and binding: numcodecs "lzma" (v3 "numcodecs.lzma"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "lzma", (config, context) -> fromJson(config));

  public static final int FORMAT_AUTO = 0;
  public static final int FORMAT_XZ = 1;
  public static final int FORMAT_ALONE = 2;
  public static final int FORMAT_RAW = 3;

  public static final int CHECK_DEFAULT = -1;
  public static final int CHECK_NONE = 0;
  public static final int CHECK_CRC32 = 1;
  public static final int CHECK_CRC64 = 4;
  public static final int CHECK_SHA256 = 10;

  public static final long FILTER_LZMA1 = 0x4000000000000001L;
  public static final long FILTER_LZMA2 = 0x21L;
  public static final long FILTER_DELTA = 0x03L;

  /** Most memory a decoder may use, in MiB (the LZMA dictionary dominates). */
  public static final int MEMORY_LIMIT_MIB = 256;
  private static final int MEMORY_LIMIT_KIB = MEMORY_LIMIT_MIB * 1024;
  private static final long PRESET_EXTREME = 0x80000000L;
  private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};

  private final int format;
  private final int check;
  private final Long preset;
  private final List<Spec> filters; // null when none

  /** @param preset null for the default (6) */
  public LzmaCodec(int format, int check, Long preset) {
    this(format, check, preset, null);
  }

  private LzmaCodec(int format, int check, Long preset, List<Spec> filters) {
    if (format < 0 || format > 3) {
      throw new InvalidMetadataException("codec lzma: format " + format + " must be 0 (auto), 1 (xz), 2 (alone) or 3 (raw)");
    }
    if (check != -1 && check != 0 && check != 1 && check != 4 && check != 10) {
      throw new InvalidMetadataException("codec lzma: check " + check + " must be -1, 0, 1, 4 or 10");
    }
    if (format != FORMAT_XZ && format != FORMAT_AUTO && check != -1 && check != 0) {
      throw new InvalidMetadataException("codec lzma: an integrity check needs the xz format");
    }
    if (preset != null) {
      presetLevel(preset);
    }
    if (preset != null && filters != null) {
      throw new InvalidMetadataException("codec lzma: give either preset or filters, not both");
    }
    if (format == FORMAT_RAW && filters == null) {
      throw new InvalidMetadataException("codec lzma: the raw format (3) needs a filter chain");
    }
    if (filters != null) {
      if (filters.isEmpty() || filters.size() > 4) {
        throw new InvalidMetadataException("codec lzma: the filter chain must have 1 to 4 filters");
      }
      Spec lastSpec = filters.get(filters.size() - 1);
      if (!lastSpec.isLzma()) {
        throw new InvalidMetadataException("codec lzma: the last filter must be LZMA1 or LZMA2");
      }
      for (int i = 0; i < filters.size() - 1; i++) {
        if (filters.get(i).isLzma()) {
          throw new InvalidMetadataException("codec lzma: only the last filter may be LZMA1 or LZMA2");
        }
      }
      if (format == FORMAT_XZ && lastSpec.id == FILTER_LZMA1) {
        throw new InvalidMetadataException("codec lzma: the xz format needs LZMA2, not LZMA1");
      }
      if (format == FORMAT_ALONE && (filters.size() != 1 || lastSpec.id != FILTER_LZMA1)) {
        throw new InvalidMetadataException("codec lzma: the alone format takes exactly one LZMA1 filter");
      }
      for (Spec s : filters) {
        s.validate();
      }
    }
    this.format = format;
    this.check = check;
    this.preset = preset;
    this.filters = filters == null ? null : Collections.unmodifiableList(new ArrayList<>(filters));
  }

  /** From {"id": "lzma", "format": 1, "check": -1, "preset": null, "filters": null}. */
  public static LzmaCodec fromJson(JsonNode config) {
    JsonConfig.requireObject("lzma", config);
    int format = JsonConfig.intField("lzma", config, "format", FORMAT_XZ);
    int check = JsonConfig.intField("lzma", config, "check", CHECK_DEFAULT);
    Long preset = JsonConfig.absent(config, "preset") ? null : JsonConfig.longField("lzma", config, "preset", 6);
    List<Spec> filters = null;
    if (!JsonConfig.absent(config, "filters")) {
      JsonNode f = config.get("filters");
      if (!f.isArray()) {
        throw new InvalidMetadataException("codec lzma: filters must be a list or null, got " + f);
      }
      filters = new ArrayList<>();
      for (JsonNode one : f) {
        filters.add(Spec.parse(one));
      }
    }
    return new LzmaCodec(format, check, preset, filters);
  }

  public int format() {
    return format;
  }

  public int check() {
    return check;
  }

  /** The preset, or null for the default. */
  public Long preset() {
    return preset;
  }

  private static int presetLevel(long preset) {
    long level = preset & ~PRESET_EXTREME;
    if (level < 0 || level > 9) {
      throw new InvalidMetadataException("codec lzma: preset " + preset + " must be 0..9 (optionally | 0x80000000)");
    }
    return (int) level;
  }

  @Override
  public String name() {
    return "lzma";
  }

  // ---------------------------------------------------------------- decoding

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    if (encoded.length == 0) {
      throw new TruncatedChunkException("lzma data is empty");
    }
    int f = format;
    if (f == FORMAT_AUTO) {
      f = startsWith(encoded, XZ_MAGIC) ? FORMAT_XZ : FORMAT_ALONE;
    }
    long guess = Bytes.initialGuess(encoded.length);
    try {
      InputStream in;
      ByteArrayInputStream raw = new ByteArrayInputStream(encoded);
      switch (f) {
        case FORMAT_XZ:
          if (encoded.length < XZ_MAGIC.length && startsWith(XZ_MAGIC, encoded)) {
            throw new TruncatedChunkException("xz data is truncated (" + encoded.length + " bytes)");
          }
          in = new XZInputStream(raw, xzMemoryLimitKib(maxDecodedSize));
          break;
        case FORMAT_ALONE: {
          if (encoded.length < 13) {
            throw new TruncatedChunkException("lzma (alone) data is truncated (header of " + encoded.length + " bytes)");
          }
          long size = 0;
          for (int i = 0; i < 8; i++) {
            size |= (long) (encoded[5 + i] & 0xFF) << (8 * i);
          }
          if (size != -1) {
            if (size < 0 || size > maxDecodedSize) {
              throw new CorruptChunkException("lzma (alone) header declares " + Long.toUnsignedString(size)
                  + " bytes, more than the " + Math.max(0, maxDecodedSize) + " this chunk can hold");
            }
            // trusted only as far as the data could plausibly expand; past that the buffer grows
            guess = Math.min(size, 64L * encoded.length + 4096);
          }
          int props = encoded[0] & 0xFF;
          if (props >= 9 * 5 * 5) {
            throw new CorruptChunkException("lzma (alone) header has invalid properties " + props);
          }
          // A dictionary larger than the output is never used: allocate no more than the output.
          long dict = Integer.toUnsignedLong(Bytes.le32(encoded, 1));
          int usable = (int) Math.max(4096, Math.min(dict, Math.max(0, maxDecodedSize)));
          checkMemory(LZMAInputStream.getMemoryUsage(usable, props % 9, props / 9 % 5));
          in = new LZMAInputStream(new ByteArrayInputStream(encoded, 13, encoded.length - 13), size,
              (byte) props, usable);
          break;
        }
        default:
          in = rawDecoder(raw, maxDecodedSize);
          break;
      }
      try (InputStream s = in) {
        return Bytes.drain("lzma", s, guess, maxDecodedSize);
      }
    } catch (MemoryLimitException e) {
      throw new TooLargeException("lzma data needs " + e.getMemoryNeeded() / 1024 + " MiB to decode, more than the "
          + e.getMemoryLimit() / 1024 + " MiB allowed", e);
    } catch (UnsupportedOptionsException e) {
      throw new CorruptChunkException("lzma data uses unsupported options (" + Bytes.describe(e) + ")", e);
    } catch (IOException e) {
      throw Bytes.fromIo("lzma", e);
    } catch (ZarrException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CorruptChunkException("lzma data is corrupt (" + Bytes.describe(e) + ")", e);
    }
  }

  private InputStream rawDecoder(InputStream raw, int maxDecodedSize) throws IOException {
    InputStream in = raw;
    for (int i = filters.size() - 1; i >= 0; i--) {
      Spec s = filters.get(i);
      if (s.isLzma()) {
        LZMA2Options o = s.lzmaOptions();
        // Raw streams carry no dictionary size; a dictionary as large as the output suffices.
        int dict = Math.max(LZMA2Options.DICT_SIZE_MIN, Math.min(o.getDictSize(), Math.max(0, maxDecodedSize)));
        if (s.id == FILTER_LZMA2) {
          checkMemory(LZMA2InputStream.getMemoryUsage(dict));
          in = new LZMA2InputStream(in, dict);
        } else {
          checkMemory(LZMAInputStream.getMemoryUsage(dict, o.getLc(), o.getLp()));
          in = new LZMAInputStream(in, -1, o.getLc(), o.getLp(), o.getPb(), dict, null);
        }
      } else {
        in = s.filterOptions().getInputStream(in);
      }
    }
    return in;
  }

  /**
   * xz streams carry their dictionary size, and the decoder allocates all of it up front: up to
   * 64 MiB (preset 9) is always accepted, beyond that only as much as the chunk can hold.
   */
  private static int xzMemoryLimitKib(int maxDecodedSize) {
    return (int) Math.min(MEMORY_LIMIT_KIB, (65L << 10) + Math.max(0, maxDecodedSize) / 1024);
  }

  private static void checkMemory(int kib) throws MemoryLimitException {
    if (kib > MEMORY_LIMIT_KIB) {
      throw new MemoryLimitException(kib, MEMORY_LIMIT_KIB);
    }
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- encoding

  @Override
  public byte[] encode(byte[] decoded) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream(Math.max(64, decoded.length / 3 + 64));
    try {
      switch (format == FORMAT_AUTO ? FORMAT_XZ : format) {
        case FORMAT_XZ: {
          FilterOptions[] chain;
          if (filters == null) {
            chain = new FilterOptions[] {presetOptions(decoded.length)};
          } else {
            chain = new FilterOptions[filters.size()];
            for (int i = 0; i < chain.length; i++) {
              Spec s = filters.get(i);
              chain[i] = s.isLzma() ? s.lzmaOptions() : s.filterOptions();
            }
          }
          int xzCheck = check == CHECK_DEFAULT ? CHECK_CRC64 : check;
          try (XZOutputStream out = new XZOutputStream(sink, chain, xzCheck)) {
            out.write(decoded);
          }
          break;
        }
        case FORMAT_ALONE: {
          LZMA2Options o = filters == null ? presetOptions(decoded.length) : filters.get(0).lzmaOptions();
          try (LZMAOutputStream out = new LZMAOutputStream(sink, o, decoded.length)) {
            out.write(decoded);
          }
          break;
        }
        default: {
          FinishableOutputStream out = new FinishableWrapperOutputStream(sink);
          for (int i = filters.size() - 1; i >= 0; i--) {
            Spec s = filters.get(i);
            if (s.id == FILTER_LZMA2) {
              out = s.lzmaOptions().getOutputStream(out);
            } else if (s.id == FILTER_LZMA1) {
              out = new LZMAOutputStream(out, s.lzmaOptions(), true);
            } else {
              out = s.filterOptions().getOutputStream(out);
            }
          }
          out.write(decoded);
          out.finish();
          break;
        }
      }
    } catch (UnsupportedOptionsException e) {
      throw new InvalidMetadataException("codec lzma: unsupported options (" + Bytes.describe(e) + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the sink is in memory
    }
    return sink.toByteArray();
  }

  private LZMA2Options presetOptions(int dataLength) throws UnsupportedOptionsException {
    LZMA2Options o = new LZMA2Options(preset == null ? LZMA2Options.PRESET_DEFAULT : presetLevel(preset));
    int dict = Math.max(LZMA2Options.DICT_SIZE_MIN, Math.min(o.getDictSize(), dataLength));
    o.setDictSize(dict);
    return o;
  }

  @Override
  public String toString() {
    return "LzmaCodec(format=" + format + ", check=" + check + ", preset=" + preset
        + ", filters=" + (filters == null ? "null" : filters.size() + " filters") + ")";
  }

  // ---------------------------------------------------------------- filter specs

  /** One entry of the Python filter chain, immutable. */
  private static final class Spec {
    final long id;
    final Map<String, Long> options;

    private Spec(long id, Map<String, Long> options) {
      this.id = id;
      this.options = options;
    }

    static Spec parse(JsonNode f) {
      if (!f.isObject()) {
        throw new InvalidMetadataException("codec lzma: each filter must be an object, got " + f);
      }
      if (JsonConfig.absent(f, "id")) {
        throw new InvalidMetadataException("codec lzma: filter " + f + " has no id");
      }
      long id = JsonConfig.longField("lzma", f, "id", 0);
      Map<String, Long> opts = new java.util.TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("id") || e.getValue().isNull()) {
          continue;
        }
        opts.put(e.getKey(), JsonConfig.longField("lzma", f, e.getKey(), 0));
      }
      Spec s = new Spec(id, Collections.unmodifiableMap(opts));
      List<String> allowed = s.allowed(); // also rejects unknown filter ids
      for (String k : opts.keySet()) {
        if (!allowed.contains(k)) {
          throw new InvalidMetadataException("codec lzma: filter " + Long.toHexString(id) + " has unknown option '"
              + k + "' (allowed: " + s.allowed() + ")");
        }
      }
      return s;
    }

    boolean isLzma() {
      return id == FILTER_LZMA1 || id == FILTER_LZMA2;
    }

    List<String> allowed() {
      if (isLzma()) {
        return List.of("preset", "dict_size", "lc", "lp", "pb", "mode", "nice_len", "mf", "depth");
      }
      if (id == FILTER_DELTA) {
        return List.of("dist");
      }
      if (id >= 4 && id <= 11) {
        return List.of("start_offset");
      }
      throw new org.zarrspark.core.error.UnsupportedCodecException("codec lzma: filter id 0x" + Long.toHexString(id)
          + " is not supported (supported: LZMA1, LZMA2, delta, x86, powerpc, ia64, arm, armthumb, sparc, arm64, riscv)");
    }

    void validate() {
      try {
        if (isLzma()) {
          lzmaOptions();
        } else {
          filterOptions();
        }
      } catch (UnsupportedOptionsException | IllegalArgumentException e) {
        throw new InvalidMetadataException("codec lzma: bad filter options " + options + " (" + Bytes.describe(e) + ")", e);
      }
    }

    private int opt(String key, int dflt) {
      Long v = options.get(key);
      if (v == null) {
        return dflt;
      }
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(key + " = " + v + " is out of range");
      }
      return (int) (long) v;
    }

    LZMA2Options lzmaOptions() throws UnsupportedOptionsException {
      Long p = options.get("preset");
      LZMA2Options o = new LZMA2Options(p == null ? LZMA2Options.PRESET_DEFAULT : presetLevel(p));
      if (options.containsKey("dict_size")) {
        o.setDictSize(opt("dict_size", 0));
      }
      if (options.containsKey("lc") || options.containsKey("lp")) {
        o.setLcLp(opt("lc", o.getLc()), opt("lp", o.getLp()));
      }
      if (options.containsKey("pb")) {
        o.setPb(opt("pb", 0));
      }
      if (options.containsKey("mode")) {
        o.setMode(opt("mode", 0));
      }
      if (options.containsKey("nice_len")) {
        o.setNiceLen(opt("nice_len", 0));
      }
      if (options.containsKey("mf")) {
        int mf = opt("mf", 0);
        // liblzma: HC3 0x03, HC4 0x04, BT2 0x12, BT3 0x13, BT4 0x14; tukaani has HC4 and BT4 only
        // (the match finder only affects the encoder's choices, never the format).
        o.setMatchFinder(mf < 0x10 ? LZMA2Options.MF_HC4 : LZMA2Options.MF_BT4);
      }
      if (options.containsKey("depth")) {
        o.setDepthLimit(opt("depth", 0));
      }
      return o;
    }

    FilterOptions filterOptions() throws UnsupportedOptionsException {
      if (id == FILTER_DELTA) {
        return new DeltaOptions(opt("dist", 1));
      }
      int start = opt("start_offset", 0);
      switch ((int) id) {
        case 4: { X86Options x = new X86Options(); x.setStartOffset(start); return x; }
        case 5: { PowerPCOptions x = new PowerPCOptions(); x.setStartOffset(start); return x; }
        case 6: { IA64Options x = new IA64Options(); x.setStartOffset(start); return x; }
        case 7: { ARMOptions x = new ARMOptions(); x.setStartOffset(start); return x; }
        case 8: { ARMThumbOptions x = new ARMThumbOptions(); x.setStartOffset(start); return x; }
        case 9: { SPARCOptions x = new SPARCOptions(); x.setStartOffset(start); return x; }
        case 10: { ARM64Options x = new ARM64Options(); x.setStartOffset(start); return x; }
        case 11: { RISCVOptions x = new RISCVOptions(); x.setStartOffset(start); return x; }
        default:
          throw new UnsupportedOptionsException("filter id " + id);
      }
    }
  }
}
