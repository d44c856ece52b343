package org.zarrspark.spark.scan;

import java.util.ArrayList;
import java.util.List;
import org.zarrspark.spark.pushdown.Selection;

/**
 * The text of a scan in EXPLAIN and the Spark UI. Its format is read by tests and external
 * checkers (chunks=PLANNED/TOTAL, pushed=, selection=): change it only on purpose.
 *
 * @param aggregate what the scan answers instead of rows, or null
 * @param limit the pushed limit, or -1
 */
public record ScanDescription(String store, List<String> dims, List<String> pushed, Selection selection,
    ChunkCounts chunks, String aggregate, long limit, List<String> leftOut, List<String> notes) {

  static ScanDescription of(ScanParts p, ChunkCounts chunks, String aggregate) {
    return new ScanDescription(p.location().uri(), p.model().dims(), p.pushed(), p.selection(), chunks, aggregate,
        p.limit(), p.model().leftOut(), p.model().notes());
  }

  public String text() {
    List<String> parts = new ArrayList<>();
    parts.add("store=" + store);
    parts.add("dims=" + dims);
    parts.add("pushed=" + pushed);
    parts.add("selection=" + (selection.isAll() ? "all" : selection.toString()) + (selection.isExact() ? "" : " (inexact)"));
    parts.add("chunks=" + chunks.planned() + "/" + chunks.total());
    if (aggregate != null) {
      parts.add("aggregate=" + aggregate);
    }
    if (limit >= 0) {
      parts.add("limit=" + limit);
    }
    if (!leftOut.isEmpty()) {
      parts.add("leftOut=" + leftOut);
    }
    if (!notes.isEmpty()) {
      parts.add("notes=" + notes);
    }
    return "ZarrScan " + String.join(", ", parts);
  }
}
