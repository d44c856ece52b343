package org.zarrspark.spark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.dtype.DataType;
import org.zarrspark.core.metadata.ArrayMetadata;
import org.zarrspark.core.metadata.CfCalendar;
import org.zarrspark.core.metadata.V2Metadata;
import org.zarrspark.core.metadata.V3Metadata;
import org.zarrspark.core.write.ArraySpec;

/**
 * {@link CfConventions}: the decoding xarray would apply to a variable, from its type and
 * attributes. Expected output types follow xarray's CF decoding rules as documented in the
 * test names and comments.
 */
class CfConventionsTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private static ObjectNode attrs() {
    return F.objectNode();
  }

  private static Decoding cf(DataType t, ObjectNode a) {
    return CfConventions.decoding(t, a, true, null);
  }

  private static long micros(String iso) {
    Instant i = Instant.parse(iso);
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
  }

  @Test
  void rawOutputTypes() {
    assertEquals(Decoding.Out.BOOLEAN, CfConventions.rawOut(DataType.BOOL));
    assertEquals(Decoding.Out.BYTE, CfConventions.rawOut(DataType.INT8));
    assertEquals(Decoding.Out.SHORT, CfConventions.rawOut(DataType.INT16));
    assertEquals(Decoding.Out.INT, CfConventions.rawOut(DataType.INT32));
    assertEquals(Decoding.Out.LONG, CfConventions.rawOut(DataType.INT64));
    // Unsigned types widen to the next signed type that holds every value.
    assertEquals(Decoding.Out.SHORT, CfConventions.rawOut(DataType.UINT8));
    assertEquals(Decoding.Out.INT, CfConventions.rawOut(DataType.UINT16));
    assertEquals(Decoding.Out.LONG, CfConventions.rawOut(DataType.UINT32));
    assertEquals(Decoding.Out.DECIMAL, CfConventions.rawOut(DataType.UINT64));
    assertEquals(Decoding.Out.FLOAT, CfConventions.rawOut(DataType.FLOAT16));
    assertEquals(Decoding.Out.FLOAT, CfConventions.rawOut(DataType.FLOAT32));
    assertEquals(Decoding.Out.DOUBLE, CfConventions.rawOut(DataType.FLOAT64));
    assertEquals(Decoding.Out.STRING, CfConventions.rawOut(DataType.STRING));
    assertEquals(Decoding.Out.STRING, CfConventions.rawOut(DataType.parseNumpy("<U3")));
    assertEquals(Decoding.Out.BINARY, CfConventions.rawOut(DataType.parseNumpy("|S5")));
    assertEquals(Decoding.Out.LONG, CfConventions.rawOut(DataType.parseNumpy("<m8[s]")));
    assertNull(CfConventions.rawOut(DataType.COMPLEX64));
    assertNull(CfConventions.rawOut(DataType.COMPLEX128));
  }

  @Test
  void sparkTypesOfTheOutputs() {
    assertEquals(new DecimalType(20, 0), cf(DataType.UINT64, attrs()).sparkType());
    assertEquals(DataTypes.ShortType, cf(DataType.UINT8, attrs()).sparkType());
    assertEquals(DataTypes.FloatType, cf(DataType.FLOAT32, attrs()).sparkType());
    assertEquals(DataTypes.TimestampType, cf(DataType.parseNumpy("<M8[ns]"), attrs()).sparkType());
    assertEquals(DataTypes.StringType, cf(DataType.STRING, attrs()).sparkType());
    assertEquals(DataTypes.BinaryType, cf(DataType.parseNumpy("|S5"), attrs()).sparkType());
  }

  @Test
  void withoutCfDecodingNothingIsMaskedOrScaled() {
    ObjectNode a = attrs().put("_FillValue", -1).put("scale_factor", 0.5).put("units", "days since 2000-01-01");
    Decoding d = CfConventions.decoding(DataType.FLOAT32, a, false, F.numberNode(-2));
    assertEquals(Decoding.Out.FLOAT, d.out);
    assertFalse(d.nanIsNull);
    assertFalse(d.hasMask());
    assertFalse(d.scaled);
    assertFalse(d.cfTime);
    Decoding i = CfConventions.decoding(DataType.INT16, a, false, null);
    assertEquals(Decoding.Out.SHORT, i.out);
    assertFalse(i.hasMask());
  }

  @Test
  void floatsMaskNaNIntegersDoNot() {
    assertTrue(cf(DataType.FLOAT64, attrs()).nanIsNull);
    assertTrue(cf(DataType.FLOAT32, attrs()).hasMask());
    assertFalse(cf(DataType.INT32, attrs()).nanIsNull);
    assertFalse(cf(DataType.INT32, attrs()).hasMask());
    assertFalse(cf(DataType.BOOL, attrs().put("_FillValue", 0)).hasMask(), "booleans are not masked");
    assertFalse(cf(DataType.STRING, attrs().put("_FillValue", "")).hasMask(), "strings are not masked");
  }

  @Test
  void fillValueAndMissingValueBothMask() {
    ObjectNode a = attrs().put("_FillValue", -9999);
    a.putArray("missing_value").add(-1).add(-2.5);
    Decoding d = cf(DataType.FLOAT64, a);
    assertArrayEquals(new double[] {-9999, -1, -2.5}, d.maskValues);
    assertEquals(0, d.maskLongs.length);
    assertEquals(Decoding.Out.DOUBLE, d.out);
  }

  @Test
  void int64FillValuesAreKeptExactly() {
    long big = (1L << 62) + 1; // not representable as a double
    Decoding d = cf(DataType.INT64, attrs().put("_FillValue", big));
    assertArrayEquals(new long[] {big}, d.maskLongs);
    assertEquals(0, d.maskValues.length);
    // Narrower integers compare as doubles.
    Decoding s = cf(DataType.INT16, attrs().put("_FillValue", -32767));
    assertArrayEquals(new double[] {-32767}, s.maskValues);
    assertEquals(0, s.maskLongs.length);
  }

  @Test
  void specialFloatFillSpellings() {
    ObjectNode a = attrs().put("_FillValue", "NaN").put("missing_value", "-Infinity");
    Decoding d = cf(DataType.FLOAT64, a);
    assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY}, d.maskValues, "NaN needs no mask value");
    assertTrue(d.nanIsNull);
    assertArrayEquals(new double[] {Double.POSITIVE_INFINITY}, cf(DataType.FLOAT32, attrs().put("_FillValue", "Infinity")).maskValues);
  }

  @Test
  void base64FillValuesAsXarrayWritesThemInV3() {
    byte[] d8 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(-9999.5).array();
    byte[] f4 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).array();
    byte[] nan = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(Double.NaN).array();
    Base64.Encoder e = Base64.getEncoder();
    assertArrayEquals(new double[] {-9999.5}, cf(DataType.FLOAT64, attrs().put("_FillValue", e.encodeToString(d8))).maskValues);
    assertArrayEquals(new double[] {1.5}, cf(DataType.FLOAT32, attrs().put("_FillValue", e.encodeToString(f4))).maskValues);
    assertEquals(0, cf(DataType.FLOAT64, attrs().put("_FillValue", e.encodeToString(nan))).maskValues.length);
    assertEquals(0, cf(DataType.FLOAT64, attrs().put("_FillValue", "not base64 !")).maskValues.length);
  }

  @Test
  void v2FillValueServesAsFillValue() {
    Decoding d = CfConventions.decoding(DataType.INT16, attrs(), true, F.numberNode(-32768));
    assertArrayEquals(new double[] {-32768}, d.maskValues);
    // The attribute wins over the v2 fill_value.
    Decoding a = CfConventions.decoding(DataType.INT16, attrs().put("_FillValue", 7), true, F.numberNode(-32768));
    assertArrayEquals(new double[] {7}, a.maskValues);
    // A null fill_value masks nothing.
    assertFalse(CfConventions.decoding(DataType.INT16, attrs(), true, F.nullNode()).hasMask());
  }

  @Test
  void metadataV2FillValueCountsButV3FillValueDoesNot() {
    byte[] fill = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).array();
    ArraySpec spec = ArraySpec.of(DataType.INT32, new long[] {4}, new int[] {4}).fill(fill).dimensionNames(List.of("x"));
    ArrayMetadata v2 = V2Metadata.parseArray(spec.zarrFormat(2).document(), spec.v2Attributes());
    assertArrayEquals(new double[] {-1}, CfConventions.decoding(v2, true).maskValues);
    assertFalse(CfConventions.decoding(v2, false).hasMask());
    ArrayMetadata v3 = V3Metadata.parseArray(spec.zarrFormat(3).document());
    assertFalse(CfConventions.decoding(v3, true).hasMask(), "v3 fill_value is not a _FillValue");
    ObjectNode withAttr = attrs().put("_FillValue", -1);
    ArrayMetadata v3a = V3Metadata.parseArray(spec.attributes(withAttr).zarrFormat(3).document());
    assertArrayEquals(new double[] {-1}, CfConventions.decoding(v3a, true).maskValues);
  }

  @Test
  void scaleAndOffsetOutputTypesWhereXarrayVersionsAgree() {
    ObjectNode both = attrs().put("scale_factor", 0.01).put("add_offset", 1000.0);
    Decoding sp = cf(DataType.INT16, both.deepCopy().put("_FillValue", -32767));
    assertTrue(sp.scaled);
    assertEquals(0.01, sp.scale);
    assertEquals(1000.0, sp.offset);
    assertEquals(Decoding.Out.DOUBLE, sp.out, "int16 with an offset decodes to float64");
    assertArrayEquals(new double[] {-32767}, sp.maskValues, "masks apply to raw values");
    assertEquals(Decoding.Out.DOUBLE, cf(DataType.INT32, attrs().put("scale_factor", 0.5)).out);
    assertEquals(Decoding.Out.DOUBLE, cf(DataType.INT64, attrs().put("scale_factor", 0.5)).out);
    assertEquals(Decoding.Out.DOUBLE, cf(DataType.FLOAT64, both).out);
    assertEquals(Decoding.Out.DOUBLE, cf(DataType.INT8, attrs().put("add_offset", 3.0)).out);
  }

  @Test
  void missingScaleOrOffsetDefaults() {
    Decoding onlyOffset = cf(DataType.INT32, attrs().put("add_offset", 273.15));
    assertTrue(onlyOffset.scaled);
    assertEquals(1.0, onlyOffset.scale);
    assertEquals(273.15, onlyOffset.offset);
    Decoding onlyScale = cf(DataType.INT32, attrs().put("scale_factor", 0.1));
    assertEquals(0.1, onlyScale.scale);
    assertEquals(0.0, onlyScale.offset);
    ObjectNode listed = attrs();
    listed.putArray("scale_factor").add(2.0);
    assertEquals(2.0, cf(DataType.INT32, listed).scale, "a one-element list");
    assertFalse(cf(DataType.INT32, attrs().put("scale_factor", "2")).scaled, "a string is not a scale");
    assertFalse(cf(DataType.INT32, attrs().putNull("scale_factor")).scaled);
  }

  @Test
  void scaleOutputTypesOfCurrentXarray() {
    assertEquals(Decoding.Out.DOUBLE, cf(DataType.INT16, attrs().put("scale_factor", 0.01)).out);
    assertEquals(Decoding.Out.DOUBLE, cf(DataType.UINT8, attrs().put("scale_factor", 0.5)).out);
    assertEquals(Decoding.Out.DOUBLE, cf(DataType.FLOAT32, attrs().put("scale_factor", 2.0).put("add_offset", 1.0)).out);
  }

  @Test
  void cfTimesOnStandardCalendars() {
    ObjectNode a = attrs().put("units", "hours since 2021-06-01").put("calendar", "proleptic_gregorian");
    Decoding d = cf(DataType.INT64, a);
    assertTrue(d.cfTime);
    assertEquals(Decoding.Out.TIMESTAMP, d.out);
    assertEquals(3_600_000_000.0, d.timeUnitMicros);
    assertEquals(micros("2021-06-01T00:00:00Z"), d.timeEpochMicros);
    for (String cal : new String[] {"standard", "gregorian", "Gregorian", "proleptic_gregorian"}) {
      assertTrue(cf(DataType.FLOAT64, attrs().put("units", "days since 1970-01-01").put("calendar", cal)).cfTime, cal);
    }
    Decoding noCalendar = cf(DataType.INT32, attrs().put("units", "days since 1970-01-01"));
    assertTrue(noCalendar.cfTime, "no calendar attribute means standard");
    assertEquals(86_400_000_000.0, noCalendar.timeUnitMicros);
    assertEquals(0L, noCalendar.timeEpochMicros);
  }

  @Test
  void cfTimeReferenceDates() {
    assertEquals(micros("2000-01-01T12:30:15.500Z"),
        cf(DataType.INT64, attrs().put("units", "seconds since 2000-01-01T12:30:15.5")).timeEpochMicros);
    assertEquals(micros("1990-01-02T03:04:00Z"),
        cf(DataType.INT64, attrs().put("units", "minutes since 1990-1-2 3:04")).timeEpochMicros);
    assertEquals(micros("1850-01-01T00:00:00Z"),
        cf(DataType.INT64, attrs().put("units", "days since 1850-01-01 00:00:00 UTC")).timeEpochMicros);
    assertEquals(1_000.0, cf(DataType.INT64, attrs().put("units", "milliseconds since 1970-01-01")).timeUnitMicros);
    assertEquals(1.0, cf(DataType.INT64, attrs().put("units", "microseconds since 1970-01-01")).timeUnitMicros);
  }

  @Test
  void unitsThatAreNotCfTimes() {
    assertFalse(cf(DataType.INT64, attrs().put("units", "months since 2000-01-01")).cfTime, "months have no fixed length");
    assertFalse(cf(DataType.INT64, attrs().put("units", "K")).cfTime);
    assertFalse(cf(DataType.INT64, attrs().put("units", "days since 2000-01-01 00:00 +05:00")).cfTime, "only UTC offsets");
    assertFalse(cf(DataType.STRING, attrs().put("units", "days since 2000-01-01")).cfTime);
    assertEquals(Decoding.Out.LONG, cf(DataType.INT64, attrs().put("units", "months since 2000-01-01")).out);
  }

  @Test
  void noleapAndJulianAreTimestampsAllLeapAnd360DayText() {
    Decoding noleap = cf(DataType.INT64, attrs().put("units", "days since 2000-01-01").put("calendar", "noleap"));
    assertTrue(noleap.cfTime);
    assertEquals(Decoding.Out.TIMESTAMP, noleap.out);
    assertEquals(CfCalendar.NOLEAP, noleap.calendar);
    assertEquals(DataTypes.TimestampType, noleap.sparkType());
    assertTrue(noleap.note.contains("noleap"), noleap.note);
    assertEquals(CfCalendar.NOLEAP, cf(DataType.INT32, attrs().put("units", "days since 2000-01-01").put("calendar", "365_day")).calendar);
    Decoding julian = cf(DataType.FLOAT64, attrs().put("units", "days since 1582-10-04").put("calendar", "julian"));
    assertEquals(Decoding.Out.TIMESTAMP, julian.out);
    // The Julian reference date is its instant: Gregorian 1582-10-14.
    assertEquals(micros("1582-10-14T00:00:00Z"), julian.timeEpochMicros);
    for (String cal : new String[] {"all_leap", "366_day", "360_day", "360_DAY"}) {
      Decoding d = cf(DataType.INT64, attrs().put("units", "hours since 2001-01-01").put("calendar", cal));
      assertTrue(d.cfTime, cal);
      assertEquals(Decoding.Out.STRING, d.out, cal);
      assertTrue(d.note.contains("text"), d.note);
    }
    // A reference date of the 360_day calendar only.
    assertTrue(cf(DataType.INT64, attrs().put("units", "days since 2001-02-30").put("calendar", "360_day")).cfTime);
    assertNull(cf(DataType.INT64, attrs().put("units", "days since 2000-01-01")).note);
  }

  @Test
  void undecodableCalendarTimesStayRawNumbersWithANote() {
    Decoding months = cf(DataType.INT64, attrs().put("units", "months since 2000-01-01").put("calendar", "noleap"));
    assertFalse(months.cfTime);
    assertEquals(Decoding.Out.LONG, months.out);
    assertTrue(months.note.contains("noleap") && months.note.contains("fixed length"), months.note);
    Decoding unknown = cf(DataType.FLOAT64, attrs().put("units", "days since 2000-01-01").put("calendar", "lunar"));
    assertEquals(Decoding.Out.DOUBLE, unknown.out);
    assertTrue(unknown.note.contains("lunar"), unknown.note);
    Decoding noFeb29 = cf(DataType.INT64, attrs().put("units", "days since 2004-02-29").put("calendar", "noleap"));
    assertEquals(Decoding.Out.LONG, noFeb29.out);
    assertTrue(noFeb29.note.contains("not a date of the noleap calendar"), noFeb29.note);
    // Turning CF decoding off keeps every calendar's raw offsets (the option cfDecode=false).
    Decoding off = CfConventions.decoding(DataType.INT64, attrs().put("units", "days since 2000-01-01").put("calendar", "360_day"), false, null);
    assertFalse(off.cfTime);
    assertEquals(Decoding.Out.LONG, off.out);
  }

  @Test
  void datetime64IsATimestampWhateverCf() {
    Decoding ns = CfConventions.decoding(DataType.parseNumpy("<M8[ns]"), attrs(), false, null);
    assertEquals(Decoding.Out.TIMESTAMP, ns.out);
    assertEquals(1, ns.datetimeUnitNanos);
    assertEquals(86_400_000_000_000L, cf(DataType.parseNumpy("<M8[D]"), attrs()).datetimeUnitNanos);
    assertEquals(10_000_000_000L, cf(DataType.parseNumpy("<M8[10s]"), attrs()).datetimeUnitNanos);
    assertEquals(7 * 86_400_000_000_000L, cf(DataType.parseNumpy("<M8[W]"), attrs()).datetimeUnitNanos);
    // datetime64 ignores _FillValue (NaT is the NULL) and CF units.
    Decoding masked = cf(DataType.parseNumpy("<M8[s]"), attrs().put("_FillValue", 0).put("units", "days since 2000-01-01"));
    assertFalse(masked.hasMask());
    assertFalse(masked.cfTime);
  }

  @Test
  void calendarDatetimeUnitsStayRawTicks() {
    Decoding months = cf(DataType.parseNumpy("<M8[M]"), attrs());
    assertEquals(Decoding.Out.LONG, months.out);
    assertTrue(months.note.contains("M"), months.note);
    assertEquals(Decoding.Out.LONG, cf(DataType.parseNumpy("<M8[Y]"), attrs()).out);
  }

  @Test
  void sinceUnitsForTheWriter() {
    assertArrayEquals(new long[] {3_600_000_000L, micros("2024-01-01T00:00:00Z")}, CfConventions.sinceUnits("hours since 2024-01-01"));
    assertArrayEquals(new long[] {1_000_000L, micros("1970-01-01T00:00:01Z")}, CfConventions.sinceUnits("seconds since 1970-01-01T00:00:01"));
    assertNull(CfConventions.sinceUnits("fortnights since 2024-01-01"));
    assertNull(CfConventions.sinceUnits("metres"));
  }

  @Test
  void unitSpellings() {
    for (String u : new String[] {"days", "day", "d", "D", "DAYS"}) {
      assertEquals(86_400_000_000L, CfConventions.unitMicros(u), u);
    }
    for (String u : new String[] {"hours", "hour", "h", "hr", "hrs"}) {
      assertEquals(3_600_000_000L, CfConventions.unitMicros(u), u);
    }
    for (String u : new String[] {"seconds", "second", "s", "sec", "secs"}) {
      assertEquals(1_000_000L, CfConventions.unitMicros(u), u);
    }
    assertEquals(-1, CfConventions.unitMicros("weeks"));
    assertEquals(0, CfConventions.unitNanos("Y"));
    assertEquals(60_000_000_000L, CfConventions.unitNanos("m"), "numpy m is minutes");
  }
}
