package org.zarrspark.spark;

/**
 * A user's mistake in an option (a bad value, a missing or contradictory option): the message
 * names the option and, for a bad value, the value given. Not a {@code ZarrException}: nothing
 * is wrong with the store.
 */
public final class ZarrOptionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String option;

  public ZarrOptionException(String option, String message) {
    super(message);
    this.option = option;
  }

  /** "option NAME must be EXPECTED, got 'VALUE'". */
  public static ZarrOptionException invalid(String option, String value, String expected) {
    return new ZarrOptionException(option, "option " + option + " must be " + expected + ", got '" + value + "'");
  }

  /** The option at fault, as documented (camelCase). */
  public String option() {
    return option;
  }
}
