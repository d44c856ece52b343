package org.zarrspark.core.error;

/**
 * Files read together as one dataset (NetCDF-4 files concatenated along their record dimension)
 * that disagree: a coordinate with other values, an array missing from one file, another dtype,
 * fill value or chunk shape, or a record length that breaks the chunk grid.
 */
public class InconsistentFilesException extends ZarrException {
  public InconsistentFilesException(String detail) {
    super(detail);
  }

  @Override
  public String kind() {
    return "inconsistent-files";
  }
}
