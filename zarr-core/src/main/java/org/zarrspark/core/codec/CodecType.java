package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One kind of codec: the names metadata knows it by, the pipeline stage it fills, how its JSON
 * configuration binds and, for compressors a writer may choose by name, how a writer builds it.
 * Each codec class declares its own as {@code TYPE}; {@link CodecRegistry} is the one table of them.
 * Binding happens once, when metadata is parsed, never per chunk.
 *
 * @param v3Name its core v3 name ("gzip"), or null when v3 knows it only as "numcodecs.&lt;id&gt;"
 * @param numcodecsId its numcodecs id (the v2 "id", v3 "numcodecs.&lt;id&gt;"), or null when numcodecs has none
 * @param stage {@link ArrayCodec}, {@link ArrayBytesCodec} or {@link BytesCodec}
 * @param binder builds the codec from its configuration
 * @param writer builds the codec a writer chooses by name, or null when writers cannot choose it
 */
public record CodecType<C>(String v3Name, String numcodecsId, Class<C> stage, Binder<? extends C> binder,
    Writer writer) {
  public static final String NUMCODECS_PREFIX = "numcodecs.";

  public CodecType {
    if (v3Name == null && numcodecsId == null) {
      throw new IllegalArgumentException("a codec type needs a v3 name or a numcodecs id");
    }
    if (stage != ArrayCodec.class && stage != ArrayBytesCodec.class && stage != BytesCodec.class) {
      throw new IllegalArgumentException("stage " + stage + " is not ArrayCodec, ArrayBytesCodec or BytesCodec");
    }
    Objects.requireNonNull(binder, "binder");
    if (writer != null && stage != BytesCodec.class) {
      throw new IllegalArgumentException("only bytes-to-bytes codecs are chosen by writers");
    }
  }

  /** Builds a codec from its JSON configuration. */
  @FunctionalInterface
  public interface Binder<C> {
    /**
     * @param config a v3 "configuration" (possibly a missing node) or a numcodecs object {"id": ..., fields}
     */
    C bind(JsonNode config, CodecContext context);
  }

  /** Builds the codec a writer asked for by name. */
  @FunctionalInterface
  public interface Writer {
    /**
     * @param level the requested level, or null for the writer default of this zarr format
     * @param typesize the element size in bytes (1 for strings)
     */
    WritableCodec build(Integer level, int typesize, int zarrFormat);
  }

  /** A bytes-to-bytes codec (compressor, checksum, numcodecs filter). */
  public static CodecType<BytesCodec> bytes(String v3Name, String numcodecsId, Binder<? extends BytesCodec> b) {
    return new CodecType<>(v3Name, numcodecsId, BytesCodec.class, b, null);
  }

  /** An array-to-bytes codec (bytes, vlen-utf8, sharding_indexed). */
  public static CodecType<ArrayBytesCodec> arrayBytes(String v3Name, String numcodecsId,
      Binder<? extends ArrayBytesCodec> b) {
    return new CodecType<>(v3Name, numcodecsId, ArrayBytesCodec.class, b, null);
  }

  /** An array-to-array codec (transpose). */
  public static CodecType<ArrayCodec> array(String v3Name, Binder<? extends ArrayCodec> b) {
    return new CodecType<>(v3Name, null, ArrayCodec.class, b, null);
  }

  /** The same type, which writers may choose by {@link #name()}. */
  public CodecType<C> writable(Writer w) {
    return new CodecType<>(v3Name, numcodecsId, stage, binder, Objects.requireNonNull(w, "writer"));
  }

  public C bind(JsonNode config, CodecContext context) {
    return binder.bind(config, context);
  }

  /** The name a writer chooses it by and messages use: its numcodecs id, else its v3 name. */
  public String name() {
    return numcodecsId != null ? numcodecsId : v3Name;
  }

  /** The name v3 metadata gives it: the core name, else "numcodecs.&lt;id&gt;". */
  public String v3Spelling() {
    return v3Name != null ? v3Name : NUMCODECS_PREFIX + numcodecsId;
  }
}
