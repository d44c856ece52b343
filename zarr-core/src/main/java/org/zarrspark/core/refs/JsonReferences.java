package org.zarrspark.core.refs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.InvalidReferencesException;
import org.zarrspark.core.json.Json;

/**
 * A kerchunk JSON reference set, version 0 (a flat object of keys) or version 1 ({@code version},
 * {@code templates}, {@code gen}, {@code refs}), expanded into memory once: every key's value is
 * an inline string ({@code base64:} for binary), an inline JSON document, {@code [url]} (the
 * whole file) or {@code [url, offset, length]}.
 */
public final class JsonReferences implements ListedReferences {
  /** The most references a {@code gen} entry may expand to. */
  public static final long MAX_GENERATED = 10_000_000L;

  private final Map<String, byte[]> metadata;
  private final Map<String, Ref> chunks;

  private JsonReferences(Map<String, byte[]> metadata, Map<String, Ref> chunks) {
    this.metadata = metadata;
    this.chunks = chunks;
  }

  /** Parses a reference file; every failure is an {@link InvalidReferencesException} (location attached by the caller). */
  public static JsonReferences parse(byte[] json) {
    JsonNode root;
    try {
      root = Json.parse(json);
    } catch (InvalidMetadataException e) {
      throw new InvalidReferencesException("not a kerchunk reference set: " + e.detail(), e);
    }
    if (!root.isObject()) {
      throw new InvalidReferencesException("not a kerchunk reference set: the document is not a JSON object");
    }
    Map<String, byte[]> metadata = new LinkedHashMap<>();
    Map<String, Ref> chunks = new HashMap<>();
    JsonNode version = root.get("version");
    if (version == null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        add(e.getKey(), e.getValue(), null, metadata, chunks);
      }
      return new JsonReferences(metadata, chunks);
    }
    if (!version.isIntegralNumber() || version.asInt() != 1) {
      throw new InvalidReferencesException("unsupported reference set version " + version + " (kerchunk versions 0 and 1 are read)");
    }
    Map<String, String> templateText = new HashMap<>();
    JsonNode t = root.get("templates");
    if (t != null && !t.isNull()) {
      if (!t.isObject()) {
        throw new InvalidReferencesException("'templates' is not an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual()) {
          throw new InvalidReferencesException("template '" + e.getKey() + "' is not a string");
        }
        templateText.put(e.getKey(), e.getValue().textValue());
      }
    }
    Templates templates = new Templates(templateText);
    JsonNode gen = root.get("gen");
    if (gen != null && !gen.isNull()) {
      if (!gen.isArray()) {
        throw new InvalidReferencesException("'gen' is not a list");
      }
      for (JsonNode g : gen) {
        generate(g, templates, chunks);
      }
    }
    JsonNode refs = root.get("refs");
    if (refs != null && !refs.isNull()) {
      if (!refs.isObject()) {
        throw new InvalidReferencesException("'refs' is not an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = refs.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        add(e.getKey(), e.getValue(), templates, metadata, chunks);
      }
    }
    return new JsonReferences(metadata, chunks);
  }

  /** Whether a key names a metadata document (.zgroup, .zattrs, .zarray, .zmetadata, zarr.json). */
  static boolean isMetadataKey(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    return name.startsWith(".z") || name.equals("zarr.json");
  }

  private static void add(String key, JsonNode v, Templates templates, Map<String, byte[]> metadata, Map<String, Ref> chunks) {
    try {
      Ref ref = ref(v, templates);
      if (isMetadataKey(key)) {
        if (!(ref instanceof Ref.Inline in)) {
          throw new InvalidReferencesException("a metadata document must be inline, not a reference to a file");
        }
        metadata.put(key, in.data());
      } else {
        chunks.put(key, ref);
      }
    } catch (InvalidReferencesException e) {
      throw new InvalidReferencesException("key '" + key + "': " + e.detail(), e.getCause());
    }
  }

  /** One value: an inline string or document, {@code [url]} or {@code [url, offset, length]}. */
  static Ref ref(JsonNode v, Templates templates) {
    if (v.isTextual()) {
      return new Ref.Inline(inline(v.textValue()));
    }
    if (v.isObject()) {
      return new Ref.Inline(Json.write(v));
    }
    if (v.isArray()) {
      if (v.size() != 1 && v.size() != 3) {
        throw new InvalidReferencesException("a reference is [url] or [url, offset, length], not a list of " + v.size());
      }
      JsonNode u = v.get(0);
      if (!u.isTextual()) {
        throw new InvalidReferencesException("the URL of a reference is not a string: " + u);
      }
      String url = templates == null ? u.textValue() : templates.render(u.textValue(), Map.of());
      if (url.isEmpty()) {
        throw new InvalidReferencesException("empty URL in a reference");
      }
      if (v.size() == 1) {
        return new Ref.Range(url, 0, -1);
      }
      long offset = integer(v.get(1), "offset");
      long length = integer(v.get(2), "length");
      return new Ref.Range(url, offset, length);
    }
    throw new InvalidReferencesException("a reference is a string, a JSON object or a list, not " + v.getNodeType());
  }

  private static long integer(JsonNode n, String what) {
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
      throw new InvalidReferencesException("the " + what + " of a reference is not a non-negative integer: " + n);
    }
    return n.asLong();
  }

  /** Inline data: {@code base64:} followed by base64, else the string's UTF-8 bytes. */
  static byte[] inline(String s) {
    if (s.startsWith("base64:")) {
      try {
        return Base64.getDecoder().decode(s.substring("base64:".length()).trim());
      } catch (IllegalArgumentException e) {
        throw new InvalidReferencesException("invalid base64 data: " + e.getMessage());
      }
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Expands one {@code gen} entry over the product of its dimensions. */
  private static void generate(JsonNode g, Templates templates, Map<String, Ref> chunks) {
    if (!g.isObject() || !textual(g.get("key")) || !textual(g.get("url"))) {
      throw new InvalidReferencesException("a 'gen' entry needs string 'key' and 'url': " + abbreviate(g));
    }
    JsonNode off = g.get("offset");
    JsonNode len = g.get("length");
    if ((off == null) != (len == null)) {
      throw new InvalidReferencesException("a 'gen' entry has 'offset' and 'length' together or neither: " + abbreviate(g));
    }
    JsonNode dims = g.get("dimensions");
    if (dims == null || !dims.isObject() || dims.size() == 0) {
      throw new InvalidReferencesException("a 'gen' entry needs 'dimensions' (one or more): " + abbreviate(g));
    }
    List<String> names = new ArrayList<>();
    List<long[]> values = new ArrayList<>();
    long total = 1;
    for (Iterator<Map.Entry<String, JsonNode>> it = dims.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      long[] vs = dimension(e.getKey(), e.getValue());
      names.add(e.getKey());
      values.add(vs);
      total = vs.length == 0 ? 0 : (total > MAX_GENERATED ? total : total * vs.length);
    }
    if (total > MAX_GENERATED) {
      throw new InvalidReferencesException("a 'gen' entry expands to more than " + MAX_GENERATED + " references");
    }
    int[] idx = new int[names.size()];
    for (long n = 0; n < total; n++) {
      Map<String, Object> vars = new HashMap<>();
      for (int d = 0; d < idx.length; d++) {
        vars.put(names.get(d), values.get(d)[idx[d]]);
      }
      String key = templates.render(g.get("key").textValue(), vars);
      String url = templates.render(g.get("url").textValue(), vars);
      Ref ref;
      if (off == null) {
        ref = new Ref.Range(url, 0, -1);
      } else {
        ref = new Ref.Range(url, number(off, templates, vars, "offset"), number(len, templates, vars, "length"));
      }
      chunks.put(key, ref);
      for (int d = idx.length - 1; d >= 0; d--) {
        if (++idx[d] < values.get(d).length) {
          break;
        }
        idx[d] = 0;
      }
    }
  }

  private static long number(JsonNode n, Templates templates, Map<String, Object> vars, String what) {
    String s = n.isTextual() ? templates.render(n.textValue(), vars).trim() : n.asText();
    try {
      long v = Long.parseLong(s);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidReferencesException("the " + what + " of a generated reference is not a non-negative integer: '" + s + "'");
    }
  }

  /** A dimension's values: {@code {start, stop, step}} (Python's range) or a list of integers. */
  private static long[] dimension(String name, JsonNode d) {
    if (d.isArray()) {
      long[] out = new long[d.size()];
      for (int i = 0; i < out.length; i++) {
        if (!d.get(i).isIntegralNumber()) {
          throw new InvalidReferencesException("dimension '" + name + "' lists a value that is not an integer: " + d.get(i));
        }
        out[i] = d.get(i).asLong();
      }
      return out;
    }
    if (!d.isObject() || d.get("stop") == null || !d.get("stop").isIntegralNumber()) {
      throw new InvalidReferencesException("dimension '" + name + "' is neither a list nor {start, stop, step} with an integer stop");
    }
    long start = d.has("start") ? d.get("start").asLong() : 0;
    long stop = d.get("stop").asLong();
    long step = d.has("step") ? d.get("step").asLong() : 1;
    if (step == 0) {
      throw new InvalidReferencesException("dimension '" + name + "' has step 0");
    }
    long count = step > 0 ? (stop > start ? (stop - start + step - 1) / step : 0)
        : (start > stop ? (start - stop - step - 1) / -step : 0);
    if (count > MAX_GENERATED) {
      throw new InvalidReferencesException("dimension '" + name + "' has more than " + MAX_GENERATED + " values");
    }
    long[] out = new long[(int) count];
    for (int i = 0; i < out.length; i++) {
      out[i] = start + i * step;
    }
    return out;
  }

  private static boolean textual(JsonNode n) {
    return n != null && n.isTextual();
  }

  private static String abbreviate(JsonNode n) {
    String s = String.valueOf(n);
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  @Override
  public Map<String, byte[]> metadata() {
    return metadata;
  }

  @Override
  public Ref chunk(String key) {
    return chunks.get(key);
  }

  @Override
  public Map<String, Ref> chunks() {
    return java.util.Collections.unmodifiableMap(chunks);
  }
}
