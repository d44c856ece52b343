package org.zarrspark.cli;

/** One-line error messages for the command line: the innermost meaningful message. */
final class Errors {
  private Errors() {}

  static String oneLine(Throwable e) {
    Throwable t = e;
    String msg = null;
    while (t != null) {
      if (t instanceof org.zarrspark.core.error.ZarrException || t instanceof org.zarrspark.spark.read.ZarrReadException) {
        msg = t.getMessage();
        break;
      }
      if (t.getMessage() != null && msg == null) {
        msg = t.getMessage();
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    if (msg == null) {
      msg = e.getClass().getSimpleName();
    }
    String line = msg.replace('\n', ' ').replaceAll("\\s+", " ").trim();
    return line.length() > 2000 ? line.substring(0, 2000) + "..." : line;
  }
}
