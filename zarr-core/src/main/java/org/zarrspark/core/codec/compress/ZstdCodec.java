package org.zarrspark.core.codec.compress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.DecodeBuffers;
import org.zarrspark.core.codec.WritableCodec;
import org.zarrspark.core.error.ChecksumMismatchException;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.TruncatedChunkException;
import org.zarrspark.core.error.UnsupportedCodecException;

/**
 * Zstandard (RFC 8878): v3 "zstd" and numcodecs "zstd", encoded with aircompressor's pure-Java
 * implementation, decoded with libzstd through zstd-jni where Spark provides it, else with
 * aircompressor.
 *
 * <p>Decoding first walks the frames itself: it accepts several concatenated frames and skippable
 * frames (as numcodecs does), frames with and without a content size in the header, and reports a
 * frame cut short as {@link TruncatedChunkException}. When every frame declares its content size,
 * the sum is checked against {@code maxDecodedSize} before anything is allocated and each frame must
 * decode to exactly its declared size; otherwise the output buffer is bounded by the smaller of
 * {@code maxDecodedSize} and what the block headers allow.
 *
 * <p>Encoding always uses aircompressor's level (3, zstd's default): {@code level} is kept for the
 * metadata only; the output is a standard single frame with the content size, and with an XXH64
 * content checksum only when {@code checksum} is true.
 *
 * <p>(Over 300 lines: the frame walk that bounds every output before a native decoder runs belongs with the codec.)
 */
public final class ZstdCodec implements BytesCodec, WritableCodec {
  /** Its names and binding: v3 "zstd", numcodecs "zstd". */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes("zstd", "zstd", (config, context) -> fromJson(config)).writable(ZstdCodec::forWriter);

  private static final int MAGIC = 0xFD2FB528;
  private static final int SKIPPABLE_MASK = 0xFFFFFFF0;
  private static final int SKIPPABLE_MAGIC = 0x184D2A50;
  private static final int MAX_BLOCK = 128 * 1024;
  /** Largest window of a multi-segment frame that aircompressor's decoder accepts. */
  private static final long MAX_WINDOW = 1L << 23;

  private final int level;
  private final boolean checksum;
  /** Decode through libzstd: where it loads, unless made with {@link #pureJava}. */
  private final boolean nativeDecode;

  /** Decode with libzstd (zstd-jni) when it is there; see {@link NativeZstd}. */
  private static final boolean NATIVE = nativeAvailable();

  public ZstdCodec(int level, boolean checksum) {
    this(level, checksum, NATIVE);
  }

  /** From {"id": "zstd", "level": n, "checksum": b} (v2) or the v3 configuration; defaults 0, false. */
  /** A codec that always decodes with the pure-Java decoder (for comparisons). */
  public static ZstdCodec pureJava(int level, boolean checksum) {
    return new ZstdCodec(level, checksum, false);
  }

  private ZstdCodec(int level, boolean checksum, boolean nativeDecode) {
    this.level = level;
    this.checksum = checksum;
    this.nativeDecode = nativeDecode;
  }

  public static ZstdCodec fromJson(JsonNode config) {
    JsonConfig.requireObject("zstd", config);
    return new ZstdCodec(JsonConfig.intField("zstd", config, "level", 0),
        JsonConfig.boolField("zstd", config, "checksum", false));
  }

  public int level() {
    return level;
  }

  public boolean checksum() {
    return checksum;
  }

  /** Level as zarr-python defaults: 0 in v3, 1 (numcodecs) in v2; no checksum. */
  private static WritableCodec forWriter(Integer level, int typesize, int zarrFormat) {
    return new ZstdCodec(level != null ? level : zarrFormat == 3 ? 0 : 1, false);
  }

  @Override
  public CodecType<?> type() {
    return TYPE;
  }

  /** v3 {"level", "checksum"}; v2 {"level"}, with "checksum" only when it is on. */
  @Override
  public ObjectNode configuration(int zarrFormat) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("level", level);
    if (zarrFormat == 3 || checksum) {
      o.put("checksum", checksum);
    }
    return o;
  }

  @Override
  public String name() {
    return "zstd";
  }

  /** One frame found by the walker. */
  private static final class Frame {
    final int start;
    final int end;
    final boolean skippable;
    final long contentSize; // -1 when not declared
    final long bound; // most bytes the blocks can produce
    final long window; // -1 for single-segment frames
    final boolean compressedBlocks;

    Frame(int start, int end, boolean skippable, long contentSize, long bound, long window, boolean compressedBlocks) {
      this.start = start;
      this.end = end;
      this.skippable = skippable;
      this.contentSize = contentSize;
      this.bound = bound;
      this.window = window;
      this.compressedBlocks = compressedBlocks;
    }
  }

  private static List<Frame> walk(byte[] in) {
    int n = in.length;
    if (n == 0) {
      throw new TruncatedChunkException("zstd data is empty");
    }
    List<Frame> frames = new ArrayList<>();
    int pos = 0;
    while (pos < n) {
      if (n - pos < 4) {
        throw new TruncatedChunkException("zstd data is truncated (" + (n - pos) + " bytes where a frame starts)");
      }
      int magic = Bytes.le32(in, pos);
      if ((magic & SKIPPABLE_MASK) == SKIPPABLE_MAGIC) {
        if (n - pos < 8) {
          throw new TruncatedChunkException("zstd data is truncated (in a skippable frame header)");
        }
        long size = Integer.toUnsignedLong(Bytes.le32(in, pos + 4));
        if (size > n - pos - 8) {
          throw new TruncatedChunkException("zstd data is truncated (skippable frame of " + size + " bytes)");
        }
        int end = (int) (pos + 8 + size);
        frames.add(new Frame(pos, end, true, 0, 0, 0, false));
        pos = end;
        continue;
      }
      if (magic != MAGIC) {
        throw new CorruptChunkException(pos == 0
            ? String.format("not zstd data (magic %08x, expected fd2fb528)", magic)
            : "zstd data has garbage after the frame ending at byte " + pos);
      }
      int p = pos + 4;
      if (p >= n) {
        throw new TruncatedChunkException("zstd data is truncated (frame header missing)");
      }
      int fhd = in[p++] & 0xFF;
      int fcsFlag = fhd >>> 6;
      boolean single = (fhd & 0x20) != 0;
      boolean hasChecksum = (fhd & 0x04) != 0;
      int dictFlag = fhd & 0x03;
      if ((fhd & 0x08) != 0) {
        throw new CorruptChunkException("zstd frame header has its reserved bit set");
      }
      int dictLen = dictFlag == 0 ? 0 : 1 << (dictFlag - 1);
      int fcsLen = fcsFlag == 0 ? (single ? 1 : 0) : 1 << fcsFlag;
      if (n - p < (single ? 0 : 1) + dictLen + fcsLen) {
        throw new TruncatedChunkException("zstd data is truncated (in the frame header)");
      }
      long window = -1;
      if (!single) {
        int wd = in[p++] & 0xFF;
        long base = 1L << (10 + (wd >>> 3));
        window = base + (base >>> 3) * (wd & 7);
      }
      long dictId = 0;
      for (int i = 0; i < dictLen; i++) {
        dictId |= (long) (in[p++] & 0xFF) << (8 * i);
      }
      if (dictId != 0) {
        throw new UnsupportedCodecException("zstd frame needs dictionary " + dictId
            + "; zstd dictionaries are not supported");
      }
      long fcs = -1;
      if (fcsLen > 0) {
        long v = 0;
        for (int i = 0; i < fcsLen; i++) {
          v |= (long) (in[p++] & 0xFF) << (8 * i);
        }
        if (fcsLen == 2) {
          v += 256;
        }
        if (v < 0) {
          throw new CorruptChunkException("zstd frame declares an impossible content size");
        }
        fcs = v;
      }
      long bound = 0;
      boolean compressed = false;
      boolean last;
      do {
        if (n - p < 3) {
          throw new TruncatedChunkException("zstd data is truncated (block header missing at byte " + p + ")");
        }
        int bh = (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8 | (in[p + 2] & 0xFF) << 16;
        p += 3;
        last = (bh & 1) != 0;
        int type = (bh >>> 1) & 3;
        int size = bh >>> 3;
        if (size > MAX_BLOCK) {
          throw new CorruptChunkException("zstd block of " + size + " bytes exceeds the 128 KiB limit");
        }
        switch (type) {
          case 0: // raw
            if (n - p < size) {
              throw new TruncatedChunkException("zstd data is truncated (raw block of " + size + " bytes)");
            }
            p += size;
            bound += size;
            break;
          case 1: // RLE
            if (n - p < 1) {
              throw new TruncatedChunkException("zstd data is truncated (RLE block)");
            }
            p += 1;
            bound += size;
            break;
          case 2: // compressed
            if (n - p < size) {
              throw new TruncatedChunkException("zstd data is truncated (compressed block of " + size
                  + " bytes, " + (n - p) + " left)");
            }
            p += size;
            bound += MAX_BLOCK;
            compressed = true;
            break;
          default:
            throw new CorruptChunkException("zstd block has the reserved block type");
        }
      } while (!last);
      if (hasChecksum) {
        if (n - p < 4) {
          throw new TruncatedChunkException("zstd data is truncated (content checksum missing)");
        }
        p += 4;
      }
      if (fcs > bound) {
        // refused here, before decode() allocates what the header declares
        throw new CorruptChunkException("zstd frame declares " + fcs + " content bytes but its blocks can produce"
            + " at most " + bound);
      }
      frames.add(new Frame(pos, p, false, fcs, fcs >= 0 ? fcs : bound, single ? -1 : window, compressed));
      pos = p;
    }
    return frames;
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    return decodeRange(encoded, maxDecodedSize, 0, Long.MAX_VALUE, null);
  }

  /** Decodes everything (zstd has no independent blocks), into an array of {@code buffers} when given. */
  @Override
  public byte[] decodeRange(byte[] encoded, int maxDecodedSize, long from, long to, DecodeBuffers buffers) {
    List<Frame> frames = walk(encoded);
    boolean allKnown = true;
    long declared = 0;
    long bound = 0;
    for (Frame f : frames) {
      if (f.skippable) {
        continue;
      }
      if (f.contentSize < 0) {
        allKnown = false;
      } else {
        declared += f.contentSize;
      }
      bound += f.bound;
      if (f.compressedBlocks && f.window > MAX_WINDOW && !nativeDecode) {
        throw new UnsupportedCodecException("zstd frame uses a window of " + f.window
            + " bytes; the pure-Java decoder supports at most 8 MiB");
      }
    }
    int max = Math.max(0, maxDecodedSize);
    int capacity;
    if (allKnown) {
      if (declared > max) {
        throw new CorruptChunkException("zstd frames declare " + declared + " decoded bytes, more than the "
            + max + " this chunk can hold");
      }
      capacity = (int) declared;
    } else {
      capacity = (int) Math.min(bound, max);
    }
    // A recycled array only for the exact size the frames declare: anything else is trimmed below.
    byte[] out = buffers != null && allKnown ? buffers.take(capacity) : new byte[capacity];
    ZstdDecompressor decompressor = nativeDecode ? null : new ZstdDecompressor(); // its tables cost a chunk's worth
    int pos = 0;
    for (Frame f : frames) {
      if (f.skippable) {
        continue;
      }
      int room;
      if (f.contentSize >= 0) {
        if (f.contentSize > capacity - pos) {
          throw Bytes.tooLarge("zstd", max);
        }
        room = (int) f.contentSize;
      } else {
        room = capacity - pos;
      }
      if (room == 0) {
        if (f.bound == 0 || f.contentSize == 0) {
          continue;
        }
        throw Bytes.tooLarge("zstd", max);
      }
      int got;
      try {
        got = nativeDecode ? decodeNatively(encoded, f, out, pos, room, capacity, max, bound)
            : decompressor.decompress(encoded, f.start, f.end - f.start, out, pos, room);
      } catch (MalformedInputException e) {
        String m = Bytes.describe(e);
        if (m.contains("checksum")) {
          throw new ChecksumMismatchException("zstd content checksum mismatch (" + m + ")", e);
        }
        if (m.contains("Output buffer too small") && f.contentSize < 0 && capacity == max && bound > max) {
          throw Bytes.tooLarge("zstd", max);
        }
        if (m.contains("Output buffer too small") && f.contentSize >= 0) {
          throw new CorruptChunkException("zstd frame decodes to more than the " + f.contentSize
              + " bytes its header declares", e);
        }
        throw new CorruptChunkException("zstd data is corrupt (" + m + ")", e);
      } catch (org.zarrspark.core.error.ZarrException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new CorruptChunkException("zstd data is corrupt (" + Bytes.describe(e) + ")", e);
      }
      if (f.contentSize >= 0 && got != f.contentSize) {
        throw new CorruptChunkException("zstd frame declares " + f.contentSize + " bytes but decodes to " + got);
      }
      pos += got;
    }
    return pos == out.length ? out : Arrays.copyOf(out, pos);
  }

  /** One frame through libzstd, its errors mapped as the pure-Java decoder's are. */
  private static int decodeNatively(byte[] encoded, Frame f, byte[] out, int pos, int room, int capacity, int max,
      long bound) {
    try {
      return NativeZstd.decompress(encoded, f.start, f.end - f.start, out, pos, room);
    } catch (NativeZstd.Failure e) {
      String m = e.getMessage().toLowerCase(java.util.Locale.ROOT);
      if (m.contains("checksum")) {
        throw new ChecksumMismatchException("zstd content checksum mismatch (" + e.getMessage() + ")", e);
      }
      if (m.contains("too small") && f.contentSize < 0 && capacity == max && bound > max) {
        throw Bytes.tooLarge("zstd", max);
      }
      if (m.contains("too small") && f.contentSize >= 0) {
        throw new CorruptChunkException("zstd frame decodes to more than the " + f.contentSize
            + " bytes its header declares", e);
      }
      throw new CorruptChunkException("zstd data is corrupt (" + e.getMessage() + ")", e);
    }
  }

  private static boolean nativeAvailable() {
    try {
      return NativeZstd.AVAILABLE;
    } catch (Throwable e) { // zstd-jni absent: the class cannot even load
      return false;
    }
  }

  @Override
  public byte[] encode(byte[] decoded) {
    ZstdCompressor compressor = new ZstdCompressor();
    byte[] out = new byte[compressor.maxCompressedLength(decoded.length) + 32];
    int n = compressor.compress(decoded, 0, decoded.length, out, 0, out.length);
    // aircompressor always writes the frame checksum: drop it when it was not asked for.
    if (!checksum && n >= 9 && (out[4] & 0x04) != 0) {
      out[4] &= ~0x04;
      n -= 4;
    }
    return Arrays.copyOf(out, n);
  }

  @Override
  public String toString() {
    return "ZstdCodec(level=" + level + ", checksum=" + checksum + ")";
  }
}
