package org.zarrspark.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.zarrspark.core.codec.ArrayCodec;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecPipeline;
import org.zarrspark.core.codec.ShardingCodec;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.read.Hierarchy;

/** {@code bin/zarr tree}: the hierarchy with each array's layout and every node's attributes. */
public final class TreeCommand {
  private TreeCommand() {}

  /**
   * Prints the tree; a node whose metadata cannot be read is shown with its error and the walk
   * goes on. Returns the first such error, or null.
   */
  public static ZarrException run(Hierarchy h, Writer out) throws IOException {
    out.write("zarr format " + h.zarrFormat() + (h.isConsolidated() ? ", consolidated metadata" : "") + "\n");
    ZarrException[] first = {null};
    node(h, "", 0, out, first);
    return first[0];
  }

  private static void node(Hierarchy h, String path, int depth, Writer out, ZarrException[] first) throws IOException {
    String pad = "  ".repeat(depth);
    String name = "/" + path;
    try {
      describe(h, path, depth, out, first);
    } catch (ZarrException e) {
      out.write(pad + name + " (unreadable: " + e.kind() + ": " + e.detail() + ")\n");
      if (first[0] == null) {
        first[0] = e;
      }
    }
  }

  private static void describe(Hierarchy h, String path, int depth, Writer out, ZarrException[] first)
      throws IOException {
    String pad = "  ".repeat(depth);
    String name = "/" + path;
    if (h.kind(path) == Hierarchy.Kind.ARRAY) {
      ArrayMetadata m = h.arrayMetadata(path);
      out.write(pad + name + " (array)\n");
      String in = pad + "    ";
      out.write(in + "dtype: " + m.dataType() + "\n");
      out.write(in + "shape: " + Arrays.toString(m.shape()) + "\n");
      ShardingCodec sh = m.sharding();
      if (sh != null) {
        out.write(in + "shards: " + m.chunkGrid() + "\n");
        out.write(in + "chunks: " + Arrays.toString(sh.innerShape()) + "\n");
        out.write(in + "codecs: " + codecs(sh.inner()) + " (inside shards)\n");
      } else {
        out.write(in + "chunks: " + m.chunkGrid() + "\n");
        out.write(in + "codecs: " + codecs(m.codecs()) + "\n");
      }
      if (m.dimensionNames() != null) {
        out.write(in + "dimensions: " + m.dimensionNames() + "\n");
      }
      out.write(in + "fill_value: " + m.document().get("fill_value") + "\n");
      attributes(m.attributes(), in, out);
      return;
    }
    out.write(pad + name + " (group)\n");
    attributes(h.groupMetadata(path).attributes(), pad + "    ", out);
    for (String child : h.children(path)) {
      node(h, path.isEmpty() ? child : path + "/" + child, depth + 1, out, first);
    }
  }

  /** A readable one-line list of the codec chain, e.g. [transpose, bytes, blosc]. */
  public static String codecs(CodecPipeline p) {
    List<String> names = new ArrayList<>();
    for (ArrayCodec c : p.arrayCodecs()) {
      names.add(c.name());
    }
    names.add(p.arrayBytes().name());
    for (BytesCodec c : p.bytesCodecs()) {
      names.add(c.name());
    }
    return names.toString();
  }

  private static void attributes(ObjectNode attrs, String pad, Writer out) throws IOException {
    for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String v = e.getValue().isTextual() ? "\"" + e.getValue().textValue() + "\"" : e.getValue().toString();
      if (v.length() > 200) {
        v = v.substring(0, 200) + "...";
      }
      out.write(pad + ":" + e.getKey() + " = " + v + "\n");
    }
  }
}
