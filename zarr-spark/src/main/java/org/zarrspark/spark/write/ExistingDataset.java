package org.zarrspark.spark.write;

import java.util.ArrayList;
import java.util.List;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.read.Hierarchy;

/**
 * The grid of a dataset already in the store, as an append (or an overwrite keeping its layout)
 * sees it: the dimensions its data variables share, and those variables.
 */
record ExistingDataset(List<String> dims, List<String> vars) {

  static ExistingDataset of(Hierarchy h) {
    List<String> dims = null;
    List<String> vars = new ArrayList<>();
    for (String child : h.children("")) {
      if (h.kind(child) != Hierarchy.Kind.ARRAY) {
        continue;
      }
      ArrayMetadata m = h.arrayMetadata(child);
      List<String> dn = m.dimensionNames();
      if (dn == null) {
        throw new WriteInputException("array '" + child + "' has no dimension names: cannot append to it");
      }
      if (dn.size() == 1 && dn.get(0).equals(child)) {
        continue; // a coordinate
      }
      if (dims != null && !dims.equals(dn)) {
        throw new WriteInputException("the data variables of the store have different dimensions ("
            + dims + ", " + dn + "): append needs one grid");
      }
      dims = dn;
      vars.add(child);
    }
    if (dims == null) {
      throw new WriteInputException("the store has no data variable to append to");
    }
    return new ExistingDataset(List.copyOf(dims), List.copyOf(vars));
  }
}
