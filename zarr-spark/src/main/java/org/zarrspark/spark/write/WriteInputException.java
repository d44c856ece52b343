package org.zarrspark.spark.write;

/**
 * A write refused because of what the user asked: the input (its columns, types, values) does
 * not fit the dataset to write or the one to append to. Not a {@code ZarrException}: the store
 * is fine. Option mistakes are {@link org.zarrspark.spark.ZarrOptionException}s.
 */
public final class WriteInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public WriteInputException(String message) {
    super(message);
  }
}
