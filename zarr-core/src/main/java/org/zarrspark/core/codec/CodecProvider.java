package org.zarrspark.core.codec;

import java.util.List;
import java.util.Map;

/**
 * A family of codec types. The built-in codecs are one ({@link BuiltInCodecs}); more are found with
 * {@link java.util.ServiceLoader} from {@code META-INF/services/org.zarrspark.core.codec.CodecProvider}
 * (a public class with a no-argument constructor), so a jar on the class path adds codecs.
 */
public interface CodecProvider {
  List<CodecType<?>> codecTypes();

  /** numcodecs ids (or v3 names) refused on purpose, with the reason given in the error. */
  default Map<String, String> refusals() {
    return Map.of();
  }
}
