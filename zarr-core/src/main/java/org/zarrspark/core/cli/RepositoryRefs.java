package org.zarrspark.core.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.zarrspark.core.icechunk.IcechunkRepository;
import org.zarrspark.core.icechunk.ObjectId;
import org.zarrspark.core.icechunk.Refs;

/** What {@code bin/zarr tree} prints of an Icechunk repository before its hierarchy at main. */
final class RepositoryRefs {
  private RepositoryRefs() {}

  /** Prints the branches and tags (name → snapshot id); returns main's snapshot. */
  static ObjectId print(IcechunkRepository repo, Writer out) throws IOException {
    Refs refs = repo.refs();
    ObjectId main = repo.branch("main");
    out.write("Icechunk repository (spec " + repo.specVersion() + ")\n");
    section(out, "branches", refs.branches());
    section(out, "tags", refs.tags());
    out.write("hierarchy at main (" + main + "):\n");
    return main;
  }

  private static void section(Writer out, String title, Map<String, ObjectId> refs) throws IOException {
    out.write(title + ":" + (refs.isEmpty() ? " none" : "") + "\n");
    for (Map.Entry<String, ObjectId> e : refs.entrySet()) {
      out.write("  " + e.getKey() + " -> " + e.getValue() + "\n");
    }
  }
}
