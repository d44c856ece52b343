package org.zarrspark.spark.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zarrspark.core.error.InconsistentDimensionsException;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.core.store.StoreKeys;

/**
 * A group read the way xarray opens it as a Dataset: variables with named dimensions, their
 * sizes (which must agree), coordinate variables (found in the group or, as in DataTree, in an
 * ancestor) and data variables grouped by dimension set.
 */
public final class GroupModel {
  private final String path;
  private final Map<String, Variable> variables;
  private final Map<String, Long> dimSizes;
  private final Map<String, Variable> dimCoordinates;
  private final Set<String> auxCoordinates;

  private GroupModel(String path, Map<String, Variable> variables, Map<String, Long> dimSizes,
      Map<String, Variable> dimCoordinates, Set<String> auxCoordinates) {
    this.path = path;
    this.variables = variables;
    this.dimSizes = dimSizes;
    this.dimCoordinates = dimCoordinates;
    this.auxCoordinates = auxCoordinates;
  }

  /** Analyses the node at {@code path}: a group, or a single array seen as a one-variable dataset. */
  public static GroupModel of(Hierarchy h, String path) {
    String p = StoreKeys.normalizePath(path);
    Map<String, Variable> vars = new LinkedHashMap<>();
    if (h.kind(p) == Hierarchy.Kind.ARRAY) {
      String name = p.isEmpty() ? "value" : p.substring(p.lastIndexOf('/') + 1);
      vars.put(name, variable(h, name, p));
    } else {
      for (String child : h.children(p)) {
        String cp = StoreKeys.join(p, child);
        if (h.kind(cp) == Hierarchy.Kind.ARRAY) {
          vars.put(child, variable(h, child, cp));
        }
      }
    }
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (Variable v : vars.values()) {
      long[] shape = v.metadata().shape();
      for (int i = 0; i < shape.length; i++) {
        String d = v.dims().get(i);
        Long prev = sizes.putIfAbsent(d, shape[i]);
        if (prev != null && prev != shape[i]) {
          throw new InconsistentDimensionsException("dimension '" + d + "' has length " + prev
              + " in one array and " + shape[i] + " in array '" + v.name() + "'")
              .at(h.store().describe(), v.path());
        }
      }
    }
    Map<String, Variable> coords = new LinkedHashMap<>();
    for (String d : sizes.keySet()) {
      Variable c = vars.get(d);
      if (c != null && c.isDimensionCoordinate()) {
        coords.put(d, c);
      } else if (c == null) {
        Variable inherited = inherited(h, p, d, sizes.get(d));
        if (inherited != null) {
          coords.put(d, inherited);
        }
      }
    }
    Set<String> aux = new LinkedHashSet<>();
    for (Variable v : vars.values()) {
      JsonNode c = v.attributes().get("coordinates");
      if (c != null && c.isTextual()) {
        for (String name : c.textValue().trim().split("\\s+")) {
          if (vars.containsKey(name) && !coords.containsKey(name)) {
            aux.add(name);
          }
        }
      }
    }
    return new GroupModel(p, vars, sizes, coords, aux);
  }

  private static Variable variable(Hierarchy h, String name, String path) {
    ArrayMetadata m = h.arrayMetadata(path);
    List<String> dims = m.dimensionNames();
    if (dims == null || dims.contains(null)) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < m.rank(); i++) {
        String d = dims == null ? null : dims.get(i);
        names.add(d != null ? d : "dim_" + i);
      }
      dims = names;
    }
    return new Variable(name, path, Collections.unmodifiableList(dims), m);
  }

  /** A coordinate of dimension d in the closest ancestor group, as DataTree inherits them. */
  private static Variable inherited(Hierarchy h, String groupPath, String d, long size) {
    String p = groupPath;
    while (!p.isEmpty()) {
      int slash = p.lastIndexOf('/');
      p = slash < 0 ? "" : p.substring(0, slash);
      String cp = StoreKeys.join(p, d);
      if (h.kind(cp) == Hierarchy.Kind.ARRAY) {
        Variable v = variable(h, d, cp);
        if (v.isDimensionCoordinate() && v.metadata().shape()[0] == size) {
          return v;
        }
      }
    }
    return null;
  }

  public String path() {
    return path;
  }

  public Map<String, Variable> variables() {
    return variables;
  }

  public Map<String, Long> dimSizes() {
    return dimSizes;
  }

  /** The 1-D coordinate variable of a dimension, or null when it has none. */
  public Variable coordinate(String dim) {
    return dimCoordinates.get(dim);
  }

  /** Data variables: neither dimension coordinates nor named in a "coordinates" attribute. */
  public List<Variable> dataVariables() {
    List<Variable> out = new ArrayList<>();
    for (Variable v : variables.values()) {
      if (!(v.isDimensionCoordinate() && dimCoordinates.get(v.name()) == v) && !auxCoordinates.contains(v.name())) {
        out.add(v);
      }
    }
    return out;
  }

  /** Non-dimension coordinates (e.g. 2-D lat/lon, station_elevation). */
  public List<Variable> auxCoordinates() {
    List<Variable> out = new ArrayList<>();
    for (String n : auxCoordinates) {
      out.add(variables.get(n));
    }
    return out;
  }

  /** Distinct dimension sets of the data variables, each in the order its first variable uses. */
  public List<List<String>> dimensionSets() {
    Map<Set<String>, List<String>> sets = new LinkedHashMap<>();
    for (Variable v : dataVariables()) {
      sets.putIfAbsent(new LinkedHashSet<>(v.dims()), v.dims());
    }
    return new ArrayList<>(sets.values());
  }

  /** The default table's dimensions: most dimensions, then most points, then most variables. */
  public List<String> defaultDimensions() {
    List<String> best = null;
    long bestPoints = -1;
    int bestVars = -1;
    for (List<String> s : dimensionSets()) {
      long points = 1;
      for (String d : s) {
        points = Math.multiplyExact(points, dimSizes.get(d));
      }
      int nvars = 0;
      for (Variable v : dataVariables()) {
        if (new LinkedHashSet<>(v.dims()).equals(new LinkedHashSet<>(s))) {
          nvars++;
        }
      }
      if (best == null || s.size() > best.size() || (s.size() == best.size()
          && (points > bestPoints || (points == bestPoints && nvars > bestVars)))) {
        best = s;
        bestPoints = points;
        bestVars = nvars;
      }
    }
    if (best == null) {
      // No data variables: a table of the coordinates alone.
      return new ArrayList<>(dimSizes.keySet());
    }
    return best;
  }

  @Override
  public String toString() {
    return "group '" + path + "' dims " + dimSizes + " variables " + Arrays.toString(variables.keySet().toArray());
  }
}
