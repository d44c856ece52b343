package org.zarrspark.core.refs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.zarrspark.core.error.InvalidReferencesException;

/**
 * Target URL prefixes replaced before a reference is read ({@code referenceRemap}:
 * {@code oldPrefix=newPrefix,...}), for archives that moved; the first matching prefix applies.
 */
public record Remap(List<Rule> rules) implements Serializable {
  public static final Remap NONE = new Remap(List.of());

  public record Rule(String from, String to) implements Serializable {}

  public Remap {
    rules = List.copyOf(rules);
  }

  /** Parses {@code old=new,old2=new2}; an entry without '=' or with an empty old prefix is an error. */
  public static Remap parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    List<Rule> rules = new ArrayList<>();
    for (String part : spec.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new InvalidReferencesException("a remapping is oldPrefix=newPrefix, not '" + p + "'");
      }
      rules.add(new Rule(p.substring(0, eq).trim(), p.substring(eq + 1).trim()));
    }
    return new Remap(rules);
  }

  public String apply(String url) {
    for (Rule r : rules) {
      if (url.startsWith(r.from)) {
        return r.to + url.substring(r.from.length());
      }
    }
    return url;
  }
}
