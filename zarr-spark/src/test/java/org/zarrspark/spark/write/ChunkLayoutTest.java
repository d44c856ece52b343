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
    assertArrayEquals(l.chunks(), l.stored());
    assertNull(l.innerChunks());
  }

  @Test
  void shardsAreStoredAndChunksInner() {
    ChunkLayout l = ChunkLayout.of(WriteOptions.parse(Map.of("chunks", "12,9,18", "shards", "24,36,72")), SHAPE, 4);
    assertArrayEquals(new int[] {24, 36, 72}, l.stored());
    assertArrayEquals(new int[] {12, 9, 18}, l.innerChunks());
    assertArrayEquals(new int[] {12, 9, 18}, ChunkLayout.of(WriteOptions.parse(Map.of("chunks", "12,9,18")), SHAPE, 4)
        .stored());
  }

  @Test
  void refusals() {
    assertRefused(Map.of("chunks", "12,9"), "chunks", "2 lengths for 3 dimensions");
    assertRefused(Map.of("shards", "24,36,72"), "shards", "needs 'chunks'");
    assertRefused(Map.of("chunks", "12,9,18", "shards", "24,36,70"), "shards", "not a multiple");
  }

  private static void assertRefused(Map<String, String> options, String option, String text) {
    ZarrOptionException e = assertThrows(ZarrOptionException.class,
        () -> ChunkLayout.of(WriteOptions.parse(options), SHAPE, 4));
    assertEquals(option, e.option());
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }
}
