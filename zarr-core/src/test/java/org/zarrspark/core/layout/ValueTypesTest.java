package org.zarrspark.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.error.InvalidMetadataException;

class ValueTypesTest {
  @Test
  void formatOptionNumbers() {
    assertEquals(Optional.empty(), ZarrFormat.fromOption(0));
    assertEquals(Optional.of(ZarrFormat.V2), ZarrFormat.fromOption(2));
    assertEquals(Optional.of(ZarrFormat.V3), ZarrFormat.fromOption(3));
    assertEquals(3, ZarrFormat.V3.number());
    assertThrows(InvalidMetadataException.class, () -> ZarrFormat.fromOption(1));
    assertThrows(InvalidMetadataException.class, () -> ZarrFormat.fromOption(5));
  }

  @Test
  void openOptions() {
    assertTrue(OpenOptions.DEFAULT.useConsolidated());
    assertEquals(Optional.empty(), OpenOptions.DEFAULT.format());
    OpenOptions o = OpenOptions.DEFAULT.withFormat(ZarrFormat.V2).ignoringConsolidated();
    assertFalse(o.useConsolidated());
    assertEquals(Optional.of(ZarrFormat.V2), o.format());
    assertThrows(NullPointerException.class, () -> new OpenOptions(true, null));
  }

  @Test
  void metadataKeys() {
    assertEquals("a/zarr.json", NodeDocs.metadataKey(ZarrFormat.V3, "a", NodeKind.GROUP));
    assertEquals("zarr.json", NodeDocs.metadataKey(ZarrFormat.V3, "", null));
    assertEquals("a/.zgroup", NodeDocs.metadataKey(ZarrFormat.V2, "a", NodeKind.GROUP));
    assertEquals("a/.zarray", NodeDocs.metadataKey(ZarrFormat.V2, "a", NodeKind.ARRAY));
    assertEquals("a/.zarray", NodeDocs.metadataKey(ZarrFormat.V2, "a", null));
  }
}
