package org.zarrspark.core.refs;

import java.util.HashMap;
import java.util.Map;
import org.zarrspark.core.error.InvalidReferencesException;

/**
 * The part of jinja2 that kerchunk reference sets use: {@code {{name}}} (a variable, or a template
 * rendered), {@code {{name(var='text', n=3)}}} (a template rendered with variables), and integer
 * arithmetic ({@code {{(i + 1) * 1000}}}: + - * // / % and parentheses). A name that is neither a
 * variable nor a template is an error naming it.
 */
final class Templates {
  private static final int MAX_DEPTH = 8;
  private static final int MAX_OUTPUT = 1 << 16;

  private final Map<String, String> templates;

  Templates(Map<String, String> templates) {
    this.templates = templates;
  }

  String render(String text, Map<String, Object> vars) {
    return render(text, vars, 0);
  }

  private String render(String text, Map<String, Object> vars, int depth) {
    if (depth > MAX_DEPTH) {
      throw new InvalidReferencesException("templates nest deeper than " + MAX_DEPTH + " levels (a template that uses itself?)");
    }
    int open = text.indexOf("{{");
    if (open < 0) {
      return text;
    }
    StringBuilder sb = new StringBuilder();
    int at = 0;
    while (open >= 0) {
      int close = text.indexOf("}}", open + 2);
      if (close < 0) {
        throw new InvalidReferencesException("unterminated '{{' in \"" + text + "\"");
      }
      sb.append(text, at, open);
      Object v = new Expr(text.substring(open + 2, close), vars, depth).parse();
      sb.append(v);
      if (sb.length() > MAX_OUTPUT) {
        throw new InvalidReferencesException("a rendered template exceeds " + MAX_OUTPUT + " characters");
      }
      at = close + 2;
      open = text.indexOf("{{", at);
    }
    return sb.append(text.substring(at)).toString();
  }

  /** One expression between braces. */
  private final class Expr {
    private final String s;
    private final Map<String, Object> vars;
    private final int depth;
    private int pos;

    Expr(String s, Map<String, Object> vars, int depth) {
      this.s = s;
      this.vars = vars;
      this.depth = depth;
    }

    Object parse() {
      Object v = sum();
      skip();
      if (pos != s.length()) {
        throw error("unexpected '" + s.substring(pos) + "'");
      }
      return v;
    }

    private InvalidReferencesException error(String what) {
      return new InvalidReferencesException("template expression {{" + s + "}}: " + what);
    }

    private void skip() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private boolean eat(String tok) {
      skip();
      if (s.startsWith(tok, pos)) {
        pos += tok.length();
        return true;
      }
      return false;
    }

    private Object sum() {
      Object v = product();
      while (true) {
        if (eat("+")) {
          Object r = product();
          v = v instanceof String || r instanceof String ? String.valueOf(v) + r : Math.addExact(num(v), num(r));
        } else if (eat("-")) {
          v = Math.subtractExact(num(v), num(product()));
        } else {
          return v;
        }
      }
    }

    private Object product() {
      Object v = unary();
      while (true) {
        if (eat("*")) {
          v = Math.multiplyExact(num(v), num(unary()));
        } else if (eat("//") || eat("/")) {
          v = Math.floorDiv(num(v), nonZero(num(unary())));
        } else if (eat("%")) {
          v = Math.floorMod(num(v), nonZero(num(unary())));
        } else {
          return v;
        }
      }
    }

    private long nonZero(long d) {
      if (d == 0) {
        throw error("division by zero");
      }
      return d;
    }

    private Object unary() {
      if (eat("-")) {
        return Math.negateExact(num(unary()));
      }
      return atom();
    }

    private long num(Object v) {
      if (v instanceof Long l) {
        return l;
      }
      try {
        return Long.parseLong((String) v);
      } catch (NumberFormatException e) {
        throw error("'" + v + "' is not an integer");
      }
    }

    private Object atom() {
      skip();
      if (pos >= s.length()) {
        throw error("expression ends early");
      }
      char c = s.charAt(pos);
      if (c == '(') {
        pos++;
        Object v = sum();
        if (!eat(")")) {
          throw error("missing ')'");
        }
        return v;
      }
      if (c == '\'' || c == '"') {
        int end = s.indexOf(c, pos + 1);
        if (end < 0) {
          throw error("unterminated string");
        }
        String v = s.substring(pos + 1, end);
        pos = end + 1;
        return v;
      }
      if (Character.isDigit(c)) {
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
          pos++;
        }
        try {
          return Long.parseLong(s.substring(start, pos));
        } catch (NumberFormatException e) {
          throw error("number too large");
        }
      }
      if (Character.isLetter(c) || c == '_') {
        int start = pos;
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
          pos++;
        }
        String name = s.substring(start, pos);
        if (eat("(")) {
          Map<String, Object> args = new HashMap<>(vars);
          if (!eat(")")) {
            do {
              skip();
              int ks = pos;
              while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
              }
              String k = s.substring(ks, pos);
              if (k.isEmpty() || !eat("=")) {
                throw error("expected name=value in the call of " + name);
              }
              args.put(k, sum());
            } while (eat(","));
            if (!eat(")")) {
              throw error("missing ')' after the arguments of " + name);
            }
          }
          return template(name, args);
        }
        if (vars.containsKey(name)) {
          return vars.get(name);
        }
        return template(name, vars);
      }
      throw error("unexpected '" + c + "'");
    }

    private Object template(String name, Map<String, Object> args) {
      String t = templates.get(name);
      if (t == null) {
        throw error("'" + name + "' is neither a template nor a variable (templates: "
            + String.join(", ", new java.util.TreeSet<>(templates.keySet())) + ")");
      }
      return render(t, args, depth + 1);
    }
  }
}
