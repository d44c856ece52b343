package org.zarrspark.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.zarrspark.core.chunk.ChunkGrid;
import org.zarrspark.core.codec.ShardingCodec;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedChunkGridException;

/**
 * The v3 {@code chunk_grid} document: {@code regular}, and {@code rectilinear} (zarr-extensions,
 * kind {@code inline}) whose {@code chunk_shapes} give per dimension an integer (regular along it),
 * or a list of edge lengths and {@code [length, count]} runs.
 */
public final class ChunkGrids {
  private ChunkGrids() {}

  public static ChunkGrid parse(JsonNode grid, long[] shape) {
    String name = grid.path("name").asText("");
    JsonNode conf = grid.path("configuration");
    switch (name) {
      case "regular": {
        int[] chunks = V2Metadata.positiveInts(conf.get("chunk_shape"), "chunk_shape");
        if (chunks.length != shape.length) {
          throw new InvalidMetadataException("chunk_shape has " + chunks.length + " entries but shape has "
              + shape.length);
        }
        return ChunkGrid.regular(shape, chunks);
      }
      case "rectilinear":
        return rectilinear(conf, shape);
      default:
        throw new UnsupportedChunkGridException("chunk_grid '" + name + "' is not supported (regular, rectilinear)");
    }
  }

  private static ChunkGrid rectilinear(JsonNode conf, long[] shape) {
    String kind = conf.path("kind").asText("");
    if (!kind.equals("inline")) {
      throw new UnsupportedChunkGridException("rectilinear chunk_grid kind '" + kind + "' is not supported (inline)");
    }
    JsonNode dims = conf.get("chunk_shapes");
    if (dims == null || !dims.isArray()) {
      throw new InvalidMetadataException("rectilinear chunk_grid needs chunk_shapes, a list per dimension");
    }
    if (dims.size() != shape.length) {
      throw new InvalidMetadataException("rectilinear chunk_shapes has " + dims.size() + " entries but shape "
          + Arrays.toString(shape) + " has rank " + shape.length);
    }
    ChunkGrid.Axis[] axes = new ChunkGrid.Axis[shape.length];
    for (int d = 0; d < axes.length; d++) {
      JsonNode spec = dims.get(d);
      try {
        axes[d] = axis(spec, shape[d]);
      } catch (InvalidMetadataException e) {
        throw new InvalidMetadataException("rectilinear chunk_shapes[" + d + "] " + brief(spec) + ": "
            + e.getMessage());
      }
    }
    return ChunkGrid.of(shape, axes);
  }

  private static ChunkGrid.Axis axis(JsonNode spec, long length) {
    if (spec.isIntegralNumber()) {
      return ChunkGrid.Axis.regular(edge(spec));
    }
    if (!spec.isArray()) {
      throw new InvalidMetadataException("expected an integer or a list of edges");
    }
    long[] lengths = new long[spec.size()];
    long[] counts = new long[spec.size()];
    for (int i = 0; i < lengths.length; i++) {
      JsonNode e = spec.get(i);
      if (e.isIntegralNumber()) {
        lengths[i] = edge(e);
        counts[i] = 1;
      } else if (e.isArray() && e.size() == 2 && e.get(0).isIntegralNumber() && e.get(1).isIntegralNumber()
          && e.get(1).canConvertToLong()) {
        lengths[i] = edge(e.get(0));
        counts[i] = e.get(1).longValue();
        if (counts[i] < 0) {
          throw new InvalidMetadataException("run " + e + " has a negative count");
        }
      } else {
        throw new InvalidMetadataException("entry " + brief(e) + " is neither an edge nor an [edge, count] run");
      }
    }
    return ChunkGrid.Axis.explicit(length, lengths, counts);
  }

  private static int edge(JsonNode n) {
    if (!n.canConvertToInt() || n.intValue() <= 0) {
      throw new InvalidMetadataException("edge " + n + " is not a positive 32-bit integer");
    }
    return n.intValue();
  }

  private static String brief(JsonNode n) {
    String s = n.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  /** Shards of a rectilinear grid must each be a whole number of inner chunks. */
  static void checkSharding(ChunkGrid grid, ShardingCodec sharding) {
    if (sharding == null || grid.isRegular()) {
      return;
    }
    int[] inner = sharding.innerShape();
    if (inner.length != grid.rank()) {
      throw new InvalidMetadataException("sharding chunk_shape " + Arrays.toString(inner) + " has another rank than "
          + "the chunk grid " + grid);
    }
    for (int d = 0; d < grid.rank(); d++) {
      for (long c = 0; c < grid.count(d); c++) {
        if (grid.edge(d, c) % inner[d] != 0) {
          throw new InvalidMetadataException("shard edge " + grid.edge(d, c) + " (chunk " + c + " along axis " + d
              + ") is not a multiple of the inner chunk shape " + Arrays.toString(inner));
        }
      }
    }
  }

  /**
   * The v3 {@code chunk_grid} of a grid, as zarr-python 3.3 writes it: regular when every axis is,
   * else rectilinear with an integer for regular axes and edges run-length encoded where shorter.
   */
  public static ObjectNode toJson(ChunkGrid grid) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode g = f.objectNode();
    if (grid.isRegular()) {
      g.put("name", "regular");
      ArrayNode cs = g.putObject("configuration").putArray("chunk_shape");
      for (int e : grid.regularShape()) {
        cs.add(e);
      }
      return g;
    }
    g.put("name", "rectilinear");
    ObjectNode conf = g.putObject("configuration");
    conf.put("kind", "inline");
    ArrayNode dims = conf.putArray("chunk_shapes");
    for (int d = 0; d < grid.rank(); d++) {
      if (grid.isRegular(d)) {
        dims.add(grid.edge(d, 0));
        continue;
      }
      ArrayNode edges = dims.addArray();
      long n = grid.count(d);
      long i = 0;
      while (i < n) {
        int e = grid.edge(d, i);
        long j = i + 1;
        while (j < n && grid.edge(d, j) == e) {
          j++;
        }
        if (j - i > 1) {
          edges.addArray().add(e).add((int) (j - i)); // counts fit: at most MAX_EXPLICIT_CHUNKS
        } else {
          edges.add(e);
        }
        i = j;
      }
    }
    return g;
  }
}
