package org.zarrspark.cli;

import java.util.Arrays;
import org.zarrspark.core.cli.RefsCommand;
import org.zarrspark.core.cli.ZarrCli;

/** Entry point of {@code bin/zarr}: dispatches subcommands to the module that implements them. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String cmd = args.length == 0 ? "" : args[0];
    switch (cmd) {
      case "tree":
      case "cat":
        System.exit(ZarrCli.run(args, System.out, System.err));
        break;
      case "refs":
        System.exit(RefsCommand.run(rest(args), System.out, System.err));
        break;
      case "sql":
        System.exit(SqlCommand.run(rest(args), System.out, System.err));
        break;
      case "demo":
        try {
          System.exit(DemoCommand.run(rest(args), System.out, System.err));
        } catch (Exception e) {
          System.err.println("zarr: error: " + Errors.oneLine(e));
          System.exit(1);
        }
        break;
      default:
        System.err.println("usage: zarr <command> ...\n"
            + "  tree STORE     print the hierarchy: groups, arrays (dtype, shape, chunks, codecs), attributes\n"
            + "  cat PATH       print an array as CSV (index columns, then the values)\n"
            + "  refs FILE... [-o OUT.json]\n"
            + "                 write the references of NetCDF-4 / HDF5 files as kerchunk JSON (several files:\n"
            + "                 concatenated along their record dimension)\n"
            + "  sql [--conf K=V]... [--format table|csv] [--timing] (-f FILE | STATEMENTS)\n"
            + "                 run SQL in a local Spark session with the zarr source and catalog\n"
            + "  demo [--dir DIR]  write the built-in sample climate store and run showcase queries");
        System.exit(cmd.isEmpty() || cmd.equals("help") || cmd.equals("--help") ? 0 : 2);
    }
  }

  static String[] rest(String[] args) {
    return Arrays.copyOfRange(args, 1, args.length);
  }
}
