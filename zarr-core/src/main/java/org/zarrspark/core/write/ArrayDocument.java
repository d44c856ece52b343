package org.zarrspark.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.V2Metadata;
import org.zarrspark.core.metadata.V3Metadata;
import org.zarrspark.core.read.ZarrArray;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreKeys;

/**
 * An array's metadata documents held apart from the store (v3 zarr.json; v2 .zarray and
 * .zattrs), so that chunks can be written first and the documents last. Serializable as text, to
 * ship to the tasks that write chunks.
 */
public final class ArrayDocument implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final int zarrFormat;
  private final String doc;
  private final String attrs;
  private transient ArrayMetadata parsed;

  private ArrayDocument(String path, int zarrFormat, JsonNode doc, JsonNode attrs) {
    this.path = StoreKeys.normalizePath(path);
    this.zarrFormat = zarrFormat;
    this.doc = text(doc);
    this.attrs = attrs == null ? null : text(attrs);
  }

  private static String text(JsonNode n) {
    return new String(Json.write(n), StandardCharsets.UTF_8);
  }

  public static ArrayDocument of(String path, ArraySpec spec) {
    return new ArrayDocument(path, spec.zarrFormat(), spec.document(), spec.zarrFormat() == 2 ? spec.v2Attributes() : null);
  }

  /** The documents of an existing array with a new shape (an append). */
  public static ArrayDocument resized(String path, ArrayMetadata existing, long[] shape) {
    ObjectNode d = ((ObjectNode) existing.document()).deepCopy();
    ArrayNode s = d.putArray("shape");
    for (long x : shape) {
      s.add(x);
    }
    return new ArrayDocument(path, existing.zarrFormat(), d, existing.zarrFormat() == 2 ? existing.attributes() : null);
  }

  public String path() {
    return path;
  }

  /** The metadata, parsed with the reader's parser (so what is written is what will be read). */
  public synchronized ArrayMetadata metadata() {
    if (parsed == null) {
      JsonNode d = Json.parse(doc.getBytes(StandardCharsets.UTF_8));
      parsed = zarrFormat == 3 ? V3Metadata.parseArray(d)
          : V2Metadata.parseArray(d, Json.parse(attrs.getBytes(StandardCharsets.UTF_8)));
    }
    return parsed;
  }

  /** A writer of this array's chunks in {@code store}; writes no metadata. */
  public ArrayWriter writer(Store store) {
    return ArrayWriter.open(new ZarrArray(store, path, metadata()));
  }

  /** Writes the metadata documents. */
  public void writeMetadata(Store store) {
    if (zarrFormat == 3) {
      store.put(StoreKeys.join(path, "zarr.json"), doc.getBytes(StandardCharsets.UTF_8));
    } else {
      store.put(StoreKeys.join(path, ".zarray"), doc.getBytes(StandardCharsets.UTF_8));
      store.put(StoreKeys.join(path, ".zattrs"), attrs.getBytes(StandardCharsets.UTF_8));
    }
  }
}
