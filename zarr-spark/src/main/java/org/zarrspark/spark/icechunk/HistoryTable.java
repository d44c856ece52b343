package org.zarrspark.spark.icechunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.LocalScan;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.apache.spark.unsafe.types.UTF8String;
import org.zarrspark.core.icechunk.IcechunkRepository;
import org.zarrspark.core.icechunk.SnapshotInfo;

/**
 * A repository's history as a table, like Iceberg's {@code snapshots} metadata table: one row per
 * snapshot reachable from any branch or tag, with the branches and tags that point at it. Read on
 * the driver (a repository's refs and snapshot list are small): a local scan, no task.
 */
public final class HistoryTable implements SupportsRead {
  /** The table's name after the repository's location: {@code zarr.`REPO`.snapshots}. */
  public static final String NAME = "snapshots";

  static final StructType SCHEMA = new StructType()
      .add("snapshot_id", DataTypes.StringType, false)
      .add("parent_id", DataTypes.StringType, true)
      .add("flushed_at", DataTypes.TimestampType, false)
      .add("message", DataTypes.StringType, true)
      .add("branches", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("tags", DataTypes.createArrayType(DataTypes.StringType, false), false);

  private final String name;
  private final IcechunkRepository repo;

  public HistoryTable(String name, IcechunkRepository repo) {
    this.name = name;
    this.repo = repo;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StructType schema() {
    return SCHEMA;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return () -> new History(rows(repo));
  }

  /** Newest first, as {@code git log} lists. */
  static InternalRow[] rows(IcechunkRepository repo) {
    List<InternalRow> out = new ArrayList<>();
    for (IcechunkRepository.HistoryEntry e : repo.history()) {
      SnapshotInfo s = e.snapshot();
      long micros = Math.addExact(Math.multiplyExact(s.flushedAt().getEpochSecond(), 1_000_000L),
          s.flushedAt().getNano() / 1000);
      out.add(new GenericInternalRow(new Object[] {
          UTF8String.fromString(s.id().toString()),
          s.parentId() == null ? null : UTF8String.fromString(s.parentId().toString()),
          micros,
          s.message() == null ? null : UTF8String.fromString(s.message()),
          strings(e.branches()),
          strings(e.tags())}));
    }
    return out.toArray(new InternalRow[0]);
  }

  private static GenericArrayData strings(List<String> names) {
    Object[] a = new Object[names.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = UTF8String.fromString(names.get(i));
    }
    return new GenericArrayData(a);
  }

  private record History(InternalRow[] rows) implements LocalScan {
    @Override
    public StructType readSchema() {
      return SCHEMA;
    }

    @Override
    public String description() {
      return "IcechunkHistory (" + rows.length + " snapshots)";
    }
  }
}
