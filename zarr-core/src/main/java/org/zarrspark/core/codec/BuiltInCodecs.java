package org.zarrspark.core.codec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zarrspark.core.codec.blosc.BloscCodec;
import org.zarrspark.core.codec.compress.Bz2Codec;
import org.zarrspark.core.codec.compress.Crc32cCodec;
import org.zarrspark.core.codec.compress.GzipCodec;
import org.zarrspark.core.codec.compress.Lz4Codec;
import org.zarrspark.core.codec.compress.LzmaCodec;
import org.zarrspark.core.codec.compress.ZlibCodec;
import org.zarrspark.core.codec.compress.ZstdCodec;
import org.zarrspark.core.codec.filter.Adler32;
import org.zarrspark.core.codec.filter.AsType;
import org.zarrspark.core.codec.filter.Base64Codec;
import org.zarrspark.core.codec.filter.BitRound;
import org.zarrspark.core.codec.filter.Categorize;
import org.zarrspark.core.codec.filter.Crc32;
import org.zarrspark.core.codec.filter.Delta;
import org.zarrspark.core.codec.filter.FixedScaleOffset;
import org.zarrspark.core.codec.filter.Fletcher32;
import org.zarrspark.core.codec.filter.JenkinsLookup3;
import org.zarrspark.core.codec.filter.PackBits;
import org.zarrspark.core.codec.filter.Quantize;
import org.zarrspark.core.codec.filter.Shuffle;

/**
 * The codecs of zarr-core: one line per codec class, and the numcodecs ids refused on purpose.
 * A new built-in codec is a class with its {@code TYPE} and one line here (docs/CODECS.md is
 * checked against this table by CodecDocsTest).
 */
public final class BuiltInCodecs implements CodecProvider {
  // Order is the order of error messages and listings: array codecs, array-to-bytes, bytes-to-bytes.
  private static final List<CodecType<?>> TYPES = List.of(
      TransposeCodec.TYPE, ReshapeCodec.TYPE, BitRoundCodec.TYPE, ScaleOffsetCodec.TYPE, CastValueCodec.TYPE,
      EndianCodec.TYPE, EndianCodec.OLD_NAME_TYPE, VlenUtf8Codec.TYPE, VlenBytesCodec.TYPE, ShardingCodec.TYPE,
      PackBitsCodec.TYPE,
      Delta.TYPE, FixedScaleOffset.TYPE, Quantize.TYPE, BitRound.TYPE, AsType.TYPE, Shuffle.TYPE,
      PackBits.TYPE, Categorize.TYPE, Fletcher32.TYPE, Adler32.TYPE, Crc32.TYPE, Crc32cCodec.TYPE,
      JenkinsLookup3.TYPE, Base64Codec.TYPE, GzipCodec.TYPE, ZlibCodec.TYPE, ZstdCodec.TYPE, Lz4Codec.TYPE,
      Bz2Codec.TYPE, LzmaCodec.TYPE, BloscCodec.TYPE);

  private static final Map<String, String> REFUSALS = refusals0();

  private static Map<String, String> refusals0() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("pickle", "it stores Python pickles, and unpickling untrusted chunks can run arbitrary code");
    m.put("vlen-utf8", "it is an array-to-bytes codec: it is only valid as the first filter of an object (|O)"
        + " array (v2) or as the v3 array-to-bytes codec");
    m.put("vlen-bytes", "v2 object (|O) arrays are read as strings here; variable-length byte strings are read"
        + " as the v3 bytes data type with the v3 vlen-bytes codec");
    m.put("vlen-array", "there is no data type for ragged (variable-length) numeric arrays");
    m.put("json2", "it serialises arbitrary Python objects as JSON; object (|O) arrays are read only as strings"
        + " through vlen-utf8");
    m.put("msgpack2", "it serialises arbitrary Python objects as MessagePack; object (|O) arrays are read only as"
        + " strings through vlen-utf8");
    m.put("json", "retired in numcodecs 0.7 (replaced by json2), and object arrays are read only through vlen-utf8");
    m.put("msgpack", "retired in numcodecs 0.7 (replaced by msgpack2), and object arrays are read only through"
        + " vlen-utf8");
    m.put("zfpy", "ZFP's compressed stream (libzfp) has no pure-Java implementation here");
    m.put("pcodec", "pcodec's format (the Rust pco crate) has no pure-Java implementation here");
    return Collections.unmodifiableMap(m);
  }

  @Override
  public List<CodecType<?>> codecTypes() {
    return TYPES;
  }

  /** Every id of numcodecs' registry that is not built is here, with the reason (vlen-utf8: not as a filter). */
  @Override
  public Map<String, String> refusals() {
    return REFUSALS;
  }
}
