package org.zarrspark.spark.scan;

import java.util.Arrays;
import org.apache.spark.sql.connector.read.InputPartition;

/** One task's work: a box of table rows (aligned to the read grid). Small and serializable. */
public final class ZarrInputPartition implements InputPartition {
  private static final long serialVersionUID = 1L;

  final long[] origin;
  final int[] shape;

  ZarrInputPartition(long[] origin, int[] shape) {
    this.origin = origin;
    this.shape = shape;
  }

  long rows() {
    long n = 1;
    for (int s : shape) {
      n *= s;
    }
    return n;
  }

  @Override
  public String toString() {
    return "box " + Arrays.toString(origin) + " + " + Arrays.toString(shape);
  }
}
