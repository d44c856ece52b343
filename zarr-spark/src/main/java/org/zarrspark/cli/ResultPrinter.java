package org.zarrspark.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zarrspark.core.cli.ValueFormat;

/** Prints query results: CSV (header, rows, empty field for NULL) or an aligned table. */
final class ResultPrinter {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private ResultPrinter() {}

  static void csv(StructType schema, List<Row> rows, PrintStream out) {
    StringBuilder sb = new StringBuilder();
    StructField[] f = schema.fields();
    for (int i = 0; i < f.length; i++) {
      sb.append(i > 0 ? "," : "").append(quote(f[i].name()));
    }
    out.println(sb);
    for (Row r : rows) {
      sb.setLength(0);
      for (int i = 0; i < f.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        String v = text(r.get(i));
        if (v != null) {
          sb.append(quote(v));
        }
      }
      out.println(sb);
    }
  }

  static void table(StructType schema, List<Row> rows, PrintStream out) {
    StructField[] f = schema.fields();
    if (f.length == 1 && f[0].name().equals("plan")) {
      // EXPLAIN output is text to read as it is.
      for (Row r : rows) {
        out.println(r.getString(0));
      }
      return;
    }
    List<String[]> cells = new ArrayList<>();
    String[] head = new String[f.length];
    int[] width = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      head[i] = f[i].name();
      width[i] = head[i].length();
    }
    for (Row r : rows) {
      String[] c = new String[f.length];
      for (int i = 0; i < f.length; i++) {
        String v = text(r.get(i));
        c[i] = v == null ? "NULL" : v.replace("\n", "\\n");
        width[i] = Math.min(200, Math.max(width[i], c[i].length()));
      }
      cells.add(c);
    }
    out.println(line(head, width));
    StringBuilder sep = new StringBuilder();
    for (int i = 0; i < f.length; i++) {
      sep.append(i > 0 ? "-+-" : "").append("-".repeat(width[i]));
    }
    out.println(sep);
    for (String[] c : cells) {
      out.println(line(c, width));
    }
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
  }

  private static String line(String[] c, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < c.length; i++) {
      String v = c[i].length() > width[i] ? c[i].substring(0, width[i]) : c[i];
      sb.append(i > 0 ? " | " : "").append(v).append(" ".repeat(width[i] - v.length()));
    }
    return sb.toString().replaceAll("\\s+$", "");
  }

  /** Text of a value: ISO-8601 UTC times, shortest floats, null for NULL. */
  static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Timestamp) {
      return iso(((Timestamp) v).toInstant());
    }
    if (v instanceof Instant) {
      return iso((Instant) v);
    }
    if (v instanceof LocalDateTime) {
      return iso(((LocalDateTime) v).toInstant(ZoneOffset.UTC));
    }
    if (v instanceof LocalDate) {
      return v.toString();
    }
    if (v instanceof Float) {
      return ValueFormat.shortest((Float) v);
    }
    if (v instanceof Double) {
      return ValueFormat.shortest((Double) v);
    }
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).toPlainString();
    }
    if (v instanceof byte[]) {
      StringBuilder sb = new StringBuilder("hex:");
      for (byte b : (byte[]) v) {
        sb.append(String.format("%02x", b));
      }
      return sb.toString();
    }
    if (v instanceof scala.collection.Seq<?> seq) {
      // Arrays as [a, b] (Spark's rows hold Scala sequences), elements formatted as values are.
      StringBuilder sb = new StringBuilder("[");
      scala.collection.Iterator<?> it = seq.iterator();
      while (it.hasNext()) {
        String t = text(it.next());
        sb.append(t == null ? "null" : t).append(it.hasNext() ? ", " : "");
      }
      return sb.append(']').toString();
    }
    return v.toString();
  }

  private static String iso(Instant t) {
    LocalDateTime l = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    String s = ISO.format(l);
    int nanos = l.getNano();
    if (nanos != 0) {
      String frac = String.format("%09d", nanos);
      s += "." + frac.replaceAll("0+$", "");
    }
    return s + "Z";
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
