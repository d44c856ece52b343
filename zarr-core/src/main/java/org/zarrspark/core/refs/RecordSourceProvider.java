package org.zarrspark.core.refs;

/** Opens the record files of a Parquet reference set at a directory location (found by ServiceLoader). */
public interface RecordSourceProvider {
  RecordSource open(String location);
}
