package org.zarrspark.spark.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.zarrspark.core.error.InvalidReferencesException;
import org.zarrspark.core.refs.RecordSource;
import org.zarrspark.core.refs.Ref;

/**
 * The record files of a kerchunk Parquet reference set, read with the Parquet reader Spark ships
 * (parquet-hadoop): {@code <dir>/<array>/refs.<i>.parq}, columns path, offset, size, raw. A row
 * with raw bytes is inline data, with a path a range ({@code size} 0: the whole file), with
 * neither no reference (a missing chunk).
 */
public final class ParquetRecordSource implements RecordSource {
  /** The most rows a record file may hold (fsspec writes 10,000 by default). */
  static final int MAX_ROWS = 1 << 24;

  private final String dir;
  private final Configuration conf;

  public ParquetRecordSource(String dir, Configuration conf) {
    this.dir = dir;
    this.conf = conf;
  }

  @Override
  public String describe() {
    return dir;
  }

  @Override
  public Ref[] records(String arrayPath, int index) {
    String rel = (arrayPath.isEmpty() ? "" : arrayPath + "/") + "refs." + index + ".parq";
    Path path = new Path(dir + "/" + rel);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        return null;
      }
      List<Ref> rows = new ArrayList<>();
      try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(conf).build()) {
        for (Group g = reader.read(); g != null; g = reader.read()) {
          if (rows.size() >= MAX_ROWS) {
            throw new InvalidReferencesException(rel + " holds more than " + MAX_ROWS + " rows").at(dir, rel);
          }
          rows.add(row(g, rel));
        }
      }
      return rows.toArray(new Ref[0]);
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidReferencesException z) {
        throw z;
      }
      throw new InvalidReferencesException("cannot read the record file " + rel + ": " + e, e).at(dir, rel);
    }
  }

  private static boolean present(Group g, String field) {
    return g.getType().containsField(field) && g.getFieldRepetitionCount(field) > 0;
  }

  private static Ref row(Group g, String rel) {
    if (present(g, "raw")) {
      return new Ref.Inline(g.getBinary("raw", 0).getBytes());
    }
    if (!present(g, "path")) {
      return null;
    }
    String url = g.getString("path", 0);
    long offset = present(g, "offset") ? g.getLong("offset", 0) : 0;
    long size = present(g, "size") ? g.getLong("size", 0) : 0;
    if (offset < 0 || size < 0) {
      throw new InvalidReferencesException("a row of " + rel + " has a negative offset or size");
    }
    return new Ref.Range(url, offset, size == 0 ? -1 : size);
  }
}
