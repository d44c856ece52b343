package org.zarrspark.spark.write;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which value stands for NULL, as xarray chooses it, and the refusals when none can. */
class FillChoiceTest {
  @Test
  void integersGetAFillValueOnlyWhenTheyNeedOne() {
    assertNull(FillChoice.forNewVariable("n", ValueKind.INT32, 0, new long[] {1, 5}, true), "complete: none");
    assertEquals(-128L, FillChoice.forNewVariable("n", ValueKind.INT8, 1, new long[] {1, 5}, true), "NULLs: the minimum");
    assertEquals(-32768L, FillChoice.forNewVariable("n", ValueKind.INT16, 0, new long[] {1, 5}, false), "holes: the minimum");
    assertEquals(Long.MIN_VALUE, FillChoice.forNewVariable("n", ValueKind.INT64, 3, null, true), "all NULL");
    assertEquals(127L, FillChoice.forNewVariable("n", ValueKind.INT8, 1, new long[] {-128, 5}, true),
        "the minimum is used: the maximum");
    WriteInputException e = assertThrows(WriteInputException.class,
        () -> FillChoice.forNewVariable("n", ValueKind.INT8, 1, new long[] {-128, 127}, true));
    assertTrue(e.getMessage().contains("integer column 'n'") && e.getMessage().contains("wider type"), e.getMessage());
  }

  @Test
  void timestampsUseNatAndOtherKindsNone() {
    assertEquals(Long.MIN_VALUE, FillChoice.forNewVariable("t", ValueKind.TIMESTAMP, 0, null, true));
    assertNull(FillChoice.forNewVariable("f", ValueKind.FLOAT64, 4, null, false));
    assertNull(FillChoice.forNewVariable("s", ValueKind.STRING, 4, null, false));
    assertNull(FillChoice.forNewVariable("b", ValueKind.BOOL, 0, null, true));
  }

  @Test
  void booleansMustFillTheGrid() {
    assertDoesNotThrow(() -> FillChoice.checkBooleanFilled("flag", ValueKind.BOOL, true));
    assertDoesNotThrow(() -> FillChoice.checkBooleanFilled("n", ValueKind.INT32, false));
    WriteInputException e = assertThrows(WriteInputException.class,
        () -> FillChoice.checkBooleanFilled("flag", ValueKind.BOOL, false));
    assertTrue(e.getMessage().contains("boolean column 'flag'"), e.getMessage());
  }

  @Test
  void appendsToIntegersWithoutFillMustBeComplete() {
    assertDoesNotThrow(() -> FillChoice.checkIntegerFill("n", ValueKind.INT32, null, 0, true));
    assertDoesNotThrow(() -> FillChoice.checkIntegerFill("n", ValueKind.INT32, -1L, 2, false));
    WriteInputException nulls = assertThrows(WriteInputException.class,
        () -> FillChoice.checkIntegerFill("n", ValueKind.INT32, null, 2, true));
    assertTrue(nulls.getMessage().contains("integer variable 'n'") && nulls.getMessage().contains("NULLs"));
    WriteInputException holes = assertThrows(WriteInputException.class,
        () -> FillChoice.checkIntegerFill("n", ValueKind.INT32, null, 0, false));
    assertTrue(holes.getMessage().contains("leave grid points empty"), holes.getMessage());
  }
}
