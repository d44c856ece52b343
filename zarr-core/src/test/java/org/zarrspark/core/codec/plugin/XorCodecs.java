package org.zarrspark.core.codec.plugin;

import java.util.List;
import java.util.Map;
import org.zarrspark.core.codec.CodecProvider;
import org.zarrspark.core.codec.CodecType;

/** The provider META-INF/services names: how a jar on the class path adds codecs. */
public final class XorCodecs implements CodecProvider {
  @Override
  public List<CodecType<?>> codecTypes() {
    return List.of(XorCodec.TYPE);
  }

  @Override
  public Map<String, String> refusals() {
    return Map.of("zarrspark_test_rot13", "a test refusal contributed by a provider");
  }
}
