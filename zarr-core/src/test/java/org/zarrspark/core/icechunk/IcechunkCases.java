package org.zarrspark.core.icechunk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.json.Json;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.V3Metadata;
import org.zarrspark.core.store.LocalStore;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.testing.Fixtures;

/** The Icechunk fixture cases of testdata/icechunk: their repositories, case.json and expected tables. */
final class IcechunkCases {
  private IcechunkCases() {}

  static Path root() {
    Path p = Fixtures.root().resolve("icechunk");
    assertTrue(Files.isDirectory(p), "Icechunk fixtures missing at " + p);
    return p;
  }

  static JsonNode caseJson(String name) {
    try {
      return Json.parse(Files.readAllBytes(root().resolve(name).resolve("case.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository folder of a case (case.json "repo", relative to the case folder). */
  static Path repoDir(String name) {
    JsonNode c = caseJson(name);
    String rel = c.has("repo") ? c.get("repo").asText() : "repo";
    return root().resolve(name).resolve(rel).normalize();
  }

  static Store store(String name) {
    return new LocalStore(repoDir(name));
  }

  static Instant instant(String iso) {
    return OffsetDateTime.parse(iso).toInstant();
  }

  /** An expected table: header and rows, as text. */
  record Table(List<String> header, List<String[]> rows) {
    int column(String name) {
      int i = header.indexOf(name);
      assertTrue(i >= 0, "no column " + name + " in " + header);
      return i;
    }
  }

  static Table table(String caseName, String file) {
    try {
      List<String> lines = Files.readAllLines(root().resolve(caseName).resolve("expected").resolve(file));
      List<String> header = Arrays.asList(lines.get(0).split(",", -1));
      List<String[]> rows = new ArrayList<>();
      for (String l : lines.subList(1, lines.size())) {
        if (!l.isEmpty()) {
          rows.add(l.split(",", -1));
        }
      }
      return new Table(header, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes one chunk of an array node through its zarr.json's codec pipeline (null ref: fill). */
  static NdBuffer decodeChunk(IcechunkRepository repo, Node node, long[] chunk) {
    ArrayMetadata md = V3Metadata.parseArray(node.zarrJson());
    byte[] bytes = repo.readChunk(repo.chunkRef(node, chunk));
    if (bytes == null) {
      return NdBuffer.filled(md.dataType(), md.chunkShape(), md.fillValue());
    }
    return md.codecs().decode(bytes, md.dataType(), md.chunkShape(), md.fillValue());
  }
}
