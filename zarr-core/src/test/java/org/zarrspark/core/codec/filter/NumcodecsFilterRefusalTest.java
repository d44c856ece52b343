package org.zarrspark.core.codec.filter;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrspark.core.codec.filter.NumcodecsFiltersTest.json;
import static org.zarrspark.core.codec.filter.NumcodecsFiltersTest.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.codec.Codecs;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.error.InvalidMetadataException;
import org.zarrspark.core.error.UnsupportedCodecException;

/** Every numcodecs id is either built or refused with UnsupportedCodecException naming it. */
class NumcodecsFilterRefusalTest {
  /** numcodecs 0.16.5's registry (plus crc32c, msgpack2, zfpy, pcodec when their packages are installed). */
  static final List<String> REGISTRY = List.of("adler32", "astype", "base64", "bitround", "blosc", "bz2",
      "categorize", "crc32", "crc32c", "delta", "fixedscaleoffset", "fletcher32", "gzip", "jenkins_lookup3", "json2",
      "lz4", "lzma", "msgpack2", "packbits", "pcodec", "pickle", "quantize", "shuffle", "vlen-array", "vlen-bytes",
      "vlen-utf8", "zfpy", "zlib", "zstd");

  static void refusedNaming(String id, org.junit.jupiter.api.function.Executable build) {
    UnsupportedCodecException e = assertThrows(UnsupportedCodecException.class, build, id);
    assertTrue(e.getMessage().contains("'" + id + "'") || e.getMessage().contains(id), e.getMessage());
  }

  @Test
  void everyRegistryIdIsSupportedOrRefusedWithAReason() {
    for (String id : REGISTRY) {
      assertTrue(NumcodecsFilters.SUPPORTED.contains(id) != NumcodecsFilters.REFUSED.containsKey(id), id);
    }
  }

  @Test
  void refusedIdsNameTheCodecAndTheReason() {
    for (String id : NumcodecsFilters.REFUSED.keySet()) {
      UnsupportedCodecException e = assertThrows(UnsupportedCodecException.class,
          () -> of("{\"id\":\"" + id + "\"}"), id);
      assertTrue(e.getMessage().contains("'" + id + "'"), e.getMessage());
      assertTrue(e.getMessage().contains(NumcodecsFilters.REFUSED.get(id)), e.getMessage());
    }
    String pickle = assertThrows(UnsupportedCodecException.class,
        () -> of("{\"id\":\"pickle\",\"protocol\":5}")).getMessage();
    assertTrue(pickle.contains("'pickle'") && pickle.contains("arbitrary code"), pickle);
    assertThrows(UnsupportedCodecException.class, () -> of("{\"id\":\"no-such-codec\"}"));
  }

  @Test
  void v2MetadataRefusesPickleAndZfpy() {
    // an object array pickled, as zarr-python 2 writes with object_codec=Pickle()
    refusedNaming("pickle", () -> Codecs.v2(json("[{\"id\":\"pickle\",\"protocol\":5}]"), null, "C",
        DataType.parseNumpy("|O"), 1));
    refusedNaming("zfpy", () -> Codecs.v2(null, json("{\"id\":\"zfpy\",\"mode\":4,\"tolerance\":-1,\"rate\":-1,"
        + "\"precision\":-1}"), "C", DataType.FLOAT64, 1));
    refusedNaming("json2", () -> Codecs.v2(json("[{\"id\":\"json2\",\"encoding\":\"utf-8\"}]"), null, "C",
        DataType.parseNumpy("|O"), 1));
  }

  @Test
  void v3MetadataRefusesThemToo() {
    refusedNaming("zfpy", () -> Codecs.v3(json("[{\"name\":\"bytes\"},{\"name\":\"numcodecs.zfpy\","
        + "\"configuration\":{\"mode\":4}}]"), DataType.FLOAT64));
    refusedNaming("pcodec", () -> Codecs.v3(json("[{\"name\":\"numcodecs.pcodec\"}]"), DataType.FLOAT64));
    // v3 vlen-bytes is read (the bytes data type), but never as the codec of a string array
    InvalidMetadataException e = assertThrows(InvalidMetadataException.class,
        () -> Codecs.v3(json("[{\"name\":\"vlen-bytes\"}]"), DataType.STRING));
    assertTrue(e.getMessage().contains("'vlen-bytes'") && e.getMessage().contains("string"), e.getMessage());
    assertNotNull(Codecs.v3(json("[{\"name\":\"vlen-bytes\"}]"), DataType.VLEN_BYTES));
    assertNotNull(Codecs.v3(json("[{\"name\":\"bytes\"},{\"name\":\"numcodecs.jenkins_lookup3\","
        + "\"configuration\":{\"initval\":0}},{\"name\":\"numcodecs.base64\"}]"), DataType.FLOAT64));
  }
}
