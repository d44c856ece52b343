package org.zarrspark.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kerchunk reference-set cases of testdata/refs, materialised as check_refs.py does: each
 * case copied to a scratch directory, {@code @ROOT@} in its reference files replaced by the copy's
 * location ({@code file://} URL or plain path, as case.json's {@code target_form} says).
 */
public final class RefCases {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RefCases() {}

  public static Path corpus() {
    return Fixtures.root().resolve("refs");
  }

  /** Every case id in manifest order. */
  public static List<String> ids() throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode c : JSON.readTree(corpus().resolve("manifest.json").toFile()).get("cases")) {
      out.add(c.get("id").asText());
    }
    return out;
  }

  public static JsonNode spec(String id) throws IOException {
    return JSON.readTree(corpus().resolve(id).resolve("case.json").toFile());
  }

  /** A usable copy of a case under {@code scratch} (returned: the copy's directory). */
  public static Path materialize(String id, Path scratch) throws IOException {
    Path src = corpus().resolve(id);
    Path dst = scratch.resolve(id);
    copy(src, dst);
    JsonNode spec = spec(id);
    String root = "file-url".equals(spec.path("target_form").asText("file-url"))
        ? "file://" + dst.toAbsolutePath() : dst.toAbsolutePath().toString();
    String escaped = JSON.writeValueAsString(root);
    escaped = escaped.substring(1, escaped.length() - 1);
    for (JsonNode rel : spec.path("rewrite")) {
      Path p = dst.resolve(rel.asText());
      String text = Files.readString(p, StandardCharsets.UTF_8);
      Files.writeString(p, text.replace("@ROOT@", escaped), StandardCharsets.UTF_8);
    }
    return dst;
  }

  public static void copy(Path src, Path dst) throws IOException {
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path t = dst.resolve(src.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
