package org.zarrspark.core.refs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.checksum.ChecksumUtils;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.error.InvalidReferencesException;
import org.zarrspark.core.error.StoreException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.store.Store;

/**
 * NetCDF-4 / HDF5 files whose headers or chunk indexes are damaged, built from the fixtures by
 * byte edits (checksums rewritten where HDF5 has them, so the damage reaches the structure
 * behind): each is a typed error naming the file (the reference set), the dataset or chunk key and
 * the URL the references use, raised before anything the header claims is allocated; nothing is
 * read silently wrong.
 */
class Hdf5HostileTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** More than reading one of these small files takes, far less than what the damaged headers claim. */
  private static final long ALLOCATION_LIMIT = 64L << 20;

  // --- files and edits

  private static byte[] fixture(String id) throws Exception {
    return Files.readAllBytes(Hdf5ReferencesTest.file(id));
  }

  /** Files made for the fuzz target's seeds (v4 chunk indexes; a two-level v1 B-tree), h5py-written. */
  private static byte[] seed(String name) throws IOException {
    try (InputStream in = Hdf5HostileTest.class.getResourceAsStream(
        "/org/zarrspark/core/fuzz/ReferencesFuzzTestInputs/hdf5/" + name)) {
      return in.readAllBytes();
    }
  }

  private static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static List<Integer> find(byte[] b, String s) {
    byte[] sig = s.getBytes(StandardCharsets.ISO_8859_1);
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i + sig.length <= b.length; i++) {
      if (Arrays.equals(b, i, i + sig.length, sig, 0, sig.length)) {
        at.add(i);
      }
    }
    return at;
  }

  /** Rewrites the lookup3 checksum that follows {@code b[from, to)}. */
  private static void checksum(byte[] b, int from, int to) {
    le(b).putInt(to, ChecksumUtils.checksum(Arrays.copyOfRange(b, from, to)));
  }

  /** Rewrites the checksum of the v2 object header at {@code ohdr} (its first chunk). */
  private static void fixObjectHeader(byte[] b, int ohdr) {
    int flags = b[ohdr + 5] & 0xff;
    int at = ohdr + 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
    int n = 1 << (flags & 3);
    long size = 0;
    for (int i = n - 1; i >= 0; i--) {
      size = size << 8 | b[at + i] & 0xff;
    }
    checksum(b, ohdr, (int) (at + n + size));
  }

  /** A v1 chunk B-tree node: its address, and where its keys and child pointers are. */
  private record Tree(int at, int rank) {
    int entries(byte[] b) {
      return le(b).getShort(at + 6) & 0xffff;
    }

    int key(int i) {
      return at + 24 + i * (keySize() + 8);
    }

    int child(int i) {
      return key(i) + keySize();
    }

    int keySize() {
      return 8 + 8 * (rank + 1);
    }
  }

  /** The chunk B-tree of climate.nc's t2m (3-d, 12 chunks of 4x5x6): the only node with 12 entries. */
  private static Tree t2m(byte[] b) {
    for (int at : find(b, "TREE")) {
      if (b[at + 4] == 1 && le(b).getShort(at + 6) == 12) {
        return new Tree(at, 3);
      }
    }
    throw new AssertionError("no t2m chunk B-tree in climate.nc");
  }

  // --- reading

  private static final String SET = "mem://set/";

  private static Hdf5References read(byte[] file, String name) {
    MemoryStore dir = new MemoryStore();
    dir.put(name, file);
    return Hdf5References.read(dir, name, SET + name);
  }

  /** Runs {@code read}, checking it allocates little whatever the damaged file claims. */
  private static <T> T bounded(Supplier<T> read) {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    try {
      return read.get();
    } finally {
      long used = THREADS.getCurrentThreadAllocatedBytes() - before;
      assertTrue(used < ALLOCATION_LIMIT, "allocated " + (used >> 20) + " MiB");
    }
  }

  /** The error reading a damaged file: its type, the file, the key, and the URL and a reason in its message. */
  private static <E extends ZarrException> E refused(Class<E> type, byte[] file, String name, String key, String... says) {
    E e = assertThrows(type, () -> bounded(() -> read(file, name)));
    assertEquals(type, e.getClass(), e.toString());
    assertEquals(SET + name, e.store(), e.getMessage());
    assertEquals(key, e.key(), e.getMessage());
    for (String s : says) {
      assertTrue(e.getMessage().contains(s), "'" + s + "' in: " + e.getMessage());
    }
    return e;
  }

  // --- v1 chunk B-trees (NetCDF-4 files written by the netCDF library)

  @Test
  void chunkAddressPastTheEndNamesTheChunk() throws Exception {
    byte[] b = fixture("nc4_climate_v0");
    Tree t = t2m(b);
    le(b).putLong(t.child(0), 0xff_ffff_f000L);
    refused(InvalidReferencesException.class, b, "climate.nc", "t2m/0.0.0",
        "chunk t2m/0.0.0 of dataset t2m in climate.nc", "1099511623680", "not inside the file (" + b.length + " bytes)");
  }

  @Test
  void chunkRunningOverTheEndNamesTheChunk() throws Exception {
    byte[] b = fixture("nc4_climate_v0");
    Tree t = t2m(b);
    le(b).putLong(t.child(0), b.length - 10);
    refused(InvalidReferencesException.class, b, "climate.nc", "t2m/0.0.0", "in climate.nc", "not inside the file");
  }

  @Test
  void chunkLargerThanTheFileNamesTheChunk() throws Exception {
    byte[] b = fixture("nc4_climate_v0");
    Tree t = t2m(b);
    le(b).putInt(t.key(0), Integer.MAX_VALUE);
    refused(InvalidReferencesException.class, b, "climate.nc", "t2m/0.0.0", "its 2147483647 bytes", "not inside the file");
  }

  @Test
  void emptyChunkNamesTheChunk() throws Exception {
    byte[] b = fixture("nc4_climate_v0");
    le(b).putInt(t2m(b).key(0), 0);
    refused(InvalidReferencesException.class, b, "climate.nc", "t2m/0.0.0", "its 0 bytes");
  }

  @Test
  void chunkOffsetOffTheGridNamesTheDataset() throws Exception {
    byte[] b = fixture("nc4_climate_v0");
    le(b).putLong(t2m(b).key(0) + 8, 1); // first chunk at [1, 0, 0] of a 4x5x6 grid
    refused(InvalidReferencesException.class, b, "climate.nc", "t2m", "chunk at [1, 0, 0] of dataset t2m in climate.nc",
        "not on the chunk grid [4, 5, 6]");
  }

  @Test
  void chunkListedTwiceNamesTheDataset() throws Exception {
    byte[] b = fixture("nc4_climate_v0");
    Tree t = t2m(b);
    System.arraycopy(b, t.key(0), b, t.key(1), t.keySize()); // the second chunk's key repeats the first's
    refused(InvalidReferencesException.class, b, "climate.nc", "t2m", "the chunk index of t2m in climate.nc is damaged",
        "Duplicate key");
  }

  @Test
  void moreEntriesThanTheFileHoldsAreNotAllocated() throws Exception {
    byte[] b = fixture("nc4_climate_v0");
    le(b).putShort(t2m(b).at + 6, (short) 0xffff);
    refused(InvalidReferencesException.class, b, "climate.nc", "t2m", "the chunk index of t2m in climate.nc is damaged",
        "past the end of the file");
  }

  @Test
  void damagedNodeSignatureNamesTheDataset() throws Exception {
    byte[] b = fixture("nc4_climate_v0");
    b[t2m(b).at + 2] = 'F';
    refused(InvalidReferencesException.class, b, "climate.nc", "t2m", "the chunk index of t2m in climate.nc is damaged",
        "signature not matched");
  }

  @Test
  void nodePointingAtItselfEndsAsAnError() throws Exception {
    byte[] b = fixture("nc4_climate_v0");
    Tree t = t2m(b);
    b[t.at + 5] = 1; // an internal node ...
    for (int i = 0; i < 12; i++) {
      le(b).putLong(t.child(i), t.at); // ... whose children are itself
    }
    refused(InvalidReferencesException.class, b, "climate.nc", "t2m", "the chunk index of t2m in climate.nc is damaged",
        "nest without end");
  }

  @Test
  void nodesSharingChildrenAreNotWalkedWithoutEnd() throws Exception {
    // the two-level B-tree of 'many' (300 one-byte chunks): its leaves become internal nodes whose
    // 57 entries all point at the next one, 57^4 paths through five nodes
    byte[] b = seed("v1_btree_levels.h5");
    Tree root = null;
    for (int at : find(b, "TREE")) {
      if (b[at + 4] == 1 && b[at + 5] == 1) {
        root = new Tree(at, 1);
      }
    }
    int[] chain = new int[5];
    for (int i = 0; i < chain.length; i++) {
      chain[i] = (int) le(b).getLong(root.child(i));
    }
    for (int i = 0; i < chain.length - 1; i++) {
      Tree t = new Tree(chain[i], 1);
      b[t.at + 5] = 1;
      for (int e = 0; e < t.entries(b); e++) {
        le(b).putLong(t.child(e), chain[i + 1]);
      }
    }
    b[root.at + 5] = 2;
    refused(InvalidReferencesException.class, b, "levels.h5", "many", "the chunk index of many in levels.h5 is damaged",
        "bytes of reads for a file of " + b.length + " bytes");
  }

  @Test
  void chunkSkippingAFilterNamesTheChunk() throws Exception {
    byte[] b = fixture("nc4_climate_v0");
    le(b).putInt(t2m(b).key(0) + 4, 1);
    refused(InvalidReferencesException.class, b, "climate.nc", "t2m/0.0.0", "skips filters of its pipeline");
  }

  // --- v4 chunk indexes (fixed array, extensible array, v2 B-tree, implicit)

  @Test
  void fixedArrayClaimingMoreEntriesThanTheFileHoldsIsRefusedBeforeAllocating() throws Exception {
    byte[] b = seed("v4_indexes.h5");
    int fahd = find(b, "FAHD").get(0); // the index of 'fixed'
    le(b).putLong(fahd + 8, Integer.MAX_VALUE);
    checksum(b, fahd, fahd + 24);
    refused(InvalidReferencesException.class, b, "v4.h5", "fixed", "the chunk index of fixed in v4.h5 is damaged",
        "the fixed array at offset " + fahd + " claims 2147483647 entries of 14 bytes, more than the file holds");
  }

  @Test
  void fixedArrayChunkPastTheEndNamesTheChunk() throws Exception {
    byte[] b = seed("v4_indexes.h5");
    int fahd = find(b, "FAHD").get(0);
    int fadb = find(b, "FADB").get(0);
    int entries = (int) le(b).getLong(fahd + 8);
    le(b).putLong(fadb + 14, 0xff_ffff_0000L); // the first entry's address
    checksum(b, fadb, fadb + 14 + entries * (b[fahd + 6] & 0xff));
    refused(InvalidReferencesException.class, b, "v4.h5", "fixed/0.0", "chunk fixed/0.0 of dataset fixed in v4.h5",
        "not inside the file");
  }

  @Test
  void fixedArrayChunkNeverWrittenReadsAsFill() throws Exception {
    byte[] b = seed("v4_indexes.h5");
    int fahd = find(b, "FAHD").get(0);
    int fadb = find(b, "FADB").get(0);
    int entries = (int) le(b).getLong(fahd + 8);
    le(b).putLong(fadb + 14, -1); // HDF5's undefined address
    checksum(b, fadb, fadb + 14 + entries * (b[fahd + 6] & 0xff));
    Hdf5References r = bounded(() -> read(b, "v4.h5"));
    assertEquals(null, r.chunk("fixed/0.0"));
    assertTrue(r.chunk("fixed/0.1") != null && r.chunk("fixed/1.1") != null);
  }

  @Test
  void extensibleArrayClaimingMoreElementsThanTheFileHoldsIsRefusedBeforeAllocating() throws Exception {
    byte[] b = seed("v4_indexes.h5");
    int eahd = find(b, "EAHD").get(0);
    le(b).putLong(eahd + 12 + 4 * 8, Integer.MAX_VALUE); // max index set (jHDF sizes its list with it, checksum unchecked)
    refused(InvalidReferencesException.class, b, "v4.h5", "earray", "the chunk index of earray in v4.h5 is damaged",
        "the extensible array at offset " + eahd + " claims 2147483647 entries");
  }

  @Test
  void v2BTreeClaimingMoreRecordsThanTheFileHoldsIsRefusedBeforeAllocating() throws Exception {
    byte[] b = seed("v4_indexes.h5");
    int bthd = find(b, "BTHD").get(0);
    le(b).putLong(bthd + 16 + 8 + 2, 60_000_000); // records in the tree
    checksum(b, bthd, bthd + 34);
    refused(InvalidReferencesException.class, b, "v4.h5", "btree2", "the chunk index of btree2 in v4.h5 is damaged",
        "the v2 B-tree at offset " + bthd + " claims 60000000 entries of 24 bytes");
  }

  @Test
  void implicitIndexPastTheEndNamesTheDataset() throws Exception {
    byte[] b = seed("v4_indexes.h5");
    // the layout message (version 4, chunked, implicit index) of 'implicit': its address moves near the end
    int at = -1;
    for (int i = 0; i + 20 < b.length && at < 0; i++) {
      if (b[i] == 8 && b[i + 4] == 4 && b[i + 5] == 2 && b[i + 7] == 3 && b[i + 8] == 1 && b[i + 12] == 2) {
        at = i; // type 8, version 4, class 2, rank 3 (2 + 1), 1-byte dims, index type 2
      }
    }
    assertTrue(at > 0, "no implicit layout message");
    int ohdr = 0;
    for (int o : find(b, "OHDR")) {
      ohdr = o < at ? o : ohdr;
    }
    le(b).putLong(at + 13, b.length - 16);
    fixObjectHeader(b, ohdr);
    refused(InvalidReferencesException.class, b, "v4.h5", "implicit", "the chunk index of implicit in v4.h5 is damaged",
        "its implicit index places 6 chunks of 40 bytes at offset " + (b.length - 16));
  }

  // --- headers, datasets, attributes, groups

  @Test
  void objectHeaderLargerThanTheFileIsRefusedBeforeAllocating() throws IOException {
    byte[] b = seed("regression-object-header-1700mib-in-11kib-file");
    refused(InvalidReferencesException.class, b, "f.h5", null, "a header or index claims 1819303781 bytes at offset",
        "past the end of the file (" + b.length + " bytes)");
  }

  @Test
  void truncatedFilesAreRefused() throws Exception {
    byte[] whole = fixture("nc4_climate_v0");
    for (int n : new int[] {0, 7, 100, 600, 2000, 12000, 20000, 30000, whole.length - 1}) {
      byte[] b = Arrays.copyOf(whole, n);
      ZarrException e = assertThrows(InvalidReferencesException.class, () -> bounded(() -> read(b, "cut.nc")), "cut at " + n);
      assertEquals(SET + "cut.nc", e.store(), e.getMessage());
    }
  }

  @Test
  void contiguousDataPastTheEndNamesTheDataset() throws Exception {
    byte[] b = fixture("h5_plain_v0");
    // the contiguous layout message (version 3, class 1) of 'counts': address 10315, 480 bytes
    int at = -1;
    for (int i = 0; i + 18 < b.length; i++) {
      if (b[i] == 3 && b[i + 1] == 1 && le(b).getLong(i + 2) == 10315 && le(b).getLong(i + 10) == 480) {
        at = i;
      }
    }
    assertTrue(at > 0, "no layout message of counts");
    le(b).putLong(at + 2, b.length - 8);
    refused(InvalidReferencesException.class, b, "grid.h5", "counts/0.0", "chunk counts/0.0 of dataset counts in grid.h5",
        "480 bytes at offset " + (b.length - 8), "not inside the file");
  }

  @Test
  void attributeClaimingMoreValuesThanItStoresIsRefused() throws Exception {
    byte[] b = fixture("nc4_climate_v0");
    // sp's scale_factor (one float64): its dataspace (version 2, rank 1) claims 2^31 - 1 values
    int name = find(b, "scale_factor\0").get(0);
    int ohdr = 0;
    for (int o : find(b, "OHDR")) {
      ohdr = o < name ? o : ohdr;
    }
    int header = name - 9;
    int space = name + (le(b).getShort(header + 2) & 0xffff) + (le(b).getShort(header + 4) & 0xffff);
    assertEquals(2, b[space]);
    assertEquals(1, b[space + 1]);
    le(b).putLong(space + 4, Integer.MAX_VALUE);
    fixObjectHeader(b, ohdr);
    refused(InvalidReferencesException.class, b, "climate.nc", null, "not a readable NetCDF-4 / HDF5 file",
        "Failed to read object header at address");
  }

  @Test
  void attributeDimensionsWhoseProductWrapsDoNotFit() {
    assertTrue(Hdf5References.fits(new int[] {3, 4}, 8, 96));
    assertFalse(Hdf5References.fits(new int[] {3, 4}, 8, 95));
    assertTrue(Hdf5References.fits(new int[] {}, 8, 8)); // scalar
    // 2^64 + 2^48 values: 2^48 in a long that wraps
    assertFalse(Hdf5References.fits(new int[] {1 << 16, 1 << 16, 1 << 16, (1 << 16) + 1}, 1, Integer.MAX_VALUE));
    assertFalse(Hdf5References.fits(new int[] {-1, -1}, 8, 8));
  }

  @Test
  void groupLinkedFromBelowItselfIsWalkedOnce() throws Exception {
    byte[] b = fixture("h5_plain_v0");
    // grid.h5's root symbol table: the entry of 'temperature' (object header 976) points at the root (96)
    int snod = find(b, "SNOD").get(0);
    int entries = le(b).getShort(snod + 6) & 0xffff;
    boolean moved = false;
    for (int i = 0; i < entries; i++) {
      int entry = snod + 8 + i * 40;
      if (le(b).getLong(entry + 8) == 976) {
        le(b).putLong(entry + 8, 96);
        moved = true;
      }
    }
    assertTrue(moved);
    Hdf5References r = bounded(() -> read(b, "grid.h5"));
    assertTrue(r.metadata().containsKey("counts/.zarray"));
    assertFalse(r.metadata().keySet().stream().anyMatch(k -> k.startsWith("temperature")), r.metadata().keySet().toString());
  }

  @Test
  void storeGivingFewerBytesThanItsSizeIsAStoreError() throws Exception {
    byte[] whole = fixture("nc4_climate_v0");
    MemoryStore mem = new MemoryStore();
    mem.put("climate.nc", Arrays.copyOf(whole, 20000));
    Store lying = new DelegatingStore(mem) {
      @Override
      public long size(String key) {
        return whole.length; // the listing's size; the file now holds less
      }
    };
    StoreException e = assertThrows(StoreException.class, () -> Hdf5References.read(lying, "climate.nc", SET + "climate.nc"));
    assertEquals(SET + "climate.nc", e.store());
    assertTrue(e.getMessage().contains("climate.nc: short read at offset"), e.getMessage());
  }

  /** A store that answers as another one. */
  private static class DelegatingStore implements Store {
    private final Store s;

    DelegatingStore(Store s) {
      this.s = s;
    }

    @Override
    public String describe() {
      return s.describe();
    }

    @Override
    public byte[] get(String key) {
      return s.get(key);
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
      return s.getRange(key, offset, length);
    }

    @Override
    public byte[] getSuffix(String key, int length) {
      return s.getSuffix(key, length);
    }

    @Override
    public long size(String key) {
      return s.size(key);
    }

    @Override
    public List<String> listChildren(String prefix) {
      return s.listChildren(prefix);
    }

    @Override
    public void put(String key, byte[] value) {
      s.put(key, value);
    }

    @Override
    public void delete(String key) {
      s.delete(key);
    }

    @Override
    public void deletePrefix(String prefix) {
      s.deletePrefix(prefix);
    }
  }
}
