package org.zarrspark.spark.write;

import java.io.Serializable;
import org.zarrspark.core.write.CfTime;

/**
 * One column of the written table: a dimension (its coordinate variable) or a data variable.
 * Carries what a task needs to store a value: the row position, the kind, the CF time encoding
 * of timestamps and the integer fill value (NULL is stored as it; a real value equal to it is refused).
 */
public final class WriteColumn implements Serializable {
  private static final long serialVersionUID = 1L;

  public final String name;
  /** Position of the column in the rows the tasks receive. */
  public final int field;
  public final ValueKind kind;
  /** Time encoding (timestamps only), else null. */
  public final CfTime time;
  /** Stored fill value of integer and time variables (NULL), else null. */
  public final Long fill;

  public WriteColumn(String name, int field, ValueKind kind, CfTime time, Long fill) {
    this.name = name;
    this.field = field;
    this.kind = kind;
    this.time = time;
    this.fill = fill;
  }

  /** The stored number of a non-null value of a long-kind column (time: CF-encoded). */
  public long stored(long key) {
    if (time == null) {
      return key;
    }
    if (!time.exact(key)) {
      throw new IllegalArgumentException("timestamp " + java.time.Instant.ofEpochSecond(Math.floorDiv(key, 1_000_000L),
          Math.floorMod(key, 1_000_000L) * 1000) + " of column '" + name + "' is not a whole number of '"
          + time.units() + "'");
    }
    return time.encode(key);
  }
}
