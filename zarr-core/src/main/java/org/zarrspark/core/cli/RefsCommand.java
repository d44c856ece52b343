package org.zarrspark.core.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.zarrspark.core.error.ZarrException;
import org.zarrspark.core.refs.ConcatenatedReferences;
import org.zarrspark.core.refs.Hdf5Collection;
import org.zarrspark.core.refs.ReferenceWriter;
import org.zarrspark.core.store.Stores;

/**
 * {@code zarr refs FILES... [-o OUT]}: the references of NetCDF-4 / HDF5 files as a kerchunk JSON
 * reference set (version 0), several files concatenated along their record dimension in the
 * order given. Targets are absolute (local files as absolute paths), as fsspec needs them: it
 * resolves a relative target against the working directory, not the reference file.
 */
public final class RefsCommand {
  private RefsCommand() {}

  public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
    List<String> files = new ArrayList<>();
    String out = null;
    for (int i = 0; i < args.length; i++) {
      if ((args[i].equals("-o") || args[i].equals("--output")) && i + 1 < args.length) {
        out = args[++i];
      } else if (args[i].startsWith("-")) {
        return usage(stderr);
      } else {
        files.add(absolute(args[i]));
      }
    }
    if (files.isEmpty()) {
      return usage(stderr);
    }
    try {
      ConcatenatedReferences refs = Hdf5Collection.ofFiles(files, Stores::open);
      if (out == null) {
        ReferenceWriter.write(refs.metadata(), refs.chunks(), u -> u, stdout);
        stdout.println();
        stdout.flush();
      } else {
        Path tmp = Path.of(out + ".tmp");
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp))) {
          ReferenceWriter.write(refs.metadata(), refs.chunks(), u -> u, o);
        }
        Files.move(tmp, Path.of(out), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        stderr.println("zarr: wrote " + refs.chunks().size() + " chunk references of " + files.size() + " file"
            + (files.size() == 1 ? "" : "s") + (refs.dimension() == null ? "" : " along " + refs.dimension())
            + " to " + out);
      }
      return 0;
    } catch (ZarrException e) {
      stderr.println("zarr: error: " + e.getMessage() + " [" + e.kind() + "]");
      return 1;
    } catch (IOException e) {
      stderr.println("zarr: error: cannot write " + out + ": " + e.getMessage());
      return 1;
    }
  }

  /** A local path made absolute; a URL as given. */
  private static String absolute(String f) {
    return f.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") ? f : Path.of(f).toAbsolutePath().normalize().toString();
  }

  private static int usage(PrintStream stderr) {
    stderr.println("usage: zarr refs FILE... [-o OUT.json]   (NetCDF-4 / HDF5 files; several are concatenated"
        + " along their record dimension)");
    return 2;
  }
}
