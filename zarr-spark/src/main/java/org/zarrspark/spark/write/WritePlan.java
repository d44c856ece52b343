package org.zarrspark.spark.write;

import java.util.List;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.write.ArrayDocument;

/**
 * A planned write, on the driver: the tasks' {@link DatasetLayout}, and what the driver writes
 * itself on commit: the coordinate values (a box of each coordinate array) and every array's
 * metadata.
 *
 * @param coordDocs the coordinate arrays written (on append: only the appended dimension's)
 * @param coordValues their values, one box each
 * @param coordOrigin where each coordinate box starts: the existing length on append, else 0
 */
public record WritePlan(int zarrFormat, boolean append, DatasetLayout layout, List<ArrayDocument> coordDocs,
    List<NdBuffer> coordValues, long coordOrigin) {}
