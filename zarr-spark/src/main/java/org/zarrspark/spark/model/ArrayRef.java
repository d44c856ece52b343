package org.zarrspark.spark.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.V2Metadata;
import org.zarrspark.core.metadata.V3Metadata;

/**
 * An array as shipped to executors: its node path and metadata documents as JSON text, parsed
 * once per JVM on first use. Metadata is read on the driver only.
 */
public final class ArrayRef implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final int zarrFormat;
  private final String document;
  private final String attributes;
  private transient volatile ArrayMetadata parsed;

  public ArrayRef(String path, ArrayMetadata meta) {
    this.path = path;
    this.zarrFormat = meta.zarrFormat();
    this.document = new String(Json.write(meta.document()), java.nio.charset.StandardCharsets.UTF_8);
    this.attributes = new String(Json.write(meta.attributes()), java.nio.charset.StandardCharsets.UTF_8);
    this.parsed = meta;
  }

  public String path() {
    return path;
  }

  public ArrayMetadata metadata() {
    ArrayMetadata m = parsed;
    if (m == null) {
      JsonNode doc = Json.parse(document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      JsonNode attrs = Json.parse(attributes.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      m = zarrFormat == 3 ? V3Metadata.parseArray(doc) : V2Metadata.parseArray(doc, attrs);
      parsed = m;
    }
    return m;
  }
}
