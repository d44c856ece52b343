package org.zarrspark.core.codec.blosc;

import java.util.Locale;

/** The inner codecs of Blosc1: name, compressor code and the format number stored in headers. */
enum BloscCompressor {
  BLOSCLZ("blosclz", 0),
  LZ4("lz4", 1),
  // LZ4HC writes plain LZ4 streams, so it shares LZ4's format number.
  LZ4HC("lz4hc", 1),
  SNAPPY("snappy", 2),
  ZLIB("zlib", 3),
  ZSTD("zstd", 4);

  static final int FORMAT_BLOSCLZ = 0;
  static final int FORMAT_LZ4 = 1;
  static final int FORMAT_SNAPPY = 2;
  static final int FORMAT_ZLIB = 3;
  static final int FORMAT_ZSTD = 4;

  final String cname;
  final int format;

  BloscCompressor(String cname, int format) {
    this.cname = cname;
    this.format = format;
  }

  /** The compressor called {@code cname}, or null. */
  static BloscCompressor forName(String cname) {
    if (cname == null) {
      return null;
    }
    String lower = cname.toLowerCase(Locale.ROOT);
    for (BloscCompressor c : values()) {
      if (c.cname.equals(lower)) {
        return c;
      }
    }
    return null;
  }

  static String formatName(int format) {
    switch (format) {
      case FORMAT_BLOSCLZ:
        return "blosclz";
      case FORMAT_LZ4:
        return "lz4";
      case FORMAT_SNAPPY:
        return "snappy";
      case FORMAT_ZLIB:
        return "zlib";
      case FORMAT_ZSTD:
        return "zstd";
      default:
        return "format " + format;
    }
  }

  /** c-blosc's HCR(): codecs meant for high ratios get larger blocks. */
  boolean highRatio() {
    return this == LZ4HC || this == ZLIB || this == ZSTD;
  }
}
