package org.zarrspark.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Typed reads of string options, keys case-insensitive as Spark treats them. Every bad value is
 * a {@link ZarrOptionException} naming the option and the value.
 */
public final class OptionReader {
  private final CaseInsensitiveStringMap map;

  public OptionReader(Map<String, String> options) {
    this.map = options instanceof CaseInsensitiveStringMap c ? c : new CaseInsensitiveStringMap(options);
  }

  public CaseInsensitiveStringMap map() {
    return map;
  }

  /** The value as given, or {@code def} when absent. */
  public String string(String key, String def) {
    String v = map.get(key);
    return v == null ? def : v;
  }

  /** The trimmed value, or null when absent or blank. */
  public String trimmed(String key) {
    String v = map.get(key);
    return v == null || v.trim().isEmpty() ? null : v.trim();
  }

  public boolean bool(String key, boolean def) {
    String v = map.get(key);
    if (v == null) {
      return def;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ZarrOptionException.invalid(key, v, "true or false");
    };
  }

  /** An integer, or {@code def} when absent. */
  public Integer integer(String key, Integer def) {
    String v = map.get(key);
    if (v == null) {
      return def;
    }
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      throw ZarrOptionException.invalid(key, v, "an integer");
    }
  }

  /** A long, or {@code def} when absent. */
  public long longValue(String key, long def) {
    String v = map.get(key);
    if (v == null) {
      return def;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw ZarrOptionException.invalid(key, v, "an integer");
    }
  }

  /** One of {@code allowed} (compared after trimming, as given), or {@code def} when absent. */
  public String oneOf(String key, String def, List<String> allowed, String expected) {
    String v = map.get(key);
    if (v == null) {
      return def;
    }
    String t = v.trim();
    if (!allowed.contains(t)) {
      throw ZarrOptionException.invalid(key, v, expected);
    }
    return t;
  }

  /** Comma-separated names, trimmed, blanks dropped; null when absent or blank. */
  public List<String> names(String key) {
    return split(map.get(key));
  }

  /** Comma-separated positive integers; null when absent or blank. */
  public int[] positiveInts(String key) {
    String v = map.get(key);
    List<String> parts = split(v);
    if (parts == null) {
      return null;
    }
    int[] out = new int[parts.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = Integer.parseInt(parts.get(i));
      } catch (NumberFormatException e) {
        out[i] = 0;
      }
      if (out[i] <= 0) {
        throw ZarrOptionException.invalid(key, v, "positive integers separated by commas");
      }
    }
    return out;
  }

  /** A byte size like 134217728, 128m, 1g (at least 1), or {@code def} when absent. */
  public long size(String key, long def) {
    String v = map.get(key);
    if (v == null) {
      return def;
    }
    String s = v.trim().toLowerCase(Locale.ROOT);
    if (s.endsWith("b")) {
      s = s.substring(0, s.length() - 1);
    }
    long mult = switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
      case 'k' -> 1L << 10;
      case 'm' -> 1L << 20;
      case 'g' -> 1L << 30;
      default -> 1;
    };
    if (mult > 1) {
      s = s.substring(0, s.length() - 1);
    }
    try {
      return Math.max(1, Long.parseLong(s.trim()) * mult);
    } catch (NumberFormatException e) {
      throw ZarrOptionException.invalid(key, v, "a size like 128m");
    }
  }

  private static List<String> split(String v) {
    if (v == null || v.trim().isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String s : v.split(",")) {
      if (!s.trim().isEmpty()) {
        out.add(s.trim());
      }
    }
    return out;
  }
}
