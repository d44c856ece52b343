package org.zarrspark.core.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.TooLargeException;
import org.zarrspark.core.error.UnsupportedChunkGridException;
import org.zarrspark.core.metadata.ChunkGrids;

class ChunkGridTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ChunkGrid parse(String chunkShapes, long... shape) throws Exception {
    JsonNode g = JSON.readTree("{\"name\":\"rectilinear\",\"configuration\":{\"kind\":\"inline\",\"chunk_shapes\":"
        + chunkShapes + "}}");
    return ChunkGrids.parse(g, shape);
  }

  @Test
  void monthLengthsWithRunsIntegersAndLists() throws Exception {
    ChunkGrid g = parse("[[31, 28, 31, 30, 31, 30, [31, 2], 30, 31, 30, 31], [[3, 2]], 8]", 365, 6, 8);
    assertFalse(g.isRegular());
    assertEquals(12, g.count(0));
    assertEquals(2, g.count(1));
    assertEquals(1, g.count(2));
    assertTrue(g.isRegular(2));
    // 1 August is day 212 (0-based), in the 8th month; 31 December (364) in the 12th.
    assertEquals(7, g.indexOf(0, 212));
    assertEquals(6, g.indexOf(0, 211));
    assertEquals(11, g.indexOf(0, 364));
    assertEquals(212, g.start(0, 7));
    assertEquals(31, g.edge(0, 7));
    assertEquals(28, g.edge(0, 1));
    assertArrayEquals(new int[] {31, 3, 8}, g.chunkShape(new long[] {7, 1, 0}));
    assertEquals(31, g.maxEdge(0));
    assertEquals("[{31 28 31 30 31 30 31x2 30 31 30 31}, {3x2}, 8]", g.toString());
  }

  @Test
  void everyPositionFallsInTheChunkThatHoldsIt() throws Exception {
    ChunkGrid g = parse("[[5, 12, 3, 20]]", 40);
    long[] starts = {0, 5, 17, 20};
    for (long p = 0; p < 40; p++) {
      long c = g.indexOf(0, p);
      assertTrue(g.start(0, c) <= p && p < g.start(0, c) + g.edge(0, c), "position " + p);
      assertEquals(starts[(int) c], g.start(0, c));
    }
  }

  @Test
  void chunksWhollyPastTheArrayAreNotChunksOfIt() throws Exception {
    // Overflowing the extent by several chunks is allowed; those chunks hold no element.
    ChunkGrid g = parse("[[4, 4, 4, 4], [1, 2, 3]]", 10, 6);
    assertArrayEquals(new long[] {3, 3}, g.gridShape());
    assertEquals(4, g.edge(0, 2)); // the last chunk is stored at its full edge
    // A run claiming 2^40 chunks is not expanded past the array.
    ChunkGrid huge = parse("[[[2, 1099511627776]]]", 10);
    assertEquals(5, huge.count(0));
  }

  @Test
  void walksExactlyTheChunksABoxMeets() throws Exception {
    ChunkGrid g = parse("[[5, 12, 3, 20], 7]", 40, 10);
    List<String> seen = new ArrayList<>();
    GridWalk.forEach(new long[] {4, 6}, new int[] {14, 2}, g, (chunk, inChunk, inBox, extent) ->
        seen.add(chunk[0] + "," + chunk[1] + " at " + inChunk[0] + "," + inChunk[1] + " box " + inBox[0] + ","
            + inBox[1] + " of " + extent[0] + "x" + extent[1]));
    assertEquals(List.of(
        "0,0 at 4,6 box 0,0 of 1x1", "0,1 at 4,0 box 0,1 of 1x1",
        "1,0 at 0,6 box 1,0 of 12x1", "1,1 at 0,0 box 1,1 of 12x1",
        "2,0 at 0,6 box 13,0 of 1x1", "2,1 at 0,0 box 13,1 of 1x1"), seen);
  }

  @Test
  void subdividesShardsIntoInnerChunks() throws Exception {
    ChunkGrid shards = parse("[[8, 4, 12], [6, 6]]", 24, 12);
    ChunkGrid inner = shards.subdivide(new int[] {4, 3});
    assertEquals(6, inner.count(0));
    assertEquals(4, inner.count(1));
    assertEquals(12, inner.start(0, 3));
    assertEquals(4, inner.edge(0, 5));
    // Inner chunks past the array's end are left out.
    ChunkGrid past = parse("[[8, 8]]", 10).subdivide(new int[] {4});
    assertEquals(3, past.count(0));
  }

  @Test
  void writesRunsAsZarrPythonDoes() throws Exception {
    ChunkGrid g = parse("[[31, 28, 31, 30, 31, 30, [31, 2], 30, 31, 30, 31], [[3, 2]], 8]", 365, 6, 8);
    assertEquals(JSON.readTree("{\"name\":\"rectilinear\",\"configuration\":{\"kind\":\"inline\",\"chunk_shapes\":"
        + "[[31,28,31,30,31,30,[31,2],30,31,30,31],[[3,2]],8]}}"), ChunkGrids.toJson(g));
    assertEquals(g, ChunkGrids.parse(ChunkGrids.toJson(g), new long[] {365, 6, 8}));
    assertEquals(JSON.readTree("{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[4,5]}}"),
        ChunkGrids.toJson(ChunkGrid.regular(new long[] {10, 10}, new int[] {4, 5})));
  }

  @Test
  void refusesBadGrids() {
    assertMessage(InvalidMetadataException.class, "must cover", () -> parse("[[5, 5, 5]]", 20));
    assertMessage(InvalidMetadataException.class, "negative count", () -> parse("[[[5, -1], 20]]", 20));
    assertMessage(InvalidMetadataException.class, "not a positive", () -> parse("[[5, 0, 15]]", 20));
    assertMessage(InvalidMetadataException.class, "not a positive", () -> parse("[[5, -3, 15]]", 20));
    assertMessage(InvalidMetadataException.class, "neither an edge", () -> parse("[[5, \"x\"]]", 20));
    assertMessage(InvalidMetadataException.class, "rank", () -> parse("[[5, 15], 3]", 20));
    assertMessage(InvalidMetadataException.class, "integer or a list", () -> parse("[{\"a\": 1}]", 20));
    assertMessage(TooLargeException.class, "chunks along one axis", () -> parse("[[[1, 20000000]]]", 20000000));
    assertMessage(UnsupportedChunkGridException.class, "kind 'file'", () -> ChunkGrids.parse(
        JSON.readTree("{\"name\":\"rectilinear\",\"configuration\":{\"kind\":\"file\"}}"), new long[] {3}));
    assertMessage(UnsupportedChunkGridException.class, "'hexagonal'", () -> ChunkGrids.parse(
        JSON.readTree("{\"name\":\"hexagonal\"}"), new long[] {3}));
  }

  private static void assertMessage(Class<? extends Exception> type, String part,
      org.junit.jupiter.api.function.Executable e) {
    Exception x = assertThrows(type, e);
    assertTrue(x.getMessage().contains(part), x.getMessage());
  }
}
