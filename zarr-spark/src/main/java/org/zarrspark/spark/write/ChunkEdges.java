package org.zarrspark.spark.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.Arrays;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.metadata.ChunkGrids;
import org.zarrspark.spark.ZarrOptionException;

/**
 * The {@code chunks} (or {@code shards}) option: per dimension one length, {@code "24,91,180"},
 * or, in the JSON form, a list of lengths for some dimension ({@code "[[31,28,31,...],91,180]"}:
 * monthly chunks along time), with {@code [length, count]} runs as in the rectilinear grid. The
 * lists are checked against the dimension's length once the data's shape is known.
 *
 * @param option the option's name, for errors
 * @param text the option as given
 * @param regular the lengths when every dimension has one, else null
 */
public record ChunkEdges(String option, String text, int[] regular) implements Serializable {

  /** The option, or null when it is absent. */
  static ChunkEdges parse(String option, String text, int[] commaForm) {
    if (text == null) {
      return null;
    }
    if (!text.trim().startsWith("[")) {
      return new ChunkEdges(option, text, commaForm);
    }
    JsonNode dims = json(option, text);
    boolean flat = true;
    for (JsonNode d : dims) {
      flat &= d.isIntegralNumber();
    }
    ChunkEdges e = new ChunkEdges(option, text, flat ? new int[dims.size()] : null);
    for (int i = 0; flat && i < dims.size(); i++) {
      e.regular[i] = dims.get(i).asInt();
      if (!dims.get(i).canConvertToInt() || e.regular[i] <= 0) {
        throw ZarrOptionException.invalid(option, text, "positive 32-bit lengths");
      }
    }
    e.grid(new long[dims.size()]); // checks the grammar now; lengths later
    return e;
  }

  private static JsonNode json(String option, String text) {
    try {
      JsonNode n = Json.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (n.isArray()) {
        return n;
      }
    } catch (ZarrException | IllegalArgumentException e) {
      // reported below with the option's grammar
    }
    throw ZarrOptionException.invalid(option, text,
        "lengths separated by commas, or a JSON list with an integer or a list of lengths per dimension");
  }

  public int rank() {
    return regular != null ? regular.length : json(option, text).size();
  }

  public boolean isRegular() {
    return regular != null;
  }

  /** The chunk grid over {@code shape}: explicit lengths must cover their dimension. */
  public ChunkGrid grid(long[] shape) {
    if (regular != null) {
      checkRank(shape.length);
      return ChunkGrid.regular(shape, regular);
    }
    JsonNode dims = json(option, text);
    checkRank(shape.length);
    com.fasterxml.jackson.databind.node.ObjectNode g = Json.mapper().createObjectNode();
    g.put("name", "rectilinear");
    g.putObject("configuration").put("kind", "inline").set("chunk_shapes", dims);
    try {
      return ChunkGrids.parse(g, shape);
    } catch (ZarrException e) {
      throw ZarrOptionException.invalid(option, text, e.getMessage() + " (the data's shape is "
          + Arrays.toString(shape) + ")");
    }
  }

  private void checkRank(int rank) {
    int n = rank();
    if (n != rank) {
      throw new ZarrOptionException(option, "option '" + option + "' has " + n + " lengths for " + rank
          + " dimensions");
    }
  }
}
