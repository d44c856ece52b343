package org.zarrspark.core.icechunk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zarrspark.core.error.IcechunkFormatException;

/**
 * The block-style YAML subset that Icechunk (serde_yaml) writes for a spec 1 {@code config.yaml}:
 * nested mappings by indentation, block sequences ({@code - item}, nested {@code - - item}), plain,
 * single- and double-quoted scalars, {@code null}/{@code ~}, booleans, numbers, empty flow
 * collections {@code {}} / {@code []} and enum tags ({@code store: !s3_compatible ...}), which become
 * a one-entry map {@code {tag: value}} as serde represents an externally tagged enum elsewhere.
 * Anything else (anchors, multi-line scalars, non-empty flow collections) is refused. Bounded:
 * at most {@link #MAX_BYTES} and nesting depth 64.
 */
final class ConfigYaml {
  static final int MAX_BYTES = 1 << 20;

  private final List<int[]> indents = new ArrayList<>(); // [indent] per line
  private final List<String> texts = new ArrayList<>();
  private int pos;

  private ConfigYaml(String doc) {
    for (String raw : doc.split("\r?\n", -1)) {
      String line = stripComment(raw);
      if (line.isBlank() || line.equals("---")) {
        continue;
      }
      int indent = 0;
      while (indent < line.length() && line.charAt(indent) == ' ') {
        indent++;
      }
      if (line.charAt(indent) == '\t') {
        throw new IcechunkFormatException("config.yaml: tab indentation is not supported");
      }
      indents.add(new int[] {indent});
      texts.add(line.substring(indent).stripTrailing());
    }
  }

  static Object parse(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw new IcechunkFormatException("config.yaml of " + bytes.length + " bytes exceeds the limit of " + MAX_BYTES);
    }
    ConfigYaml y = new ConfigYaml(new String(bytes, StandardCharsets.UTF_8));
    if (y.texts.isEmpty()) {
      return null;
    }
    Object v = y.node(y.indents.get(0)[0], 0);
    if (y.pos < y.texts.size()) {
      throw new IcechunkFormatException("config.yaml: unexpected indentation at '" + y.texts.get(y.pos) + "'");
    }
    return v;
  }

  private static String stripComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ')) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private Object node(int indent, int depth) {
    if (depth > Values.MAX_DEPTH) {
      throw new IcechunkFormatException("config.yaml nested deeper than " + Values.MAX_DEPTH);
    }
    String t = texts.get(pos);
    if (t.equals("-") || t.startsWith("- ")) {
      return sequence(indent, depth);
    }
    return mapping(indent, depth);
  }

  private List<Object> sequence(int indent, int depth) {
    List<Object> out = new ArrayList<>();
    while (pos < texts.size() && indents.get(pos)[0] == indent
        && (texts.get(pos).equals("-") || texts.get(pos).startsWith("- "))) {
      String rest = texts.get(pos).length() == 1 ? "" : texts.get(pos).substring(2).stripLeading();
      if (rest.isEmpty()) {
        pos++;
        out.add(pos < texts.size() && indents.get(pos)[0] > indent ? node(indents.get(pos)[0], depth + 1) : null);
      } else {
        int inner = indent + texts.get(pos).indexOf(rest, 1);
        indents.get(pos)[0] = inner; // the item's content as a line of its own
        texts.set(pos, rest);
        out.add(node(inner, depth + 1));
      }
    }
    return out;
  }

  private Map<String, Object> mapping(int indent, int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    while (pos < texts.size() && indents.get(pos)[0] == indent) {
      String t = texts.get(pos);
      int colon = keyEnd(t);
      if (colon < 0) {
        throw new IcechunkFormatException("config.yaml: expected 'key: value' at '" + t + "'");
      }
      String key = unquote(t.substring(0, colon).strip());
      String rest = t.substring(colon + 1).strip();
      pos++;
      out.put(key, value(rest, indent, depth));
    }
    return out;
  }

  /** The value after "key:" — inline, or the block that follows (deeper, or a sequence at the same indent). */
  private Object value(String rest, int indent, int depth) {
    String tag = null;
    if (rest.startsWith("!")) {
      int sp = rest.indexOf(' ');
      tag = sp < 0 ? rest.substring(1) : rest.substring(1, sp);
      rest = sp < 0 ? "" : rest.substring(sp + 1).strip();
    }
    Object v;
    if (!rest.isEmpty()) {
      v = scalar(rest);
    } else if (pos < texts.size() && (indents.get(pos)[0] > indent
        || indents.get(pos)[0] == indent && (texts.get(pos).equals("-") || texts.get(pos).startsWith("- ")))) {
      v = node(indents.get(pos)[0], depth + 1);
    } else {
      v = null;
    }
    if (tag != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(tag, v);
      return m;
    }
    return v;
  }

  private static int keyEnd(String t) {
    char quote = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == ':' && (i + 1 == t.length() || t.charAt(i + 1) == ' ')) {
        return i;
      }
    }
    return -1;
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.charAt(0) == '\'' && s.endsWith("'")) {
      return s.substring(1, s.length() - 1).replace("''", "'");
    }
    if (s.length() >= 2 && s.charAt(0) == '"' && s.endsWith("\"")) {
      String in = s.substring(1, s.length() - 1);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < in.length(); i++) {
        char c = in.charAt(i);
        if (c == '\\' && i + 1 < in.length()) {
          char e = in.charAt(++i);
          switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case '0' -> sb.append('\0');
            case 'u' -> {
              if (i + 4 >= in.length()) {
                throw new IcechunkFormatException("config.yaml: bad escape in " + s);
              }
              try {
                sb.append((char) Integer.parseInt(in.substring(i + 1, i + 5), 16));
              } catch (NumberFormatException ex) {
                throw new IcechunkFormatException("config.yaml: bad escape in " + s);
              }
              i += 4;
            }
            default -> sb.append(e);
          }
        } else {
          sb.append(c);
        }
      }
      return sb.toString();
    }
    return s;
  }

  private static Object scalar(String s) {
    if (s.startsWith("'") || s.startsWith("\"")) {
      return unquote(s);
    }
    switch (s) {
      case "null", "~", "Null", "NULL":
        return null;
      case "true", "True", "TRUE":
        return Boolean.TRUE;
      case "false", "False", "FALSE":
        return Boolean.FALSE;
      case "{}":
        return new LinkedHashMap<String, Object>();
      case "[]":
        return new ArrayList<Object>();
      default:
        break;
    }
    if (s.startsWith("{") || s.startsWith("[") || s.startsWith("&") || s.startsWith("*") || s.startsWith("|")
        || s.startsWith(">")) {
      throw new IcechunkFormatException("config.yaml: unsupported YAML value '" + s + "'");
    }
    if (s.matches("[-+]?[0-9]+")) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        return s;
      }
    }
    if (s.matches("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+")) {
      return Double.parseDouble(s);
    }
    return s;
  }
}
