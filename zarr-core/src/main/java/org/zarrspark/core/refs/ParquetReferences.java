package org.zarrspark.core.refs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.InvalidReferencesException;
import org.zarrspark.core.json.Json;

/**
 * A kerchunk Parquet reference set (fsspec's LazyReferenceMapper layout): a directory whose
 * {@code .zmetadata} holds {@code metadata} (every .zgroup/.zattrs/.zarray document) and
 * {@code record_size} R, and {@code <array>/refs.<i>.parq} files of R rows each. The chunk of
 * C-order index n in an array's chunk grid is row n mod R of file n / R. Record files are read
 * when a chunk in them is first asked for, then kept (one read per file per store, i.e. per task).
 */
public final class ParquetReferences implements ReferenceSet {
  private final Map<String, byte[]> metadata;
  private final int recordSize;
  private final RecordSource source;
  private final Map<String, Grid> grids = new ConcurrentHashMap<>();
  private final Map<String, Ref[]> files = new ConcurrentHashMap<>();

  private ParquetReferences(Map<String, byte[]> metadata, int recordSize, RecordSource source) {
    this.metadata = metadata;
    this.recordSize = recordSize;
    this.source = source;
  }

  /** Whether a {@code .zmetadata} document is a Parquet reference set's (it carries {@code record_size}). */
  public static boolean isReferenceMetadata(byte[] zmetadata) {
    if (zmetadata == null) {
      return false;
    }
    try {
      JsonNode n = Json.parse(zmetadata);
      return n.isObject() && n.has("record_size");
    } catch (InvalidMetadataException e) {
      return false;
    }
  }

  public static ParquetReferences of(byte[] zmetadata, RecordSource source) {
    JsonNode root;
    try {
      root = Json.parse(zmetadata);
    } catch (InvalidMetadataException e) {
      throw new InvalidReferencesException(".zmetadata: " + e.detail(), e);
    }
    JsonNode rs = root.get("record_size");
    JsonNode md = root.get("metadata");
    if (rs == null || !rs.isIntegralNumber() || rs.asLong() < 1 || rs.asLong() > Integer.MAX_VALUE) {
      throw new InvalidReferencesException(".zmetadata: 'record_size' is not a positive integer: " + rs);
    }
    if (md == null || !md.isObject()) {
      throw new InvalidReferencesException(".zmetadata: no 'metadata' object");
    }
    Map<String, byte[]> metadata = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = md.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      metadata.put(e.getKey(), v.isTextual() ? v.textValue().getBytes(StandardCharsets.UTF_8) : Json.write(v));
    }
    return new ParquetReferences(metadata, rs.intValue(), source);
  }

  public int recordSize() {
    return recordSize;
  }

  @Override
  public Map<String, byte[]> metadata() {
    return metadata;
  }

  /** An array's chunk grid and key separator. */
  private record Grid(long[] counts, String separator) {}

  @Override
  public Ref chunk(String key) {
    int slash = key.lastIndexOf('/');
    // The array whose .zarray is the longest prefix of the key (chunk keys may contain '/').
    for (; ; slash = key.lastIndexOf('/', slash - 1)) {
      String array = slash < 0 ? "" : key.substring(0, slash);
      if (metadata.containsKey(slash < 0 ? ".zarray" : array + "/.zarray")) {
        return chunk(array, key.substring(slash + 1));
      }
      if (slash < 0) {
        return null;
      }
    }
  }

  private Ref chunk(String array, String chunkKey) {
    Grid g = grids.computeIfAbsent(array, this::grid);
    String[] parts = g.counts.length == 0 ? new String[] {chunkKey}
        : chunkKey.split(g.separator.equals(".") ? "\\." : "/", -1);
    if (parts.length != Math.max(1, g.counts.length)) {
      return null;
    }
    long n = 0;
    for (int d = 0; d < parts.length; d++) {
      long c;
      if (parts[d].isEmpty() || parts[d].length() > 18 || !parts[d].chars().allMatch(Character::isDigit)) {
        return null;
      }
      c = Long.parseLong(parts[d]);
      long count = g.counts.length == 0 ? 1 : g.counts[d];
      if (c >= count) {
        return null;
      }
      n = Math.multiplyExact(n, count) + c;
    }
    long file = n / recordSize;
    int row = (int) (n % recordSize);
    if (file > Integer.MAX_VALUE) {
      return null;
    }
    Ref[] rows = files.computeIfAbsent(array + "\u0000" + file, k -> {
      Ref[] r = source.records(array, (int) file);
      if (r == null) {
        throw new InvalidReferencesException("the record file " + (array.isEmpty() ? "" : array + "/") + "refs." + file
            + ".parq of the reference set is missing");
      }
      return r;
    });
    return row < rows.length ? rows[row] : null;
  }

  private Grid grid(String array) {
    JsonNode z = Json.parse(metadata.get(array.isEmpty() ? ".zarray" : array + "/.zarray"));
    JsonNode shape = z.get("shape");
    JsonNode chunks = z.get("chunks");
    if (shape == null || chunks == null || !shape.isArray() || !chunks.isArray() || shape.size() != chunks.size()) {
      throw new InvalidReferencesException(array + "/.zarray: shape and chunks of the same rank are needed");
    }
    long[] counts = new long[shape.size()];
    for (int d = 0; d < counts.length; d++) {
      long s = shape.get(d).asLong();
      long c = chunks.get(d).asLong();
      counts[d] = c <= 0 ? 1 : Math.max(1, (s + c - 1) / c);
    }
    JsonNode sep = z.get("dimension_separator");
    return new Grid(counts, sep != null && sep.isTextual() ? sep.textValue() : ".");
  }

  public String describe() {
    return source.describe();
  }
}
