package org.zarrspark.core.icechunk;

import java.util.Arrays;
import org.zarrspark.core.codec.compress.ZstdCodec;
import org.zarrspark.core.error.IcechunkFormatException;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.store.Store;

/**
 * One Icechunk metadata file read from a store: its header and its decompressed flatbuffer. Reading
 * is one GET. The payload is bounded by {@link #MAX_PAYLOAD_BYTES} and by what the zstd frame's
 * blocks can produce (checked by {@link ZstdCodec} before allocating).
 */
public record IcechunkFile(String key, FileHeader header, FlatBuffer payload) {
  /** Largest decompressed metadata file (-Dzarr.icechunk.maxObjectBytes, default 1 GiB). */
  public static final int MAX_PAYLOAD_BYTES = (int) Math.min(Integer.MAX_VALUE - 8,
      Long.getLong("zarr.icechunk.maxObjectBytes", 1L << 30));

  private static final ZstdCodec ZSTD = new ZstdCodec(0, false);

  /** Reads {@code key}; a missing object is an {@link IcechunkFormatException} naming it. */
  public static IcechunkFile read(Store store, String key, FileType expected) {
    byte[] bytes = store.get(key);
    if (bytes == null) {
      throw new IcechunkFormatException("the Icechunk " + FileHeader.name(expected) + " file does not exist")
          .at(store.describe(), key);
    }
    return parse(bytes, expected, store.describe(), key);
  }

  /** Parses the bytes of a file stored at {@code key} in {@code storeName} (for messages). */
  public static IcechunkFile parse(byte[] bytes, FileType expected, String storeName, String key) {
    try {
      FileHeader header = FileHeader.parse(bytes, expected);
      byte[] body = Arrays.copyOfRange(bytes, FileHeader.LENGTH, bytes.length);
      byte[] payload;
      if (header.compression() == FileHeader.COMPRESSION_ZSTD) {
        try {
          payload = ZSTD.decode(body, MAX_PAYLOAD_BYTES);
        } catch (ZarrException e) {
          throw new IcechunkFormatException("corrupt Icechunk " + FileHeader.name(expected)
              + " file: its zstd payload does not decode (" + e.detail() + ")", e);
        }
      } else {
        payload = body;
      }
      return new IcechunkFile(key, header, new FlatBuffer(payload, FileHeader.name(expected)));
    } catch (ZarrException e) {
      throw e.at(storeName, key);
    }
  }
}
