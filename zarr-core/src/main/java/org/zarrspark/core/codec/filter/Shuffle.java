package org.zarrspark.core.codec.filter;

import com.fasterxml.jackson.databind.JsonNode;
import org.zarrspark.core.codec.BytesCodec;
import org.zarrspark.core.codec.CodecType;
import org.zarrspark.core.codec.compress.JsonConfig;
import org.zarrspark.core.error.CorruptChunkException;
import org.zarrspark.core.error.InvalidMetadataException;

/**
 * numcodecs "shuffle": byte shuffle with {@code elementsize} (default 4). Encoding writes byte
 * {@code j} of element {@code i} at {@code j * count + i}; the buffer must hold whole elements.
 * An element size of 0 or 1 is a plain copy.
 */
public final class Shuffle implements BytesCodec {
  /** Its names and binding: numcodecs "shuffle" (v3 "numcodecs.shuffle"). */
  public static final CodecType<BytesCodec> TYPE =
      CodecType.bytes(null, "shuffle", (config, context) -> fromJson(config));

  private final int elementSize;

  public Shuffle(int elementSize) {
    if (elementSize < 0) {
      throw new InvalidMetadataException("codec shuffle: elementsize " + elementSize + " is negative");
    }
    this.elementSize = elementSize;
  }

  /** From {"id": "shuffle", "elementsize": n}; elementsize defaults to 4. */
  public static Shuffle fromJson(JsonNode config) {
    JsonConfig.requireObject("shuffle", config);
    return new Shuffle(JsonConfig.intField("shuffle", config, "elementsize", 4));
  }

  public int elementSize() {
    return elementSize;
  }

  @Override
  public String name() {
    return "shuffle";
  }

  private void check(byte[] b) {
    if (elementSize > 1 && b.length % elementSize != 0) {
      throw new CorruptChunkException("codec shuffle: " + b.length + " bytes are not a whole number of "
          + elementSize + "-byte elements");
    }
  }

  @Override
  public byte[] decode(byte[] encoded, int maxDecodedSize) {
    if (encoded.length > maxDecodedSize) {
      throw new CorruptChunkException("codec shuffle: " + encoded.length + " bytes are more than the "
          + Math.max(0, maxDecodedSize) + " this chunk can hold");
    }
    check(encoded);
    if (elementSize <= 1) {
      return encoded.clone();
    }
    int count = encoded.length / elementSize;
    byte[] out = new byte[encoded.length];
    for (int j = 0; j < elementSize; j++) {
      int base = j * count;
      for (int i = 0; i < count; i++) {
        out[i * elementSize + j] = encoded[base + i];
      }
    }
    return out;
  }

  @Override
  public byte[] encode(byte[] decoded) {
    check(decoded);
    if (elementSize <= 1) {
      return decoded.clone();
    }
    int count = decoded.length / elementSize;
    byte[] out = new byte[decoded.length];
    for (int i = 0; i < count; i++) {
      int base = i * elementSize;
      for (int j = 0; j < elementSize; j++) {
        out[j * count + i] = decoded[base + j];
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "Shuffle(elementsize=" + elementSize + ")";
  }
}
