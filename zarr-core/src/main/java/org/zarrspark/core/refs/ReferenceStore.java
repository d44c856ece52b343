package org.zarrspark.core.refs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.zarrspark.core.codec.CodecPipeline;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.StoreException;
import org.zarrspark.core.error.TooLargeException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.store.ChunkPlanning;
import org.zarrspark.core.store.RangeRuns;
import org.zarrspark.core.store.RangeTargets;
import org.zarrspark.core.store.LookupStore;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreKeys;

/**
 * A kerchunk reference set seen as a read-only Zarr v2 store: metadata keys are the set's
 * documents (and {@code .zmetadata} their consolidation, so a hierarchy opens in one read), chunk
 * keys are inline bytes or a ranged read of the target file (through {@link RangeTargets}: one
 * store per target directory, reads checked against the file's end). Target URLs are remapped
 * ({@link Remap}), {@code s3://} is read as {@code s3a://}, and a path without scheme that does not
 * start with '/' is relative to the directory that holds the reference set.
 */
public final class ReferenceStore implements LookupStore, ChunkPlanning {
  private final ReferenceSet set;
  private final String name;
  private final String base;
  private final Remap remap;
  private final RangeTargets targets;
  private volatile byte[] consolidated;
  /** Planned chunks: adjacent ranges of one target file read together. */
  private final RangeRuns runs = new RangeRuns();
  private static final int MAX_PLANNED = 1 << 16;

  /**
   * @param name the set's location (named in errors)
   * @param base the directory relative target paths are resolved against
   */
  public ReferenceStore(ReferenceSet set, String name, String base, Remap remap, RangeTargets targets) {
    this.set = set;
    this.name = name;
    this.base = base;
    this.remap = remap == null ? Remap.NONE : remap;
    this.targets = targets;
  }

  public ReferenceSet referenceSet() {
    return set;
  }

  @Override
  public String describe() {
    return name;
  }

  /** The URL a reference's target is read from: remapped, then resolved against the set's directory. */
  public String resolve(String url) {
    String u = remap.apply(url);
    if (u.contains("://") || u.startsWith("/") || u.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      return u;
    }
    while (u.startsWith("./")) {
      u = u.substring(2);
    }
    return base.endsWith("/") ? base + u : base + "/" + u;
  }

  private Ref ref(String key) {
    StoreKeys.check(key, name);
    try {
      return set.chunk(key);
    } catch (ZarrException e) {
      throw e.at(name, key);
    }
  }

  private byte[] metadataValue(String key) {
    byte[] m = set.metadata().get(key);
    if (m != null) {
      return m;
    }
    if (key.equals(".zmetadata")) {
      return consolidated();
    }
    return null;
  }

  /** The set's documents as one consolidated .zmetadata (the Zarr v2 convention). */
  private byte[] consolidated() {
    byte[] c = consolidated;
    if (c == null) {
      ObjectNode root = Json.mapper().createObjectNode();
      ObjectNode md = root.putObject("metadata");
      for (Map.Entry<String, byte[]> e : set.metadata().entrySet()) {
        try {
          md.set(e.getKey(), Json.parse(e.getValue()));
        } catch (ZarrException ex) {
          throw ex.at(name, e.getKey());
        }
      }
      root.put("zarr_consolidated_format", 1);
      c = Json.write(root);
      consolidated = c;
    }
    return c;
  }

  @Override
  public byte[] get(String key) {
    StoreKeys.check(key, name);
    byte[] m = metadataValue(key);
    if (m != null) {
      return m.clone();
    }
    Ref r = ref(key);
    if (r == null) {
      return null;
    }
    if (r instanceof Ref.Inline in) {
      return in.data().clone();
    }
    Ref.Range range = (Ref.Range) r;
    String url = resolve(range.url());
    byte[] planned = runs.take(key, (target, from, n, check, k) -> {
      try {
        return targets.read(target, from, bounded(n, k), "chunk " + k);
      } catch (ZarrException e) {
        throw e.at(name, k);
      }
    });
    if (planned != null) {
      return planned;
    }
    try {
      long length = range.wholeFile() ? targets.size(url, "chunk " + key) : range.length();
      return targets.read(url, range.offset(), bounded(length, key), "chunk " + key);
    } catch (ZarrException e) {
      throw e.at(name, key);
    }
  }

  /**
   * The chunks of an array a task is about to read: those whose ranges follow each other in one
   * target file (a NetCDF variable's chunks often do) are then read in one request each run.
   */
  @Override
  public void plan(String arrayPath, long[] first, long[] last) {
    byte[] doc = metadataValue(arrayPath.isEmpty() ? ".zarray" : arrayPath + "/.zarray");
    if (doc == null) {
      return;
    }
    org.zarrspark.core.metadata.ChunkKeyEncoding enc;
    try {
      enc = org.zarrspark.core.metadata.V2Metadata.parseArray(Json.parse(doc), null).keyEncoding();
    } catch (ZarrException e) {
      return; // the read reports it
    }
    List<RangeRuns.Range> ranges = new ArrayList<>();
    long[] c = first.clone();
    for (int n = 0; n < MAX_PLANNED; n++) {
      String key = StoreKeys.join(arrayPath, enc.key(c));
      Ref ref;
      try {
        ref = set.chunk(key);
      } catch (ZarrException e) {
        return; // the read of that chunk reports it, with its key
      }
      if (ref instanceof Ref.Range r && !r.wholeFile()) {
        ranges.add(new RangeRuns.Range(key, resolve(r.url()), r.offset(), r.length(), null));
      }
      int d = c.length - 1;
      while (d >= 0 && c[d] == last[d]) {
        c[d] = first[d];
        d--;
      }
      if (d < 0) {
        break;
      }
      c[d]++;
    }
    runs.plan(ranges);
  }

  private int bounded(long length, String key) {
    if (length < 0 || length > CodecPipeline.MAX_CHUNK_BYTES) {
      throw new TooLargeException("a chunk of " + length + " bytes exceeds the limit of "
          + CodecPipeline.MAX_CHUNK_BYTES + " (-Dzarr.maxChunkBytes)").at(name, key);
    }
    return (int) length;
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    if (offset < 0 || length < 0) {
      throw new StoreException("invalid range offset=" + offset + " length=" + length).at(name, key);
    }
    StoreKeys.check(key, name);
    byte[] m = metadataValue(key);
    if (m != null) {
      return LookupStore.slice(m, offset, length);
    }
    Ref r = ref(key);
    if (r == null) {
      return null;
    }
    if (r instanceof Ref.Inline in) {
      return LookupStore.slice(in.data(), offset, length);
    }
    Ref.Range range = (Ref.Range) r;
    String url = resolve(range.url());
    try {
      long total = range.wholeFile() ? targets.size(url, "chunk " + key) : range.length();
      int n = (int) Math.max(0, Math.min(length, total - offset));
      return n == 0 ? new byte[0] : targets.read(url, range.offset() + offset, n, "chunk " + key);
    } catch (ZarrException e) {
      throw e.at(name, key);
    }
  }

  @Override
  public long size(String key) {
    StoreKeys.check(key, name);
    byte[] m = metadataValue(key);
    if (m != null) {
      return m.length;
    }
    Ref r = ref(key);
    if (r == null) {
      return -1;
    }
    if (r instanceof Ref.Inline in) {
      return in.data().length;
    }
    Ref.Range range = (Ref.Range) r;
    if (!range.wholeFile()) {
      return range.length();
    }
    try {
      return targets.size(resolve(range.url()), "chunk " + key);
    } catch (ZarrException e) {
      throw e.at(name, key);
    }
  }

  @Override
  public String origin(String key) {
    if (set.metadata().containsKey(key) || key.equals(".zmetadata")) {
      return null;
    }
    Ref r = set.chunk(key);
    if (r instanceof Ref.Range range) {
      String url = resolve(range.url());
      return range.wholeFile() ? url : url + " offset " + range.offset() + " length " + range.length();
    }
    return r instanceof Ref.Inline ? "inline data of the reference set" : null;
  }

  /** The metadata documents and child nodes under a prefix (chunks are not listed). */
  @Override
  public List<String> listChildren(String prefix) {
    String p = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    TreeSet<String> out = new TreeSet<>();
    for (String k : set.metadata().keySet()) {
      if (k.startsWith(p)) {
        String rest = k.substring(p.length());
        int slash = rest.indexOf('/');
        out.add(slash < 0 ? rest : rest.substring(0, slash));
      }
    }
    return new ArrayList<>(out);
  }

  @Override
  public RuntimeException readOnly(String key) {
    return new InvalidMetadataException("a kerchunk reference set is read-only").at(name, key);
  }

  @Override
  public String toString() {
    return name;
  }
}
