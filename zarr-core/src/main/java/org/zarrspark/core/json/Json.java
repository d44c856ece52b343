package org.zarrspark.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import org.zarrspark.core.error.InvalidMetadataException;

/**
 * The one JSON mapper of zarr-core. Parsing is bounded (document size, nesting, string and number
 * lengths) because metadata may come from strangers; Python's bare NaN/Infinity literals are
 * accepted because some writers emit them.
 */
public final class Json {
  /** Largest metadata document accepted (consolidated metadata of big trees included). */
  public static final int MAX_DOCUMENT_BYTES = 64 << 20;

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(64)
              .maxStringLength(16 << 20)
              .maxNumberLength(400)
              .build())
          .build())
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses a metadata document; any failure is an {@link InvalidMetadataException}. */
  public static JsonNode parse(byte[] bytes) {
    if (bytes.length > MAX_DOCUMENT_BYTES) {
      throw new InvalidMetadataException("metadata document of " + bytes.length
          + " bytes exceeds the limit of " + MAX_DOCUMENT_BYTES);
    }
    try (JsonParser p = new SignedZeroParser(MAPPER.getFactory().createParser(bytes))) {
      JsonNode node = MAPPER.readTree(p);
      if (node == null || node.isMissingNode()) {
        throw new InvalidMetadataException("empty metadata document");
      }
      if (p.nextToken() != null) {
        throw new InvalidMetadataException("invalid JSON: trailing content after the document");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new InvalidMetadataException("invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidMetadataException("unreadable JSON: " + e.getMessage(), e);
    }
  }

  /** Writes a document the way zarr-python does: indented UTF-8. */
  public static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize metadata", e);
    }
  }

  /**
   * Keeps the sign of a negative zero ({@code -0.0}), which a BigDecimal cannot hold: fill values
   * are compared bit for bit. With USE_BIG_DECIMAL_FOR_FLOATS, Jackson builds a double node for a
   * number that reports {@code isNaN()} (numbers a BigDecimal cannot represent), reading
   * {@code getDoubleValue()}; both are answered here for a negative zero only.
   */
  private static final class SignedZeroParser extends JsonParserDelegate {
    SignedZeroParser(JsonParser p) {
      super(p);
    }

    private boolean negativeZero() throws IOException {
      // NaN and the infinities first: they have no decimal value.
      return currentToken() == JsonToken.VALUE_NUMBER_FLOAT && !delegate.isNaN()
          && getText().startsWith("-") && delegate.getDecimalValue().signum() == 0;
    }

    @Override
    public boolean isNaN() throws IOException {
      return super.isNaN() || negativeZero();
    }

    @Override
    public double getDoubleValue() throws IOException {
      return negativeZero() ? -0.0 : super.getDoubleValue();
    }
  }
}
