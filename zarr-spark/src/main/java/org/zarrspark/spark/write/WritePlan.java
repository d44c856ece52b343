package org.zarrspark.spark.write;

import java.util.List;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.write.ArrayDocument;

/**
 * A planned write, on the driver: the tasks' {@link DatasetLayout}, and what the driver writes
 * itself on commit: the coordinate values (a box of each coordinate array) and every array's
 * metadata.
 */
public final class WritePlan {
  public final int zarrFormat;
  public final boolean append;
  public final DatasetLayout layout;
  public final List<ArrayDocument> coordDocs;
  public final List<NdBuffer> coordValues;
  /** Where each coordinate box starts (the existing length for the appended dimension, else 0). */
  public final long[] coordOrigins;

  public WritePlan(int zarrFormat, boolean append, DatasetLayout layout, List<ArrayDocument> coordDocs,
      List<NdBuffer> coordValues, long[] coordOrigins) {
    this.zarrFormat = zarrFormat;
    this.append = append;
    this.layout = layout;
    this.coordDocs = coordDocs;
    this.coordValues = coordValues;
    this.coordOrigins = coordOrigins;
  }
}
