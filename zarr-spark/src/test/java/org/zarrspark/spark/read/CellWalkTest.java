package org.zarrspark.spark.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.chunk.ChunkGrid;

/** The cells a partition's box is read by: cut along the grid in row-major order, or whole. */
class CellWalkTest {

  private static List<String> cells(CellWalk w) {
    List<String> out = new ArrayList<>();
    while (w.next()) {
      out.add(Arrays.toString(w.origin()) + Arrays.toString(w.shape()) + w.rows());
    }
    assertFalse(w.next(), "stays done");
    return out;
  }

  @Test
  void aBoxCutAlongTheGrid() {
    // Rows 3..12 over a grid of 4: cells [3], [4..7], [8..11], [12]; columns 2..5 over 4: [2..3], [4..5].
    List<String> got = cells(new CellWalk(new long[] {3, 2}, new int[] {10, 4}, ChunkGrid.regular(new long[] {20, 8}, new int[] {4, 4})));
    assertEquals(List.of("[3, 2][1, 2]2", "[3, 4][1, 2]2", "[4, 2][4, 2]8", "[4, 4][4, 2]8", "[8, 2][4, 2]8",
        "[8, 4][4, 2]8", "[12, 2][1, 2]2", "[12, 4][1, 2]2"), got);
  }

  @Test
  void aBoxCutAlongMonths() {
    // Days 20..70 of a year chunked by month (31, 28, 31, ...): January's tail, February, March's head.
    ChunkGrid months = ChunkGrid.of(new long[] {365}, new ChunkGrid.Axis[] {ChunkGrid.Axis.explicit(365,
        new long[] {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}, new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1})});
    assertEquals(List.of("[20][11]11", "[31][28]28", "[59][12]12"),
        cells(new CellWalk(new long[] {20}, new int[] {51}, months)));
  }

  @Test
  void theWholeBoxAsOneCell() {
    assertEquals(List.of("[3, 2][10, 4]40"), cells(new CellWalk(new long[] {3, 2}, new int[] {10, 4}, null)));
  }

  @Test
  void anEmptyBoxHasNoCellAndAScalarOne() {
    assertEquals(List.of(), cells(new CellWalk(new long[] {0, 0}, new int[] {5, 0}, ChunkGrid.regular(new long[] {5, 5}, new int[] {2, 2}))));
    CellWalk scalar = new CellWalk(new long[0], new int[0], ChunkGrid.regular(new long[0], new int[0]));
    assertTrue(scalar.next());
    assertEquals(1, scalar.rows());
    assertFalse(scalar.next());
  }
}
