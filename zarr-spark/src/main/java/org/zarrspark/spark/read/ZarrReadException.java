package org.zarrspark.spark.read;

/** A read failure on an executor, its message naming the store, array, chunk and column. */
public final class ZarrReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ZarrReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
