package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedCodecException;

/**
 * The one table of codecs: which exist (v3 names, numcodecs ids), which are refused and why, and
 * which a writer may choose by name. Immutable; consulted when metadata is parsed, never per chunk.
 */
public final class CodecRegistry {
  private static final CodecRegistry BUILT_IN = new CodecRegistry(List.of(), Map.of()).with(new BuiltInCodecs());
  private static volatile CodecRegistry standard;

  private final List<CodecType<?>> types;
  private final Map<String, CodecType<?>> byV3Name = new LinkedHashMap<>();
  private final Map<String, CodecType<?>> byNumcodecsId = new LinkedHashMap<>();
  private final Map<String, String> refusals;
  // Derived once, for messages.
  private final List<String> bytesIds = new ArrayList<>();
  private final String v3Supported;

  private CodecRegistry(List<CodecType<?>> types, Map<String, String> refusals) {
    this.types = List.copyOf(types);
    this.refusals = Collections.unmodifiableMap(new LinkedHashMap<>(refusals));
    for (CodecType<?> t : this.types) {
      putOnce(byV3Name, t.v3Name(), t, "v3 name");
      putOnce(byNumcodecsId, t.numcodecsId(), t, "numcodecs id");
      if (t.numcodecsId() != null && t.stage() == BytesCodec.class) {
        bytesIds.add(t.numcodecsId());
      }
    }
    this.v3Supported = String.join(", ", byV3Name.keySet()) + ", and " + CodecType.NUMCODECS_PREFIX
        + "<id> for the numcodecs ids (" + String.join(", ", bytesIds) + ")";
  }

  private static void putOnce(Map<String, CodecType<?>> m, String name, CodecType<?> t, String what) {
    if (name != null && m.putIfAbsent(name, t) != null) {
      throw new IllegalStateException("two codec types claim the " + what + " '" + name + "'");
    }
  }

  /** zarr-core's own codecs only. */
  public static CodecRegistry builtIn() {
    return BUILT_IN;
  }

  /**
   * The built-in codecs and those of every {@link CodecProvider} on the class path (found once, with
   * the context class loader of the first caller). Metadata parsing uses this one.
   */
  public static CodecRegistry standard() {
    CodecRegistry r = standard;
    if (r == null) {
      synchronized (CodecRegistry.class) {
        r = standard;
        if (r == null) {
          r = BUILT_IN;
          for (CodecProvider p : ServiceLoader.load(CodecProvider.class)) {
            r = r.with(p);
          }
          standard = r;
        }
      }
    }
    return r;
  }

  /** This registry and a provider's codecs; a name claimed twice is refused. */
  public CodecRegistry with(CodecProvider p) {
    List<CodecType<?>> t = new ArrayList<>(types);
    t.addAll(p.codecTypes());
    Map<String, String> r = new LinkedHashMap<>(refusals);
    r.putAll(p.refusals());
    return new CodecRegistry(t, r);
  }

  /** Every type, in table order. */
  public List<CodecType<?>> types() {
    return types;
  }

  /** Core v3 names (not the "numcodecs.&lt;id&gt;" spellings), in table order. */
  public List<String> v3Names() {
    return List.copyOf(byV3Name.keySet());
  }

  /** numcodecs ids that bind to a bytes-to-bytes codec: what a v2 filter or compressor may be. */
  public List<String> numcodecsIds() {
    return List.copyOf(bytesIds);
  }

  /** Ids (and names) refused on purpose, with the reason the error gives. */
  public Map<String, String> refusals() {
    return refusals;
  }

  /** The reason a numcodecs id or v3 name (with or without "numcodecs.") is refused, or null. */
  public String refusal(String idOrName) {
    return refusals.get(stripPrefix(idOrName));
  }

  /** What v3 metadata may name, for messages. */
  public String v3Supported() {
    return v3Supported;
  }

  /** The type of a core v3 name; anything else (refused or unknown) raises {@link UnsupportedCodecException}. */
  public CodecType<?> v3Type(String name) {
    CodecType<?> t = byV3Name.get(name);
    if (t == null) {
      String why = refusal(name); // e.g. zarr-python 3's "vlen-bytes"
      throw new UnsupportedCodecException("codec '" + name + "' is not supported"
          + (why == null ? "" : ": " + why) + " (supported: " + v3Supported + ")");
    }
    return t;
  }

  /** The type of a numcodecs id (with or without "numcodecs."), whatever its stage, or null. */
  public CodecType<?> numcodecsType(String id) {
    return byNumcodecsId.get(stripPrefix(id));
  }

  /**
   * The bytes-to-bytes codec of one numcodecs object ({"id": ..., fields}, the id may keep its
   * "numcodecs." prefix). {@code type} (may be null) is the array's element type.
   */
  public BytesCodec numcodecsCodec(JsonNode object, DataType type) {
    if (object == null || !object.isObject()) {
      throw new InvalidMetadataException("a numcodecs filter or compressor must be a JSON object with an 'id', got "
          + object);
    }
    JsonNode idNode = object.get("id");
    if (idNode == null || !idNode.isTextual()) {
      throw new InvalidMetadataException("numcodecs object " + object + " has no string 'id'");
    }
    String id = stripPrefix(idNode.textValue());
    CodecType<?> t = byNumcodecsId.get(id);
    if (t == null || t.stage() != BytesCodec.class) {
      String why = refusals.get(id);
      if (why == null && t != null) {
        why = "it is not a bytes-to-bytes codec";
      }
      throw new UnsupportedCodecException("numcodecs codec '" + id + "' is not supported"
          + (why == null ? "" : ": " + why) + " (supported: " + String.join(", ", bytesIds) + ")");
    }
    return (BytesCodec) t.bind(object, new CodecContext(type, true, this));
  }

  /** Names of the compressors a writer may choose ({@link #compressor}), in table order. */
  public List<String> writable() {
    List<String> out = new ArrayList<>();
    for (CodecType<?> t : types) {
      if (t.writer() != null) {
        out.add(t.name());
      }
    }
    return out;
  }

  /**
   * The compressor a writer chose by name, ready to encode and to write its own metadata entry
   * ({@link WritableCodec#v2Json()}, {@link WritableCodec#v3Json()}).
   *
   * @param level the requested level, or null for the codec's default in this zarr format
   * @param typesize the element size in bytes (1 for strings)
   */
  public WritableCodec compressor(String name, Integer level, int typesize, int zarrFormat) {
    CodecType<?> t = byNumcodecsId.get(name);
    if (t == null) {
      t = byV3Name.get(name);
    }
    if (t == null || t.writer() == null) {
      throw new UnsupportedCodecException("codec '" + name + "' cannot be chosen for writing (writable: "
          + String.join(", ", writable()) + ")");
    }
    if (zarrFormat != 2 && zarrFormat != 3) {
      throw new IllegalArgumentException("zarr format " + zarrFormat + " is not 2 or 3");
    }
    return t.writer().build(level, Math.max(1, typesize), zarrFormat);
  }

  private static String stripPrefix(String id) {
    return id.startsWith(CodecType.NUMCODECS_PREFIX) ? id.substring(CodecType.NUMCODECS_PREFIX.length()) : id;
  }
}
