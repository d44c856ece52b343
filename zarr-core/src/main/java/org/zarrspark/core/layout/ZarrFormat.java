package org.zarrspark.core.layout;

import java.util.Optional;
import org.zarrspark.core.error.InvalidMetadataException;

/** The Zarr specification version a hierarchy is written in. */
public enum ZarrFormat {
  V2(2),
  V3(3);

  private final int number;

  ZarrFormat(int number) {
    this.number = number;
  }

  /** 2 or 3, as {@code zarr_format} spells it. */
  public int number() {
    return number;
  }

  /**
   * The format an option names: 2 or 3, or 0 for "find out" (empty). Any other number is refused
   * (without a location: the caller knows which store it was meant for).
   */
  public static Optional<ZarrFormat> fromOption(int number) {
    return switch (number) {
      case 0 -> Optional.empty();
      case 2 -> Optional.of(V2);
      case 3 -> Optional.of(V3);
      default -> throw new InvalidMetadataException("zarr format " + number + " must be 2 or 3");
    };
  }
}
