package org.zarrspark.core.refs;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.RangeTargets;
import org.zarrspark.core.store.MemoryStore;
import org.zarrspark.core.testing.RefCases;

/**
 * Random mutations of real reference files (bytes flipped, cut, spliced, tokens swapped): parsing
 * and opening the hierarchy raise only ZarrException, never anything else.
 */
class ReferenceParserRobustnessTest {
  private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "{{", "}}", "base64:", "null", "-1",
      "99999999999999999999", "\"version\": 1", "\"gen\"", "\"refs\"", "\"templates\"", "\\u0000", "1e400", "{{x}}",
      "\"dimensions\": {\"i\": {\"stop\": 3}}"};

  @Test
  void mutatedReferenceFilesRaiseOnlyZarrExceptions() throws Exception {
    Random rnd = new Random(15);
    for (String id : new String[] {"nc4_climate_v0", "nc4_hourly_v1", "nc4_inline_v0"}) {
      byte[] seed = Files.readAllBytes(RefCases.corpus().resolve(id).resolve("refs.json"));
      for (int n = 0; n < 400; n++) {
        byte[] m = mutate(seed, rnd);
        try {
          JsonReferences r = JsonReferences.parse(m);
          ReferenceStore s = new ReferenceStore(r, "mutant", "/nonexistent", Remap.NONE,
              new RangeTargets(dir -> new MemoryStore()));
          Hierarchy h = Hierarchy.open(s);
          for (String p : h.walk("")) {
            if (h.kind(p) == Hierarchy.Kind.ARRAY && h.arrayMetadata(p).shape().length <= 3) {
              try {
                h.array(p).readAll();
              } catch (ZarrException expected) {
                // a chunk that cannot be read: fine
              }
            }
          }
        } catch (ZarrException expected) {
          // typed: fine
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
          fail(id + " mutation " + n + " raised " + e, e);
        }
      }
    }
  }

  static byte[] mutate(byte[] seed, Random rnd) {
    byte[] b = seed.clone();
    switch (rnd.nextInt(4)) {
      case 0 -> {
        for (int k = 1 + rnd.nextInt(8); k > 0; k--) {
          b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
        }
      }
      case 1 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
      default -> {
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = rnd.nextInt(s.length());
        int cut = rnd.nextInt(Math.min(40, s.length() - at) + 1);
        s = s.substring(0, at) + TOKENS[rnd.nextInt(TOKENS.length)] + s.substring(at + cut);
        b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      }
    }
    return b;
  }
}
