package org.zarrspark.core.fuzz;

import static org.zarrspark.core.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.refs.JsonReferences;
import org.zarrspark.core.refs.ReferenceStore;
import org.zarrspark.core.refs.Remap;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.store.RangeTargets;

/**
 * kerchunk JSON reference sets (version 0 and 1: templates, gen): parsed, opened as a hierarchy
 * whose targets are an in-memory file {@code t.nc} of 4 KiB, and arrays of at most 65,536 elements
 * read whole. Seeds: {@code src/test/resources/org/zarrspark/core/fuzz/ReferencesFuzzTestInputs/json/}.
 */
class ReferencesFuzzTest {
  private static final MemoryStore TARGETS = new MemoryStore();

  static {
    byte[] file = new byte[4096];
    for (int i = 0; i < file.length; i++) {
      file[i] = (byte) (i * 31);
    }
    TARGETS.put("t.nc", file);
  }

  @FuzzTest
  void json(byte[] data) throws Exception {
    check(() -> {
      ReferenceStore s = new ReferenceStore(JsonReferences.parse(data), "fuzz.json", "/d", Remap.NONE,
          new RangeTargets(dir -> TARGETS));
      Hierarchy h = Hierarchy.open(s);
      for (String p : h.walk("")) {
        if (h.kind(p) == Hierarchy.Kind.ARRAY && h.arrayMetadata(p).elementCount() <= MetadataFuzzTest.READ_ALL_ELEMENTS) {
          h.array(p).readAll();
        }
      }
    });
  }
}
