package org.zarrspark.core.codec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A codec that writes its metadata entry back, field for field as zarr-python writes it. */
public interface WritableCodec {
  CodecType<?> type();

  /**
   * Its configuration fields (without name or id) for zarr format 2 or 3, or null when that format
   * writes none (v3 crc32c).
   */
  ObjectNode configuration(int zarrFormat);

  /** The v3 "codecs" entry {"name": ..., "configuration": {...}}. */
  default ObjectNode v3Json() {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("name", type().v3Spelling());
    ObjectNode conf = configuration(3);
    if (conf != null) {
      o.set("configuration", conf);
    }
    return o;
  }

  /** The v2 numcodecs object {"id": ..., fields}. */
  default ObjectNode v2Json() {
    if (type().numcodecsId() == null) {
      throw new IllegalStateException("codec " + type().v3Name() + " has no zarr v2 (numcodecs) spelling");
    }
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("id", type().numcodecsId());
    ObjectNode conf = configuration(2);
    if (conf != null) {
      o.setAll(conf);
    }
    return o;
  }
}
