package org.zarrspark.spark.scan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.types.StructType;
import org.zarrspark.spark.aggregate.DataAggregates;
import org.zarrspark.spark.ZarrOptions;
import org.zarrspark.spark.model.ColumnSpec;
import org.zarrspark.spark.model.TableModel;
import org.zarrspark.spark.pushdown.Selection;
import org.zarrspark.spark.util.StoreLocation;

/**
 * Everything a scan is made of, fixed by {@link ZarrScanBuilder#build}: a scan is a function of
 * this value, and its plan and description are derived from it.
 *
 * @param columns the columns read (none when the answer comes from metadata)
 * @param readSchema what the scan returns: the columns, or the aggregates' schema
 * @param pushed the pushed predicates, as EXPLAIN shows them
 * @param limit the pushed limit, or -1
 * @param aggregates the aggregates tasks compute (partial, merged by Spark), or null
 * @param oneTask the scan is one partition, whose aggregates are then complete (Spark merges
 *     nothing: one stage, no shuffle)
 */
public record ScanParts(StoreLocation location, TableModel model, List<ColumnSpec> columns, StructType readSchema,
    Selection selection, List<String> pushed, long limit, ZarrOptions options, DataAggregates aggregates,
    boolean oneTask) {

  public ScanParts {
    columns = Collections.unmodifiableList(new ArrayList<>(columns));
    pushed = List.copyOf(pushed);
  }

  public ScanParts(StoreLocation location, TableModel model, List<ColumnSpec> columns, StructType readSchema,
      Selection selection, List<String> pushed, long limit, ZarrOptions options, DataAggregates aggregates) {
    this(location, model, columns, readSchema, selection, pushed, limit, options, aggregates, false);
  }
}
