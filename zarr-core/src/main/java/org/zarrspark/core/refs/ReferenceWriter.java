package org.zarrspark.core.refs;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.zarrspark.core.json.Json;

/**
 * Writes references as a kerchunk JSON reference set, version 0 (what kerchunk's
 * {@code SingleHdf5ToZarr} and {@code MultiZarrToZarr} write and fsspec's ReferenceFileSystem
 * reads): a flat object, keys sorted; metadata documents as JSON text, chunks as
 * {@code [url, offset, length]} ({@code [url]} for a whole file) or {@code "base64:..."}.
 */
public final class ReferenceWriter {
  private ReferenceWriter() {}

  /** The set as bytes, each target URL passed through {@code url} (e.g. made absolute). */
  public static byte[] write(Map<String, byte[]> metadata, Map<String, Ref> chunks, UnaryOperator<String> url) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(metadata, chunks, url, out);
    return out.toByteArray();
  }

  /** Streams the set to {@code out} (not closed). */
  public static void write(Map<String, byte[]> metadata, Map<String, Ref> chunks, UnaryOperator<String> url,
      OutputStream out) {
    try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      for (Map.Entry<String, byte[]> e : new TreeMap<>(metadata).entrySet()) {
        g.writeStringField(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8));
      }
      for (Map.Entry<String, Ref> e : new TreeMap<>(chunks).entrySet()) {
        g.writeFieldName(e.getKey());
        if (e.getValue() instanceof Ref.Inline in) {
          g.writeString("base64:" + Base64.getEncoder().encodeToString(in.data()));
        } else {
          Ref.Range r = (Ref.Range) e.getValue();
          g.writeStartArray();
          g.writeString(url.apply(r.url()));
          if (!r.wholeFile()) {
            g.writeNumber(r.offset());
            g.writeNumber(r.length());
          }
          g.writeEndArray();
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
