package org.zarrspark.spark.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.write.DefaultChunks;
import org.zarrspark.spark.ZarrOptionException;

/** The chunking of a new dataset's variables, from the options or the default. */
class ChunkLayoutTest {
  private static final long[] SHAPE = {48, 36, 72};

  @Test
  void defaultChunksWithoutOptions() {
    ChunkLayout l = ChunkLayout.of(WriteOptions.parse(Map.of()), SHAPE, 4);
    assertArrayEquals(DefaultChunks.choose(SHAPE, 4), l.chunks());
    assertArrayEquals(l.chunks(), l.stored().regularShape());
    assertNull(l.innerChunks());
  }

  @Test
  void shardsAreStoredAndChunksInner() {
    ChunkLayout l = ChunkLayout.of(WriteOptions.parse(Map.of("chunks", "12,9,18", "shards", "24,36,72")), SHAPE, 4);
    assertArrayEquals(new int[] {24, 36, 72}, l.stored().regularShape());
    assertArrayEquals(new int[] {12, 9, 18}, l.innerChunks());
    assertArrayEquals(new int[] {12, 9, 18}, ChunkLayout.of(WriteOptions.parse(Map.of("chunks", "12,9,18")), SHAPE, 4)
        .stored().regularShape());
  }

  @Test
  void listsOfLengthsMakeARectilinearGrid() {
    // 48 steps cut 10, 14, 12, 12 (the last two as a [length, count] run); the others regular.
    ChunkLayout l = ChunkLayout.of(WriteOptions.parse(Map.of("chunks", "[[10, 14, [12, 2]], 36, 36]")), SHAPE, 4);
    assertEquals("[{10 14 12x2}, 36, 36]", l.stored().toString());
    assertEquals(24, l.stored().start(0, 2));
    assertNull(l.innerChunks());
    // The JSON form with integers only is a regular grid.
    assertArrayEquals(new int[] {12, 9, 18},
        ChunkLayout.of(WriteOptions.parse(Map.of("chunks", "[12, 9, 18]")), SHAPE, 4).stored().regularShape());
    // Shards may be listed, inner chunks dividing every shard.
    ChunkLayout s = ChunkLayout.of(WriteOptions.parse(Map.of("chunks", "6,36,72", "shards", "[[18, 30], 36, 72]")),
        SHAPE, 4);
    assertEquals("[{18 30}, 36, 72]", s.stored().toString());
    assertArrayEquals(new int[] {6, 36, 72}, s.innerChunks());
  }

  @Test
  void refusals() {
    assertRefused(Map.of("chunks", "12,9"), "chunks", "2 lengths for 3 dimensions");
    assertRefused(Map.of("shards", "24,36,72"), "shards", "needs 'chunks'");
    assertRefused(Map.of("chunks", "12,9,18", "shards", "24,36,70"), "shards", "not a multiple");
    assertRefused(Map.of("chunks", "[[10, 14], 36, 36]"), "chunks", "must cover");
    assertRefused(Map.of("chunks", "[[10, -14, 30], 36, 36]"), "chunks", "positive");
    assertRefused(Map.of("chunks", "[[10, 38], 36]"), "chunks", "2 lengths for 3 dimensions");
    assertRefused(Map.of("chunks", "[[10, 38], 36, 36]", "zarrFormat", "2"), "chunks", "need zarrFormat 3");
    assertRefused(Map.of("chunks", "[[6, 42], 36, 72]", "shards", "48,36,72"), "chunks", "inner chunks of shards");
    assertRefused(Map.of("chunks", "6,36,72", "shards", "[[20, 28], 36, 72]"), "shards", "not a multiple");
  }

  private static void assertRefused(Map<String, String> options, String option, String text) {
    ZarrOptionException e = assertThrows(ZarrOptionException.class,
        () -> ChunkLayout.of(WriteOptions.parse(options), SHAPE, 4));
    assertEquals(option, e.option());
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }
}
