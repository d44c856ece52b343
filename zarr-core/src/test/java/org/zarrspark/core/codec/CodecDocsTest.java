package org.zarrspark.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.testing.Fixtures;

/** docs/CODECS.md lists exactly what the built-in registry holds. */
class CodecDocsTest {
  private static final CodecRegistry R = CodecRegistry.builtIn();
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  private static String doc() throws IOException {
    Path p = Fixtures.root().resolveSibling("docs").resolve("CODECS.md");
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  /** The table rows under a "## title" heading, split into cells. */
  private static List<String[]> rows(String doc, String title) {
    int start = doc.indexOf("\n## " + title + "\n");
    assertTrue(start >= 0, "section " + title);
    int end = doc.indexOf("\n## ", start + 1);
    List<String[]> out = new ArrayList<>();
    for (String line : doc.substring(start, end < 0 ? doc.length() : end).split("\n")) {
      if (line.startsWith("| `")) {
        String[] cells = line.replace("\\|", "\u0000").split("\\|");
        out.add(java.util.Arrays.stream(cells).skip(1).map(String::trim).toArray(String[]::new));
      }
    }
    return out;
  }

  private static List<String> codes(String cell) {
    List<String> out = new ArrayList<>();
    Matcher m = CODE.matcher(cell);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void v3CoreCodecs() throws IOException {
    List<String> names = new ArrayList<>();
    for (String[] row : rows(doc(), "v3 core codecs")) {
      names.addAll(codes(row[0]));
    }
    assertEquals(R.v3Names(), names);
  }

  @Test
  void writable() throws IOException {
    String line = doc().lines().filter(l -> l.startsWith("Writers may choose")).findFirst().orElseThrow();
    assertEquals(R.writable(), codes(line.substring(line.indexOf(':'))));
  }

  @Test
  void numcodecsIdsTheirStatusAndTheirV3Spellings() throws IOException {
    Set<String> supported = new TreeSet<>();
    Set<String> refused = new TreeSet<>();
    Map<String, Set<String>> v3 = new LinkedHashMap<>();
    for (String[] row : rows(doc(), "numcodecs codecs")) {
      List<String> ids = codes(row[0]);
      (row[1].equals("supported") ? supported : refused).addAll(ids);
      if (row[1].equals("supported")) {
        v3.put(ids.get(0), new LinkedHashSet<>(codes(row[3])));
      }
    }
    Set<String> wantSupported = new TreeSet<>();
    Map<String, Set<String>> wantV3 = new LinkedHashMap<>();
    for (CodecType<?> t : R.types()) {
      if (t.numcodecsId() != null) {
        wantSupported.add(t.numcodecsId());
        Set<String> spellings = new LinkedHashSet<>();
        if (t.v3Name() != null) {
          spellings.add(t.v3Name());
        }
        if (t.stage() == BytesCodec.class) {
          spellings.add(CodecType.NUMCODECS_PREFIX + t.numcodecsId());
        }
        wantV3.put(t.numcodecsId(), spellings);
      }
    }
    assertEquals(wantSupported, supported);
    Set<String> wantRefused = new TreeSet<>(R.refusals().keySet());
    wantRefused.removeAll(wantSupported); // vlen-utf8: supported, but refused as a filter after the first
    assertEquals(wantRefused, refused);
    assertEquals(new TreeSet<>(wantV3.keySet()), new TreeSet<>(v3.keySet()));
    for (Map.Entry<String, Set<String>> e : wantV3.entrySet()) {
      assertEquals(e.getValue(), v3.get(e.getKey()), e.getKey());
    }
  }
}
