package org.zarrspark.core.refs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.error.InvalidReferencesException;
import org.zarrspark.core.json.Json;

/** kerchunk's JSON formats: version 0 values, version 1 templates and gen (spec.rst's example). */
class JsonReferencesTest {
  private static JsonReferences parse(String json) {
    return JsonReferences.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void version0EveryKindOfValue() {
    String b64 = Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 255});
    JsonReferences r = parse("{\".zgroup\": \"{\\\"zarr_format\\\": 2}\", \"a/.zarray\": {\"zarr_format\": 2},"
        + " \"a/0\": \"base64:" + b64 + "\", \"a/1\": \"text\", \"a/2\": [\"s3://b/f.nc\"],"
        + " \"a/3\": [\"/data/f.nc\", 10, 20], \"a/4\": {\"x\": 1}}");
    assertEquals(2, Json.parse(r.metadata().get(".zgroup")).get("zarr_format").asInt());
    assertEquals(2, Json.parse(r.metadata().get("a/.zarray")).get("zarr_format").asInt());
    assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, ((Ref.Inline) r.chunk("a/0")).data());
    assertArrayEquals(utf8("text"), ((Ref.Inline) r.chunk("a/1")).data());
    assertEquals(new Ref.Range("s3://b/f.nc", 0, -1), r.chunk("a/2"));
    assertTrue(((Ref.Range) r.chunk("a/2")).wholeFile());
    assertEquals(new Ref.Range("/data/f.nc", 10, 20), r.chunk("a/3"));
    assertEquals(1, Json.parse(((Ref.Inline) r.chunk("a/4")).data()).get("x").asInt());
    assertNull(r.chunk("a/5"));
  }

  /** The example of kerchunk's docs/source/spec.rst and the version-0 set it evaluates to. */
  @Test
  void version1SpecExample() {
    JsonReferences r = parse("""
        {"version": 1,
         "templates": {"u": "server.domain/path", "f": "{{c}}"},
         "gen": [{"key": "gen_key{{i}}", "url": "http://{{u}}_{{i}}", "offset": "{{(i + 1) * 1000}}",
                  "length": "1000", "dimensions": {"i": {"stop": 5}}}],
         "refs": {"key0": "data", "key1": ["http://target_url", 10000, 100],
                  "key2": ["http://{{u}}", 10000, 100], "key3": ["http://{{f(c='text')}}", 10000, 100]}}
        """);
    assertArrayEquals(utf8("data"), ((Ref.Inline) r.chunk("key0")).data());
    assertEquals(new Ref.Range("http://target_url", 10000, 100), r.chunk("key1"));
    assertEquals(new Ref.Range("http://server.domain/path", 10000, 100), r.chunk("key2"));
    assertEquals(new Ref.Range("http://text", 10000, 100), r.chunk("key3"));
    for (int i = 0; i < 5; i++) {
      assertEquals(new Ref.Range("http://server.domain/path_" + i, (i + 1) * 1000L, 1000), r.chunk("gen_key" + i));
    }
    assertNull(r.chunk("gen_key5"));
    assertEquals(9, r.chunks().size());
  }

  @Test
  void genOverTheProductOfRangesAndLists() {
    JsonReferences r = parse("""
        {"version": 1, "templates": {"root": "/data"},
         "gen": [{"key": "v/{{t}}.{{y}}", "url": "{{root}}/f{{t}}.nc", "dimensions":
                  {"t": {"start": 2, "stop": 8, "step": 3}, "y": [0, 7]}}]}
        """);
    assertEquals(4, r.chunks().size());
    assertEquals(new Ref.Range("/data/f2.nc", 0, -1), r.chunk("v/2.0"));
    assertEquals(new Ref.Range("/data/f5.nc", 0, -1), r.chunk("v/5.7"));
  }

  @Test
  void arithmeticInTemplates() {
    Templates t = new Templates(java.util.Map.of("n", "{{a * 2 + 1}}"));
    assertEquals("x7-3-1-10", t.render("x{{n(a=3)}}-{{7 // 2}}-{{7 % 2 - 0}}-{{(1 + 4) * 2}}", java.util.Map.of()));
  }

  @Test
  void aTemplateNamingAnUnknownVariableIsAnError() {
    InvalidReferencesException e = assertThrows(InvalidReferencesException.class, () -> parse(
        "{\"version\": 1, \"templates\": {\"src\": \"/data/a.nc\"}, \"refs\": {\"t/0\": [\"{{scr}}\", 0, 4]}}"));
    assertTrue(e.getMessage().contains("scr") && e.getMessage().contains("t/0") && e.getMessage().contains("src"),
        e.getMessage());
  }

  @Test
  void malformedSetsAreTypedErrors() {
    for (String bad : new String[] {"{\"a/0\": [\"/f\", 1]", "[1, 2]", "{\"a/0\": [\"/f\", 1]}", "{\"a/0\": 5}",
        "{\"a/0\": [7, 0, 1]}", "{\"a/0\": [\"/f\", -1, 4]}", "{\"version\": 2, \"refs\": {}}",
        "{\"version\": 1, \"gen\": [{\"key\": \"k\", \"url\": \"u\"}]}", "{\"a/0\": \"base64:@@@\"}",
        "{\"version\": 1, \"refs\": {\"a/0\": [\"{{x\", 0, 1]}}", "{\".zarray\": [\"/f\"]}",
        "{\"version\": 1, \"gen\": [{\"key\": \"k{{i}}\", \"url\": \"u\", \"dimensions\": {\"i\": {\"stop\": 100000000}}}]}"}) {
      assertThrows(InvalidReferencesException.class, () -> parse(bad), bad);
    }
  }
}
