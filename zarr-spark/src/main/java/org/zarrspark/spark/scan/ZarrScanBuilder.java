package org.zarrspark.spark.scan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.expressions.aggregate.Aggregation;
import org.apache.spark.sql.connector.read.SupportsPushDownAggregates;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zarrspark.core.read.Hierarchy;
import org.zarrspark.spark.ZarrOptions;
import org.zarrspark.spark.model.ColumnSpec;
import org.zarrspark.spark.model.TableModel;
import org.zarrspark.spark.pushdown.Coordinates;
import org.zarrspark.spark.pushdown.PredicateTranslator;
import org.zarrspark.spark.pushdown.Selection;
import org.zarrspark.spark.util.StoreLocation;
import org.zarrspark.spark.aggregate.DataAggregates;

/**
 * Collects what Spark pushes: predicates on dimension columns become an index selection
 * (exact ones are not evaluated again), required columns prune the arrays read, a limit trims
 * the plan, COUNT(*) and MIN/MAX of dimensions are answered from metadata. {@link #build}
 * returns a scan made of its parts: a {@link ZarrScan}, or a {@link MetadataAggregateScan} that runs no task.
 */
public final class ZarrScanBuilder implements ScanBuilder, SupportsPushDownV2Filters,
    SupportsPushDownRequiredColumns, SupportsPushDownLimit, SupportsPushDownAggregates {
  private final StoreLocation location;
  private final Hierarchy hierarchy;
  private final TableModel model;
  private final ZarrOptions options;
  private StructType required;
  private Selection selection;
  private final List<Predicate> pushed = new ArrayList<>();
  private final List<Predicate> postScan = new ArrayList<>();
  private long limit = -1;
  private MetadataAggregates aggregates;
  private DataAggregates dataAggregates;
  private final Map<String, Coordinates> loaded = new HashMap<>();
  /**
   * Bytes to decode up to which a scan is one task (decoding ~1 GB/s a core), and a global
   * aggregate over it complete.
   */
  static final long ONE_TASK_BYTES = 64L << 20;
  private boolean oneTask;

  /** Bytes to decode up to which a scan is one task: no more than a partition's target either. */
  static long oneTaskBytes(ZarrOptions options) {
    return Math.min(ONE_TASK_BYTES, options.targetPartitionBytes());
  }

  public ZarrScanBuilder(StoreLocation location, Hierarchy hierarchy, TableModel model, ZarrOptions options) {
    this.location = location;
    this.hierarchy = hierarchy;
    this.model = model;
    this.options = options;
    this.required = model.schema();
    this.selection = Selection.all(model.dimSizes());
  }

  @Override
  public Predicate[] pushPredicates(Predicate[] predicates) {
    Map<String, ColumnSpec> dims = new HashMap<>();
    for (ColumnSpec c : model.columns()) {
      if (c.role != ColumnSpec.Role.VARIABLE) {
        dims.put(c.name, c);
      }
    }
    PredicateTranslator t = new PredicateTranslator(model.dimSizes(), dims, this::coordinates);
    for (Predicate p : predicates) {
      Selection s = t.translate(p);
      if (s == null) {
        postScan.add(p);
        continue;
      }
      selection = selection.and(s);
      pushed.add(p);
      if (!s.isExact()) {
        postScan.add(p); // used to prune chunks, but Spark must still check each row
      }
    }
    return postScan.toArray(new Predicate[0]);
  }

  /** A dimension's coordinate values, read once per scan on the driver. */
  private Coordinates coordinates(ColumnSpec c) {
    return loaded.computeIfAbsent(c.name, k -> Coordinates.load(hierarchy.store(), c));
  }

  @Override
  public boolean pushAggregation(Aggregation aggregation) {
    if (!postScan.isEmpty()) {
      return false;
    }
    aggregates = MetadataAggregates.of(aggregation, model, selection, this::coordinates);
    if (aggregates == null && options.aggregatePushdown()) {
      dataAggregates = DataAggregates.of(aggregation, model, oneTask);
      return dataAggregates != null;
    }
    return aggregates != null;
  }

  @Override
  public boolean supportCompletePushDown(Aggregation aggregation) {
    if (!postScan.isEmpty()) {
      return false;
    }
    if (MetadataAggregates.of(aggregation, model, selection, this::coordinates) != null) {
      return true;
    }
    // An aggregate over a small selection: one task computes every group whole, so Spark needs
    // no second stage to merge partials (a stage and a shuffle cost more than decoding a few chunks).
    DataAggregates d = options.aggregatePushdown() && limit < 0 ? DataAggregates.of(aggregation, model, true) : null;
    oneTask = d != null && selection.boxes().size() <= 1
        && ZarrScan.decodedBytes(model, selection, d.columns) <= oneTaskBytes(options);
    return oneTask;
  }

  @Override
  public Predicate[] pushedPredicates() {
    return pushed.toArray(new Predicate[0]);
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    this.required = requiredSchema;
  }

  @Override
  public boolean pushLimit(int n) {
    if (!postScan.isEmpty()) {
      return false;
    }
    limit = n;
    return true;
  }

  @Override
  public boolean isPartiallyPushed() {
    return true;
  }

  @Override
  public Scan build() {
    Map<String, ColumnSpec> byName = new LinkedHashMap<>();
    for (ColumnSpec c : model.columns()) {
      byName.put(c.name, c);
    }
    List<ColumnSpec> cols = new ArrayList<>();
    for (StructField f : required.fields()) {
      cols.add(byName.get(f.name()));
    }
    List<String> pushedText = new ArrayList<>();
    for (Predicate p : pushed) {
      pushedText.add(p.toString());
    }
    if (aggregates != null) {
      ScanParts parts = new ScanParts(location, model, List.of(), aggregates.schema, selection, pushedText, -1, options,
          null);
      return new MetadataAggregateScan(parts, aggregates.row);
    }
    if (dataAggregates != null) {
      return new ZarrScan(new ScanParts(location, model, dataAggregates.columns, dataAggregates.schema, selection,
          pushedText, -1, options, dataAggregates, oneTask));
    }
    return new ZarrScan(new ScanParts(location, model, cols, required, selection, pushedText, limit, options, null));
  }
}
