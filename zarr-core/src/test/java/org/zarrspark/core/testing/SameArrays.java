package org.zarrspark.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.read.Hierarchy;

/** Compares what two stores holding the same hierarchy decode to, array by array. */
public final class SameArrays {
  private SameArrays() {}

  public static void assertSame(String what, NdBuffer want, NdBuffer got) {
    assertArrayEquals(want.shape(), got.shape(), what + ": shape");
    if (want.objects() != null) {
      assertArrayEquals(want.objects(), got.objects(), what);
    } else {
      assertArrayEquals(want.bytes(), got.bytes(), what);
    }
  }

  /** Every array of {@code want}'s hierarchy reads the same from {@code got}; returns their paths. */
  public static List<String> assertSameHierarchy(Hierarchy want, Hierarchy got) {
    List<String> arrays = new ArrayList<>();
    List<String> nodes = want.walk("");
    assertEquals(nodes, got.walk(""), "nodes");
    for (String p : nodes) {
      if (want.kind(p) == Hierarchy.Kind.ARRAY) {
        assertSame(p, want.array(p).readAll(), got.array(p).readAll());
        arrays.add(p);
      }
    }
    assertTrue(!arrays.isEmpty(), "the hierarchy holds arrays");
    return arrays;
  }
}
