package org.zarrspark.core.fuzz;

import static org.zarrspark.core.fuzz.FuzzSupport.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.refs.Hdf5References;
import org.zarrspark.core.refs.JsonReferences;
import org.zarrspark.core.refs.ReferenceStore;
import org.zarrspark.core.refs.Remap;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.store.RangeTargets;

/**
 * Reference sets: kerchunk JSON (version 0 and 1: templates, gen), opened as a hierarchy whose
 * targets are an in-memory file {@code t.nc} of 4 KiB; and NetCDF-4 / HDF5 files, their references
 * computed by {@link Hdf5References} (superblock, object headers, chunk indexes through jHDF) and
 * read back from the same in-memory file. Arrays of at most 65,536 elements are read whole. Seeds:
 * {@code src/test/resources/org/zarrspark/core/fuzz/ReferencesFuzzTestInputs/json/} and
 * {@code .../hdf5/}: the files of testdata/refs, and two written with h5py ({@code v4_indexes.h5}:
 * {@code libver="latest"}, one dataset per v4 chunk index: fixed array filtered and not, extensible
 * array, v2 B-tree, single chunk filtered and not, implicit; {@code v1_btree_levels.h5}: 300
 * one-byte chunks, a two-level v1 B-tree, and a 8x8 grid in 3x3 chunks).
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
    check(() -> readAll(new ReferenceStore(JsonReferences.parse(data), "fuzz.json", "/d", Remap.NONE,
        new RangeTargets(dir -> TARGETS))));
  }

  @FuzzTest
  void hdf5(byte[] data) throws Exception {
    check(() -> {
      MemoryStore dir = new MemoryStore();
      dir.put("f.nc", data);
      Hdf5References refs = Hdf5References.read(dir, "f.nc", "mem:///d/f.nc");
      readAll(new ReferenceStore(refs, "mem:///d/f.nc", "/d", Remap.NONE, new RangeTargets(d -> dir)));
    });
  }

  private static void readAll(ReferenceStore s) {
    Hierarchy h = Hierarchy.open(s);
    for (String p : h.walk("")) {
      if (h.kind(p) == Hierarchy.Kind.ARRAY && h.arrayMetadata(p).elementCount() <= MetadataFuzzTest.READ_ALL_ELEMENTS) {
        h.array(p).readAll();
      }
    }
  }
}
