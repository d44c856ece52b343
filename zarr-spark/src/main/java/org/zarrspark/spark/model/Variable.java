package org.zarrspark.spark.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.zarrspark.core.metadata.ArrayMetadata;

/** One array of a group seen as an xarray variable: its name, node path and dimension names. */
public final class Variable {
  private final String name;
  private final String path;
  private final List<String> dims;
  private final ArrayMetadata meta;

  public Variable(String name, String path, List<String> dims, ArrayMetadata meta) {
    this.name = name;
    this.path = path;
    this.dims = dims;
    this.meta = meta;
  }

  public String name() {
    return name;
  }

  public String path() {
    return path;
  }

  public List<String> dims() {
    return dims;
  }

  public ArrayMetadata metadata() {
    return meta;
  }

  public ObjectNode attributes() {
    return meta.attributes();
  }

  /** A 1-D variable named after its dimension: the dimension's coordinate. */
  public boolean isDimensionCoordinate() {
    return dims.size() == 1 && dims.get(0).equals(name);
  }
}
