package org.zarrspark.spark.pushdown;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Selection}: unions of disjoint index boxes. Expected rows are enumerated cell by cell
 * on small grids, so every check compares against a brute-force set, never against box
 * arithmetic.
 */
class SelectionTest {
  private static final long[] GRID = {4, 10};

  private static long[] r(long lo, long hi) {
    return new long[] {lo, hi};
  }

  /** How many boxes cover each cell of a 2-D grid (1 = selected once, 0 = not selected). */
  private static int[][] cover(Selection s, long[] sizes) {
    int[][] c = new int[(int) sizes[0]][(int) sizes[1]];
    for (long[] b : s.boxes()) {
      for (long i = b[0]; i < b[1]; i++) {
        for (long j = b[2]; j < b[3]; j++) {
          c[(int) i][(int) j]++;
        }
      }
    }
    return c;
  }

  private interface CellTest {
    boolean in(int i, int j);
  }

  /** Asserts the selection holds exactly the cells where {@code expected} holds, each once. */
  private static void assertCells(Selection s, long[] sizes, CellTest expected) {
    int[][] c = cover(s, sizes);
    long n = 0;
    for (int i = 0; i < sizes[0]; i++) {
      for (int j = 0; j < sizes[1]; j++) {
        boolean want = expected.in(i, j);
        assertEquals(want ? 1 : 0, c[i][j], "cell (" + i + ", " + j + ") in " + s);
        n += want ? 1 : 0;
      }
    }
    assertEquals(n, s.rowCount(), "rowCount of " + s);
  }

  @Test
  void allIsOneFullBox() {
    Selection s = Selection.all(GRID);
    assertEquals(1, s.boxes().size());
    assertArrayEquals(new long[] {0, 4, 0, 10}, s.boxes().get(0));
    assertTrue(s.isAll());
    assertTrue(s.isExact());
    assertEquals(40, s.rowCount());
    assertEquals("[0:4, 0:10]", s.toString());
  }

  @Test
  void noneHasNoBoxes() {
    Selection s = Selection.none(GRID);
    assertTrue(s.boxes().isEmpty());
    assertFalse(s.isAll());
    assertTrue(s.isExact());
    assertEquals(0, s.rowCount());
    assertEquals("[]", s.toString());
  }

  @Test
  void allOfAnEmptyDimensionSelectsNothing() {
    Selection s = Selection.all(new long[] {3, 0});
    assertTrue(s.boxes().isEmpty());
    assertEquals(0, s.rowCount());
    assertFalse(s.isAll());
  }

  @Test
  void alongDimClampsRangesToTheDimension() {
    Selection s = Selection.alongDim(GRID, 1, List.of(r(-5, 2), r(7, 100)));
    assertTrue(s.isExact());
    assertFalse(s.isAll());
    assertCells(s, GRID, (i, j) -> j < 2 || j >= 7);
    assertEquals("[0:4, 0:2] | [0:4, 7:10]", s.toString());
  }

  @Test
  void alongDimDropsEmptyAndInvertedRanges() {
    Selection s = Selection.alongDim(GRID, 0, List.of(r(2, 2), r(3, 1), r(4, 9), r(-3, 0)));
    assertTrue(s.boxes().isEmpty());
    assertEquals(0, s.rowCount());
    assertEquals("[]", s.toString());
  }

  @Test
  void alongDimWithOverlappingRangesCountsRowsOnce() {
    Selection s = Selection.alongDim(GRID, 1, List.of(r(0, 6), r(5, 8)));
    assertCells(s, GRID, (i, j) -> j < 8);
  }

  @Test
  void alongDimOverTheWholeRangeIsAll() {
    assertTrue(Selection.alongDim(GRID, 1, List.of(r(0, 10))).isAll());
    assertTrue(Selection.alongDim(GRID, 0, List.of(r(-1, 99))).isAll());
    assertFalse(Selection.alongDim(GRID, 0, List.of(r(0, 3))).isAll());
    // Two pieces covering everything are still two boxes: not recognised as all.
    assertEquals(40, Selection.alongDim(GRID, 0, List.of(r(0, 2), r(2, 4))).rowCount());
  }

  @Test
  void andIntersectsAcrossDimensions() {
    Selection rows = Selection.alongDim(GRID, 0, List.of(r(1, 3)));
    Selection cols = Selection.alongDim(GRID, 1, List.of(r(2, 5), r(8, 9)));
    Selection s = rows.and(cols);
    assertTrue(s.isExact());
    assertCells(s, GRID, (i, j) -> i >= 1 && i < 3 && ((j >= 2 && j < 5) || j == 8));
    assertEquals("[1:3, 2:5] | [1:3, 8:9]", s.toString());
  }

  @Test
  void andOfDisjointRangesIsEmpty() {
    Selection a = Selection.alongDim(GRID, 1, List.of(r(0, 3)));
    Selection b = Selection.alongDim(GRID, 1, List.of(r(3, 6)));
    assertEquals(0, a.and(b).rowCount());
    assertTrue(a.and(b).boxes().isEmpty());
    assertEquals(0, a.and(Selection.none(GRID)).rowCount());
  }

  @Test
  void orOfOverlappingRangesCountsEachRowOnce() {
    Selection a = Selection.alongDim(GRID, 1, List.of(r(0, 5)));
    Selection b = Selection.alongDim(GRID, 1, List.of(r(3, 8)));
    Selection s = a.or(b);
    assertTrue(s.isExact());
    assertCells(s, GRID, (i, j) -> j < 8);
    assertEquals(32, s.rowCount());
  }

  @Test
  void orAcrossDimensionsKeepsBoxesDisjoint() {
    Selection a = Selection.alongDim(GRID, 0, List.of(r(0, 2)));
    Selection b = Selection.alongDim(GRID, 1, List.of(r(6, 9)));
    Selection s = a.or(b);
    // 2 rows x 10 + 4 x 3 - 2 x 3 shared.
    assertEquals(26, s.rowCount());
    assertCells(s, GRID, (i, j) -> i < 2 || (j >= 6 && j < 9));
  }

  @Test
  void orWithAllCoversEverything() {
    Selection a = Selection.alongDim(GRID, 1, List.of(r(2, 3)));
    assertTrue(Selection.all(GRID).or(a).isAll());
    // a first: the rest of the grid is added as pieces, so the union is not one box.
    Selection u = a.or(Selection.all(GRID));
    assertCells(u, GRID, (i, j) -> true);
    assertEquals(a.rowCount(), a.or(Selection.none(GRID)).rowCount());
  }

  @Test
  void inexactnessSpreadsThroughAndAndOr() {
    Selection exact = Selection.alongDim(GRID, 1, List.of(r(0, 5)));
    Selection loose = Selection.alongDim(GRID, 1, List.of(r(3, 8))).inexact();
    assertFalse(loose.isExact());
    assertEquals(20, loose.rowCount(), "inexact() keeps the boxes");
    assertFalse(exact.and(loose).isExact());
    assertFalse(loose.and(exact).isExact());
    assertFalse(exact.or(loose).isExact());
    assertTrue(exact.and(exact).isExact());
    assertTrue(exact.or(exact).isExact());
  }

  @Test
  void notComplementsRangesOfOneDimension() {
    // Unsorted and overlapping input ranges.
    Selection s = Selection.alongDim(GRID, 1, List.of(r(6, 7), r(2, 4), r(3, 5)));
    Selection n = s.not();
    assertTrue(n.isExact());
    assertCells(n, GRID, (i, j) -> j < 2 || j == 5 || j >= 7);
    assertCells(n.not(), GRID, (i, j) -> (j >= 2 && j < 5) || j == 6);
  }

  @Test
  void notOfRangesTouchingBothEnds() {
    Selection s = Selection.alongDim(GRID, 0, List.of(r(0, 1), r(3, 4)));
    assertCells(s.not(), GRID, (i, j) -> i == 1 || i == 2);
  }

  @Test
  void notOfAllAndOfNone() {
    assertEquals(0, Selection.all(GRID).not().rowCount());
    assertTrue(Selection.all(GRID).not().boxes().isEmpty());
    assertTrue(Selection.none(GRID).not().isAll());
  }

  @Test
  void notIsRefusedOverSeveralDimensionsOrWhenInexact() {
    Selection twoDims = Selection.alongDim(GRID, 0, List.of(r(0, 2))).and(Selection.alongDim(GRID, 1, List.of(r(0, 2))));
    assertNull(twoDims.not());
    Selection mixed = Selection.alongDim(GRID, 0, List.of(r(0, 2))).or(Selection.alongDim(GRID, 1, List.of(r(0, 2))));
    assertNull(mixed.not());
    assertNull(Selection.alongDim(GRID, 1, List.of(r(0, 2))).inexact().not());
  }

  @Test
  void pastMaxBoxesTheUnionBecomesItsBoundingBoxAndInexact() {
    long[] sizes = {1, 5000};
    List<long[]> atLimit = new ArrayList<>();
    for (int i = 0; i < Selection.MAX_BOXES; i++) {
      atLimit.add(r(2L * i + 1, 2L * i + 2));
    }
    Selection ok = Selection.alongDim(sizes, 1, atLimit);
    assertTrue(ok.isExact());
    assertEquals(Selection.MAX_BOXES, ok.boxes().size());
    assertEquals(Selection.MAX_BOXES, ok.rowCount());

    List<long[]> over = new ArrayList<>(atLimit);
    over.add(r(2L * Selection.MAX_BOXES + 1, 2L * Selection.MAX_BOXES + 2));
    Selection s = Selection.alongDim(sizes, 1, over);
    assertFalse(s.isExact());
    assertEquals(1, s.boxes().size());
    // From the first index (1) to past the last (2 * 1024 + 2).
    assertArrayEquals(new long[] {0, 1, 1, 2 * Selection.MAX_BOXES + 2}, s.boxes().get(0));
  }

  @Test
  void orPastMaxBoxesIsABoundingSuperset() {
    long[] sizes = {1, 5000};
    List<long[]> evens = new ArrayList<>();
    List<long[]> odds = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      evens.add(r(4L * i, 4L * i + 1));
      odds.add(r(4L * i + 2, 4L * i + 3));
    }
    Selection s = Selection.alongDim(sizes, 1, evens).or(Selection.alongDim(sizes, 1, odds));
    assertFalse(s.isExact());
    assertArrayEquals(new long[] {0, 1, 0, 4 * 699 + 3}, s.boxes().get(0));
  }

  @Test
  void rowCountRefusesToOverflow() {
    Selection s = Selection.all(new long[] {1L << 32, 1L << 32});
    assertThrows(ArithmeticException.class, s::rowCount);
  }

  @Test
  void threeDimensionsToString() {
    long[] sizes = {2, 3, 4};
    Selection s = Selection.alongDim(sizes, 2, List.of(r(1, 3)));
    assertEquals("[0:2, 0:3, 1:3]", s.toString());
    assertEquals(2 * 3 * 2, s.rowCount());
  }

  /** Random combinations of ranges compared with the same combinations of boolean grids. */
  @Test
  void randomCombinationsMatchBruteForce() {
    long[] sizes = {7, 9};
    Random rnd = new Random(20240613L);
    for (int round = 0; round < 300; round++) {
      boolean[][] want = new boolean[7][9];
      Selection s = null;
      for (int step = 0; step < 4; step++) {
        int dim = rnd.nextInt(2);
        int n = (int) sizes[dim];
        int lo = rnd.nextInt(n + 2) - 1;
        int hi = lo + rnd.nextInt(n);
        int lo2 = rnd.nextInt(n);
        int hi2 = lo2 + rnd.nextInt(3);
        // Two ranges that may overlap: alongDim expects disjoint ranges, so they are joined by or.
        Selection t = Selection.alongDim(sizes, dim, List.of(r(lo, hi)))
            .or(Selection.alongDim(sizes, dim, List.of(r(lo2, hi2))));
        boolean[][] tw = new boolean[7][9];
        for (int i = 0; i < 7; i++) {
          for (int j = 0; j < 9; j++) {
            int x = dim == 0 ? i : j;
            tw[i][j] = (x >= lo && x < hi) || (x >= lo2 && x < hi2);
          }
        }
        int op = s == null ? -1 : rnd.nextInt(3);
        if (op == -1) {
          s = t;
          want = tw;
        } else if (op == 0) {
          s = s.and(t);
          for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 9; j++) {
              want[i][j] &= tw[i][j];
            }
          }
        } else if (op == 1) {
          s = s.or(t);
          for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 9; j++) {
              want[i][j] |= tw[i][j];
            }
          }
        } else {
          Selection n2 = s.not();
          if (n2 != null) {
            s = n2;
            for (int i = 0; i < 7; i++) {
              for (int j = 0; j < 9; j++) {
                want[i][j] = !want[i][j];
              }
            }
          }
        }
        boolean[][] w = want;
        assertTrue(s.isExact());
        assertCells(s, sizes, (i, j) -> w[i][j]);
      }
    }
  }
}
