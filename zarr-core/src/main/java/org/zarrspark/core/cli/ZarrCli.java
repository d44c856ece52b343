package org.zarrspark.core.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.icechunk.IcechunkRepository;
import org.zarrspark.core.icechunk.ObjectId;
import org.zarrspark.core.icechunk.SnapshotStore;
import org.zarrspark.core.icechunk.VirtualChunks;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.refs.ReferenceSets;
import org.zarrspark.core.refs.Remap;
import org.zarrspark.core.store.Store;
import org.zarrspark.core.store.StoreUri;
import org.zarrspark.core.store.Stores;

/**
 * The zarr-core commands of {@code bin/zarr}: {@code tree STORE} and {@code cat PATH}. Errors
 * print one line on stderr and exit non-zero; {@code ZARR_DEBUG=1} adds the stack trace.
 */
public final class ZarrCli {
  private ZarrCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command and returns its exit status. */
  public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
    if (args.length != 2 || !(args[0].equals("tree") || args[0].equals("cat"))) {
      stderr.println("usage: zarr tree STORE | zarr cat PATH");
      return 2;
    }
    try {
      Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
      String node = "";
      ReferenceSets.Found refs = args[1].endsWith(".zarr") ? null : ReferenceSets.locate(args[1], Stores::open);
      Store store;
      if (refs != null) {
        // A kerchunk reference set (JSON or Parquet), or a node inside one.
        store = ReferenceSets.open(refs, Stores::open, Remap.NONE);
        node = refs.node();
      } else {
        store = Stores.open(args[1]);
      }
      if (refs == null && args[0].equals("tree") && !args[1].endsWith(".zarr") && IcechunkRepository.isRepository(store)) {
        // An Icechunk repository: its branches and tags, then the hierarchy at main.
        IcechunkRepository repo = IcechunkRepository.open(store);
        ObjectId main = RepositoryRefs.print(repo, out);
        store = new SnapshotStore(repo, main, new VirtualChunks(List.of(), Stores::open, repo::config));
      }
      Hierarchy h = Hierarchy.open(store);
      if (args[0].equals("tree")) {
        ZarrException bad = TreeCommand.run(h, out);
        out.flush();
        if (bad != null) {
          throw bad; // the tree is printed; the status still says the store is damaged
        }
      } else {
        if (h.kind(node) != Hierarchy.Kind.ARRAY) {
          stderr.println("zarr: error: " + args[1] + " is a group, not an array: name an array inside it");
          return 1;
        }
        CatCommand.run(h.array(node), arrayName(args[1]), out);
      }
      out.flush();
      return 0;
    } catch (ZarrException e) {
      return fail(stderr, "error: " + e.getMessage() + " [" + e.kind() + "]", e);
    } catch (IOException e) {
      return fail(stderr, "error: cannot write output: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      return fail(stderr, "internal error: " + e, e);
    }
  }

  private static int fail(PrintStream stderr, String message, Exception e) {
    stderr.println("zarr: " + message.replace('\n', ' '));
    if ("1".equals(System.getenv("ZARR_DEBUG"))) {
      e.printStackTrace(stderr);
    }
    return 1;
  }

  /** The last path component of the location, which names the array's value column. */
  static String arrayName(String location) {
    String s = StoreUri.stripTrailingSlashes(location);
    int slash = s.lastIndexOf('/');
    String name = slash < 0 ? s : s.substring(slash + 1);
    if (name.isEmpty() || name.endsWith(":")) {
      return "value";
    }
    return name.endsWith(".zarr") ? name.substring(0, name.length() - 5) : name;
  }
}
