package org.zarrspark.core.icechunk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.zarrspark.core.error.IcechunkFormatException;

/** Reads a {@code [MetadataItem]} vector: names → values (MessagePack in spec 1, FlexBuffers in spec 2). */
final class MetadataItems {
  private MetadataItems() {}

  static Map<String, Object> read(FlatBuffer fb, int vec, int specVersion) {
    if (vec == 0) {
      return Collections.emptyMap();
    }
    int n = fb.length(vec, 4);
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      int item = fb.tableAt(vec, i);
      String name = fb.requiredString(item, 0, "MetadataItem.name");
      byte[] value = fb.bytes(item, 1);
      if (value == null) {
        throw fb.corrupt("required field 'MetadataItem.value' is missing");
      }
      try {
        out.put(name, specVersion == 1 ? Values.fromMsgPack(value) : Values.fromFlexBuffer(value));
      } catch (IcechunkFormatException e) {
        throw fb.corrupt("metadata item '" + name + "': " + e.detail());
      }
    }
    return out;
  }
}
