package org.zarrspark.core.refs;

/**
 * The record files of a Parquet reference set ({@code <array>/refs.<i>.parq}, columns path,
 * offset, size, raw). zarr-core reads no Parquet: the Spark module implements this with the
 * Parquet reader Spark ships (and registers a {@link RecordSourceProvider} for the command line).
 */
public interface RecordSource {
  /**
   * The rows of record file {@code index} of an array, in order (row r = chunk index
   * {@code index * record_size + r}); an element is null where the row holds no reference (path
   * and raw null). Null when the file does not exist.
   */
  Ref[] records(String arrayPath, int index);

  /** Names the set in messages. */
  String describe();
}
