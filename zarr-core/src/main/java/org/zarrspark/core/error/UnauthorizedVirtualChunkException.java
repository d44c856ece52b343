package org.zarrspark.core.error;

/** A virtual chunk whose target lies outside every location the reader was allowed to read. */
public class UnauthorizedVirtualChunkException extends StoreException {
  public UnauthorizedVirtualChunkException(String detail) {
    super(detail);
  }

  @Override
  public String kind() {
    return "unauthorized-virtual-chunk";
  }
}
