package org.zarrspark.core.refs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.error.InconsistentFilesException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.json.Json;

/**
 * Several NetCDF-4 / HDF5 files as one reference set, concatenated along their record dimension
 * as xarray's {@code open_mfdataset(combine="nested")} and kerchunk's {@code MultiZarrToZarr} do.
 *
 * <p>The record dimension is the files' unlimited dimension ({@code time} when several are
 * unlimited), else a dimension named {@code time}. An array along it takes the chunks of every
 * file, their keys shifted by the record chunks of the files before; every other array comes from
 * the first file after checking that all files agree (values compared for arrays of at most
 * {@link #MAX_COMPARED_ELEMENTS} elements, metadata for larger ones). Attributes are the first
 * file's, but those that change decoded values (units, calendar, scale and offset, missing values)
 * must agree in every file, except time units counted from different dates, whose values are
 * re-counted from the first file's date ({@link TimeShift}). Whatever else the files disagree on is an {@link InconsistentFilesException}
 * naming the array, both files and the difference: never a silently wrong table.
 */
public final class ConcatenatedReferences implements ListedReferences {
  /** Arrays without the record dimension up to this size are compared value by value. */
  public static final long MAX_COMPARED_ELEMENTS = 1 << 20;
  /** Attributes that change how stored values decode: they must agree along the record dimension. */
  private static final List<String> DECODING_ATTRIBUTES = List.of("units", "calendar", "scale_factor", "add_offset",
      "missing_value", "_Unsigned", "dtype");

  /**
   * One file of the set.
   *
   * @param location the file, as errors name it
   * @param urlPrefix what makes the file's relative URLs relative to the set's directory
   * @param values reads an array of this file whole (for the consistency checks)
   */
  public record Part(String location, Hdf5References refs, String urlPrefix, Function<String, NdBuffer> values) {}

  private final Map<String, byte[]> metadata = new LinkedHashMap<>();
  private final Map<String, Ref> chunks = new HashMap<>();
  private String dimension;

  private ConcatenatedReferences() {}

  /** Concatenates files in the order given; errors name {@code location} (the glob or directory). */
  public static ConcatenatedReferences of(List<Part> parts, String location) {
    if (parts.isEmpty()) {
      throw new InconsistentFilesException("no files to read").at(location, null);
    }
    ConcatenatedReferences c = new ConcatenatedReferences();
    try {
      c.build(parts);
    } catch (ZarrException e) {
      throw e.at(location, null);
    }
    return c;
  }

  /** The dimension the files were concatenated along (null for a single file). */
  public String dimension() {
    return dimension;
  }

  @Override
  public Map<String, byte[]> metadata() {
    return Collections.unmodifiableMap(metadata);
  }

  @Override
  public Ref chunk(String key) {
    return chunks.get(key);
  }

  @Override
  public Map<String, Ref> chunks() {
    return Collections.unmodifiableMap(chunks);
  }

  private void build(List<Part> parts) {
    Part first = parts.get(0);
    Set<String> arrays = arrays(first);
    for (Part p : parts) {
      Set<String> other = arrays(p);
      if (!other.equals(arrays)) {
        Set<String> missing = new TreeSet<>(arrays);
        missing.removeAll(other);
        Set<String> extra = new TreeSet<>(other);
        extra.removeAll(arrays);
        throw new InconsistentFilesException(p.location() + (missing.isEmpty() ? "" : " lacks " + missing)
            + (missing.isEmpty() || extra.isEmpty() ? "" : " and") + (extra.isEmpty() ? "" : " has " + extra)
            + " compared with " + first.location() + ": the files do not hold the same variables");
      }
    }
    // Groups and their attributes come from the first file (xarray's combine_attrs="override").
    for (Map.Entry<String, byte[]> e : first.refs().metadata().entrySet()) {
      if (e.getKey().endsWith(".zgroup") || (e.getKey().endsWith(".zattrs") && !arrays.contains(parentOf(e.getKey())))) {
        metadata.put(e.getKey(), e.getValue());
      }
    }
    List<Map<String, List<String>>> keysByArray = new ArrayList<>();
    for (Part p : parts) {
      keysByArray.add(chunkKeysByArray(p.refs()));
    }
    dimension = parts.size() == 1 ? null : recordDimension(parts, arrays);
    for (String a : arrays) {
      concatArray(parts, a, keysByArray);
    }
  }

  private void concatArray(List<Part> parts, String array, List<Map<String, List<String>>> keysByArray) {
    Part first = parts.get(0);
    ObjectNode z0 = document(first, array, ".zarray");
    ObjectNode attrs0 = document(first, array, ".zattrs");
    List<String> dims0 = dims(attrs0);
    int axis = dimension == null ? -1 : dims0.indexOf(dimension);
    long total = 0;
    boolean shifted = false;
    long[] chunkShift = new long[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      Part p = parts.get(i);
      ObjectNode z = document(p, array, ".zarray");
      ObjectNode attrs = document(p, array, ".zattrs");
      if (!dims(attrs).equals(dims0)) {
        throw differ(array, "dimensions", dims0, dims(attrs), first, p);
      }
      for (String field : List.of("dtype", "fill_value", "chunks", "order")) {
        if (!Objects.equals(z0.get(field), z.get(field))) {
          throw differ(array, field, z0.get(field), z.get(field), first, p);
        }
      }
      if (!filterKinds(z0).equals(filterKinds(z))) {
        throw differ(array, "filters", z0.get("filters"), z.get("filters"), first, p);
      }
      long[] shape0 = longs(z0.get("shape"));
      long[] shape = longs(z.get("shape"));
      for (int d = 0; d < shape0.length; d++) {
        if (d != axis && shape0[d] != shape[d]) {
          throw differ(array, "length of dimension " + dims0.get(d), shape0[d], shape[d], first, p);
        }
      }
      if (axis < 0) {
        continue;
      }
      for (String name : DECODING_ATTRIBUTES) {
        if (!Objects.equals(attrs0.get(name), attrs.get(name))) {
          if (name.equals("units") && TimeShift.convertible(attrs0, attrs)) {
            shifted = true; // times counted from another date: re-counted from the first file's below
            continue;
          }
          throw differ(array, "attribute " + name, attrs0.get(name), attrs.get(name), first, p);
        }
      }
      long chunk = longs(z0.get("chunks"))[axis];
      if (i < parts.size() - 1 && shape[axis] % chunk != 0) {
        throw new InconsistentFilesException(p.location() + " has " + shape[axis] + " steps of " + dimension + " in "
            + array + ", not a multiple of its chunk length " + chunk + ": the files do not form one regular chunk grid"
            + " (only the last file may end in a partial chunk)");
      }
      chunkShift[i] = total / chunk;
      total += shape[axis];
    }
    if (shifted) {
      TimeShift.inline(parts, array, axis, z0, attrs0, metadata, chunks);
      metadata.put(key(array, ".zattrs"), first.refs().metadata().get(key(array, ".zattrs")));
      return;
    }
    if (axis < 0) {
      checkSameValues(parts, array, z0);
      metadata.put(key(array, ".zarray"), first.refs().metadata().get(key(array, ".zarray")));
      copyChunks(first, keysByArray.get(0).get(array), -1, 0);
    } else {
      ArrayNode shape = (ArrayNode) z0.get("shape");
      shape.set(axis, total);
      metadata.put(key(array, ".zarray"), Json.write(z0));
      for (int i = 0; i < parts.size(); i++) {
        copyChunks(parts.get(i), keysByArray.get(i).get(array), axis, chunkShift[i]);
      }
    }
    metadata.put(key(array, ".zattrs"), first.refs().metadata().get(key(array, ".zattrs")));
  }

  /** An array outside the record dimension must hold the same values in every file. */
  private static void checkSameValues(List<Part> parts, String array, ObjectNode z0) {
    long elements = 1;
    for (long n : longs(z0.get("shape"))) {
      elements *= n;
    }
    if (parts.size() == 1 || elements > MAX_COMPARED_ELEMENTS) {
      return;
    }
    Part first = parts.get(0);
    NdBuffer v0 = first.values().apply(array);
    for (Part p : parts.subList(1, parts.size())) {
      NdBuffer v = p.values().apply(array);
      int at = Arrays.mismatch(v0.bytes(), v.bytes());
      if (at >= 0) {
        int i = at / Math.max(1, v0.type().itemSize());
        throw new InconsistentFilesException(array + " differs between " + first.location() + " and " + p.location()
            + " (element " + i + ": " + v0.getAsDouble(i) + " vs " + v.getAsDouble(i)
            + "): arrays outside the record dimension " + "must be the same in every file");
      }
    }
  }

  private void copyChunks(Part p, List<String> keys, int axis, long shift) {
    if (keys == null) {
      return;
    }
    for (String k : keys) {
      Ref r = p.refs().chunk(k);
      String key = axis < 0 || shift == 0 ? k : shifted(k, axis, shift);
      if (r instanceof Ref.Range range && !p.urlPrefix().isEmpty()) {
        r = new Ref.Range(p.urlPrefix() + range.url(), range.offset(), range.length());
      }
      chunks.put(key, r);
    }
  }

  private static String shifted(String key, int axis, long shift) {
    int slash = key.lastIndexOf('/');
    String[] idx = key.substring(slash + 1).split("\\.");
    idx[axis] = Long.toString(Long.parseLong(idx[axis]) + shift);
    return key.substring(0, slash + 1) + String.join(".", idx);
  }

  /**
   * The unlimited dimension of the first file's arrays ({@code time} when there are several),
   * else a dimension named {@code time}.
   */
  private static String recordDimension(List<Part> parts, Set<String> arrays) {
    Part first = parts.get(0);
    Set<String> unlimited = new LinkedHashSet<>();
    boolean hasTime = false;
    for (String a : arrays) {
      List<String> dims = dims(document(first, a, ".zattrs"));
      hasTime |= dims.contains("time");
      long[] max = first.refs().maxShape(a);
      for (int d = 0; max != null && d < max.length && d < dims.size(); d++) {
        if (max[d] < 0) {
          unlimited.add(dims.get(d));
        }
      }
    }
    if (unlimited.contains("time") || (unlimited.isEmpty() && hasTime)) {
      return "time";
    }
    if (!unlimited.isEmpty()) {
      return unlimited.iterator().next();
    }
    throw new InconsistentFilesException("the files have no record dimension to concatenate along (no unlimited"
        + " dimension and no dimension named time)");
  }

  static InconsistentFilesException differ(String array, String what, Object a, Object b, Part pa, Part pb) {
    return new InconsistentFilesException(array + " has " + what + " " + a + " in " + pa.location() + " but " + b
        + " in " + pb.location());
  }

  /** Filter ids and element sizes: a compression level may differ between files, the decoding may not. */
  private static List<String> filterKinds(ObjectNode z) {
    List<String> out = new ArrayList<>();
    JsonNode f = z.get("filters");
    if (f != null && f.isArray()) {
      for (JsonNode c : f) {
        out.add(c.path("id").asText() + ":" + c.path("elementsize").asText(""));
      }
    }
    return out;
  }

  private static Set<String> arrays(Part p) {
    Set<String> out = new TreeSet<>();
    for (String k : p.refs().metadata().keySet()) {
      if (k.equals(".zarray") || k.endsWith("/.zarray")) {
        out.add(parentOf(k));
      }
    }
    return out;
  }

  private static Map<String, List<String>> chunkKeysByArray(Hdf5References refs) {
    Map<String, List<String>> out = new HashMap<>();
    for (String k : refs.chunks().keySet()) {
      out.computeIfAbsent(parentOf(k), x -> new ArrayList<>()).add(k);
    }
    return out;
  }

  private static String parentOf(String key) {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? "" : key.substring(0, slash);
  }

  static String key(String array, String name) {
    return array.isEmpty() ? name : array + "/" + name;
  }

  private static ObjectNode document(Part p, String array, String name) {
    byte[] b = p.refs().metadata().get(key(array, name));
    JsonNode n = b == null ? null : Json.parse(b);
    return n instanceof ObjectNode o ? o : Json.mapper().createObjectNode();
  }

  private static List<String> dims(ObjectNode attrs) {
    List<String> out = new ArrayList<>();
    for (JsonNode d : attrs.path("_ARRAY_DIMENSIONS")) {
      out.add(d.asText());
    }
    return out;
  }

  static long[] longs(JsonNode a) {
    long[] out = new long[a == null ? 0 : a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asLong();
    }
    return out;
  }
}
